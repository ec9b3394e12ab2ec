package org.sysmodels.irp.host.labs;

import org.sysmodels.irp.host.drivers.RamDiskClassicQueue;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.Irp;

/** The classic: queues the IRP and returns STATUS_PENDING without IoMarkIrpPending. */
public class ForgetsMarkPending extends RamDiskClassicQueue {

    @Override
    protected int queueRequest(DeviceObject fdo, Irp irp) {
        Extension ext = ext(fdo);
        int irql = KeAcquireSpinLock(ext.queueLock);
        IoSetCancelRoutine(irp, cancelQueued);
        ext.queue.InsertTailList(irp);
        KeReleaseSpinLock(ext.queueLock, irql);
        startTransfers(ext);
        return STATUS_PENDING;
    }
}
