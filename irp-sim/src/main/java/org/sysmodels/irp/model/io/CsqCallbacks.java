package org.sysmodels.irp.model.io;

/**
 * The six routines a driver gives IoCsqInitialize (IO_CSQ): its own queue and lock, wrapped by the cancel-safe queue
 * so that queueing, dequeueing and cancellation cannot race. The queue calls Insert, Remove and PeekNext with the
 * lock held (through AcquireLock and ReleaseLock), and CompleteCanceledIrp to finish an IRP that was cancelled while
 * queued.
 */
public interface CsqCallbacks {

    /** CsqInsertIrp: put the IRP in the driver's queue. */
    void CsqInsertIrp(IoCsq Csq, Irp Irp);

    /** CsqRemoveIrp: take this IRP out of the driver's queue. */
    void CsqRemoveIrp(IoCsq Csq, Irp Irp);

    /**
     * CsqPeekNextIrp: the IRP after {@code Irp} (the head if null) that matches {@code PeekContext} (every IRP if
     * null), or null.
     */
    Irp CsqPeekNextIrp(IoCsq Csq, Irp Irp, Object PeekContext);

    /** CsqAcquireLock: take the queue's lock. @return the IRQL to restore */
    int CsqAcquireLock(IoCsq Csq);

    /** CsqReleaseLock. */
    void CsqReleaseLock(IoCsq Csq, int Irql);

    /** CsqCompleteCanceledIrp: complete the IRP with STATUS_CANCELLED. */
    void CsqCompleteCanceledIrp(IoCsq Csq, Irp Irp);
}
