package org.sysmodels.irp.host.drivers;

import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.DriverCancel;
import org.sysmodels.irp.model.io.FileObject;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.IrpList;

/**
 * The same RAM disk with the queue written by hand, as drivers did before the cancel-safe queue (WDK "Cancel Routines
 * in Drivers that Queue IRPs"): every step the CSQ does for you, done in the driver, which is where the classic
 * cancellation bugs live. The rules it keeps:
 * <ul>
 *   <li>Queue: under the queue lock, set the cancel routine, then look at Irp.Cancel; if the IRP was cancelled
 *       already and the routine can be taken back, complete it here; else mark it pending and queue it.</li>
 *   <li>Dequeue: under the queue lock, take the cancel routine back; if it is already gone, the cancel routine owns
 *       the IRP (it is running or about to run), so leave it to it.</li>
 *   <li>Cancel routine: release the cancel spin lock first, take the IRP off the queue under the queue lock,
 *       complete it with STATUS_CANCELLED.</li>
 * </ul>
 */
public class RamDiskClassicQueue extends RamDisk {

    /** Allocated once, so setting it on each IRP allocates nothing. */
    protected final DriverCancel cancelQueued = this::CancelQueued;

    public RamDiskClassicQueue() {
        super();
    }

    public RamDiskClassicQueue(int sizeBytes) {
        super(sizeBytes);
    }

    @Override
    protected int queueRequest(DeviceObject fdo, Irp irp) {
        Extension ext = ext(fdo);
        int irql = KeAcquireSpinLock(ext.queueLock);
        IoSetCancelRoutine(irp, cancelQueued);
        if (irp.Cancel() && IoSetCancelRoutine(irp, null) != null) {
            KeReleaseSpinLock(ext.queueLock, irql);
            IoReleaseRemoveLock(ext.removeLock, irp);
            return complete(irp, STATUS_CANCELLED, 0);
        }
        IoMarkIrpPending(irp);
        ext.queue.InsertTailList(irp);
        KeReleaseSpinLock(ext.queueLock, irql);
        startTransfers(ext);
        return STATUS_PENDING;
    }

    @Override
    protected Irp nextQueued(Extension ext) {
        int irql = KeAcquireSpinLock(ext.queueLock);
        Irp irp = ext.queue.first();
        while (irp != null) {
            Irp next = ext.queue.next(irp);
            ext.queue.RemoveEntryList(irp);
            if (IoSetCancelRoutine(irp, null) != null) {
                break;
            }
            irp = next;
        }
        KeReleaseSpinLock(ext.queueLock, irql);
        return irp;
    }

    /** The cancel routine: called by IoCancelIrp with the cancel spin lock held. */
    protected void CancelQueued(DeviceObject fdo, Irp irp) {
        IoReleaseCancelSpinLock(irp.CancelIrql());
        Extension ext = ext(fdo);
        int irql = KeAcquireSpinLock(ext.queueLock);
        ext.queue.RemoveEntryList(irp);
        KeReleaseSpinLock(ext.queueLock, irql);
        IoReleaseRemoveLock(ext.removeLock, irp);
        complete(irp, STATUS_CANCELLED, 0);
    }

    @Override
    protected void failQueued(Extension ext, FileObject file, int status) {
        int irql = KeAcquireSpinLock(ext.queueLock);
        IrpList drained = new IrpList();
        Irp irp = ext.queue.first();
        while (irp != null) {
            Irp next = ext.queue.next(irp);
            if (file == null || irp.FileObject() == file) {
                ext.queue.RemoveEntryList(irp);
                if (IoSetCancelRoutine(irp, null) != null) {
                    drained.InsertTailList(irp);
                }
            }
            irp = next;
        }
        KeReleaseSpinLock(ext.queueLock, irql);
        while ((irp = drained.RemoveHeadList()) != null) {
            IoReleaseRemoveLock(ext.removeLock, irp);
            complete(irp, status, 0);
        }
    }
}
