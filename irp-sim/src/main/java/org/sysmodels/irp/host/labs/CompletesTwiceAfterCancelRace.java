package org.sysmodels.irp.host.labs;

import org.sysmodels.irp.host.drivers.RamDiskClassicQueue;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.Irp;

/**
 * Keeps the cancel routine set while the transfer runs ("so a user can cancel a long transfer"), and its DPC takes
 * the routine back without looking at what IoSetCancelRoutine returned: when a cancel wins the race, the cancel
 * routine completes the IRP, and then the DPC completes it again.
 */
public class CompletesTwiceAfterCancelRace extends RamDiskClassicQueue {

    @Override
    protected Irp nextQueued(Extension ext) {
        int irql = KeAcquireSpinLock(ext.queueLock);
        Irp irp = ext.queue.RemoveHeadList();
        KeReleaseSpinLock(ext.queueLock, irql);
        return irp;
    }

    @Override
    protected void CancelQueued(DeviceObject fdo, Irp irp) {
        IoReleaseCancelSpinLock(irp.CancelIrql());
        Extension ext = ext(fdo);
        int irql = KeAcquireSpinLock(ext.queueLock);
        ext.queue.RemoveEntryList(irp);
        KeReleaseSpinLock(ext.queueLock, irql);
        complete(irp, STATUS_CANCELLED, 0);
    }

    @Override
    protected void completeTransfer(Extension ext, Irp irp) {
        IoSetCancelRoutine(irp, null);
        irp.IoStatus.Status = STATUS_SUCCESS;
        IoReleaseRemoveLock(ext.removeLock, irp);
        IoCompleteRequest(irp, IO_DISK_INCREMENT);
    }
}
