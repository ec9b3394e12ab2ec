package org.sysmodels.irp.model.io;

import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.ke.KEvent;

/**
 * IO_REMOVE_LOCK (IoInitializeRemoveLock, IoAcquireRemoveLock, IoReleaseRemoveLock, IoReleaseRemoveLockAndWait):
 * counts the requests a driver is working on so IRP_MN_REMOVE_DEVICE can wait for them. The count starts at one (the
 * device's own reference); after removal starts, acquiring fails with STATUS_DELETE_PENDING; ReleaseAndWait drops the
 * caller's reference and the device's, then waits until the count reaches zero (ReactOS
 * ntoskrnl/io/iomgr/remlock.c).
 */
public final class IoRemoveLock {

    private final Kernel kernel;
    private final KEvent removeEvent = new KEvent(KEvent.Type.NotificationEvent, false);
    private boolean removed;
    private int ioCount = 1;

    /** IoInitializeRemoveLock. */
    public IoRemoveLock(Kernel kernel) {
        this.kernel = kernel;
    }

    /** IoAcquireRemoveLock: STATUS_SUCCESS, or STATUS_DELETE_PENDING once removal has started. */
    public int IoAcquireRemoveLock() {
        ioCount++;
        if (removed) {
            release();
            return NtStatus.STATUS_DELETE_PENDING;
        }
        return NtStatus.STATUS_SUCCESS;
    }

    public void IoReleaseRemoveLock() {
        release();
    }

    /** IoReleaseRemoveLockAndWait: at PASSIVE_LEVEL, in IRP_MN_REMOVE_DEVICE, after acquiring once. */
    public void IoReleaseRemoveLockAndWait() {
        removed = true;
        release();
        release();
        if (ioCount > 0) {
            kernel.KeWaitForSingleObject(removeEvent, null);
        }
    }

    private void release() {
        if (--ioCount <= 0) {
            lastRelease();
        }
    }

    private void lastRelease() {
        if (ioCount < 0) {
            ioCount = 0;
            throw new IllegalStateException("IoReleaseRemoveLock: released more often than acquired");
        }
        removeEvent.set();
    }

    public boolean removed() {
        return removed;
    }

    /** References held, including the device's own while not removed. */
    public int ioCount() {
        return ioCount;
    }
}
