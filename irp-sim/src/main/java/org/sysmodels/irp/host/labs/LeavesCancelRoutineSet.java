package org.sysmodels.irp.host.labs;

import org.sysmodels.irp.host.drivers.RamDiskClassicQueue;
import org.sysmodels.irp.model.io.Irp;

/** Takes IRPs off its queue without taking their cancel routine back, and completes them with it still set. */
public class LeavesCancelRoutineSet extends RamDiskClassicQueue {

    @Override
    protected Irp nextQueued(Extension ext) {
        int irql = KeAcquireSpinLock(ext.queueLock);
        Irp irp = ext.queue.RemoveHeadList();
        KeReleaseSpinLock(ext.queueLock, irql);
        return irp;
    }
}
