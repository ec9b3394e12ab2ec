package org.sysmodels.irp.host.labs;

import org.sysmodels.irp.host.drivers.RamDiskClassicQueue;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.Irp;

/** A cancel routine that never releases the cancel spin lock IoCancelIrp called it with. */
public class CancelRoutineKeepsCancelLock extends RamDiskClassicQueue {

    @Override
    protected void CancelQueued(DeviceObject fdo, Irp irp) {
        Extension ext = ext(fdo);
        KeAcquireSpinLockAtDpcLevel(ext.queueLock);
        ext.queue.RemoveEntryList(irp);
        KeReleaseSpinLockFromDpcLevel(ext.queueLock);
        IoReleaseRemoveLock(ext.removeLock, irp);
        complete(irp, STATUS_CANCELLED, 0);
    }
}
