package org.sysmodels.irp.model.io;

/**
 * The cancel-safe queue (IoCsqInitialize, IoCsqInsertIrp, IoCsqRemoveNextIrp, IoCsqRemoveIrp), following the
 * algorithm of ReactOS sdk/lib/drivers/csq/csq.c. Insertion marks the IRP pending, queues it, then sets the queue's
 * own cancel routine; if the IRP was cancelled meanwhile and the routine can still be taken back, the queue completes
 * it at once. Removal takes the cancel routine back first: an IRP whose routine is already gone is being cancelled
 * on some processor and is skipped. So a queued IRP is completed exactly once, by the queue's user or by the cancel
 * path, never both.
 */
public final class IoCsq {

    private final IoManager io;
    private final CsqCallbacks callbacks;
    private final DriverCancel cancelRoutine;

    /** IoCsqInitialize. */
    public IoCsq(IoManager io, CsqCallbacks callbacks) {
        this.io = io;
        this.callbacks = callbacks;
        this.cancelRoutine = IoCsq::csqCancelRoutine;
    }

    public CsqCallbacks callbacks() {
        return callbacks;
    }

    /** IoCsqInsertIrp: never leaves a cancelled IRP in the queue; marks the IRP pending in every case. */
    public void IoCsqInsertIrp(Irp irp, IoCsqIrpContext context) {
        int irql = callbacks.CsqAcquireLock(this);
        io.IoMarkIrpPending(irp);
        if (context != null) {
            context.irp = irp;
            context.csq = this;
            irp.DriverContext[3] = context;
        } else {
            irp.DriverContext[3] = this;
        }
        callbacks.CsqInsertIrp(this, irp);
        io.cancel().IoSetCancelRoutine(irp, cancelRoutine);
        if (irp.cancel && io.cancel().IoSetCancelRoutine(irp, null) != null) {
            irp.DriverContext[3] = null;
            callbacks.CsqRemoveIrp(this, irp);
            callbacks.CsqCompleteCanceledIrp(this, irp);
            if (context != null) {
                context.irp = null;
            }
        }
        callbacks.CsqReleaseLock(this, irql);
    }

    /** IoCsqRemoveNextIrp: the first queued IRP matching {@code peekContext} that is not being cancelled, or null. */
    public Irp IoCsqRemoveNextIrp(Object peekContext) {
        int irql = callbacks.CsqAcquireLock(this);
        Irp irp = null;
        while ((irp = callbacks.CsqPeekNextIrp(this, irp, peekContext)) != null) {
            if (io.cancel().IoSetCancelRoutine(irp, null) == null) {
                continue;
            }
            callbacks.CsqRemoveIrp(this, irp);
            forget(irp);
            break;
        }
        callbacks.CsqReleaseLock(this, irql);
        return irp;
    }

    /** IoCsqRemoveIrp: the IRP {@code context} tracks, unless it was removed or is being cancelled. */
    public Irp IoCsqRemoveIrp(IoCsqIrpContext context) {
        int irql = callbacks.CsqAcquireLock(this);
        Irp irp = context.irp;
        if (irp != null) {
            if (io.cancel().IoSetCancelRoutine(irp, null) == null) {
                irp = null;
            } else {
                callbacks.CsqRemoveIrp(this, irp);
                forget(irp);
            }
        }
        callbacks.CsqReleaseLock(this, irql);
        return irp;
    }

    private static void forget(Irp irp) {
        Object c = irp.DriverContext[3];
        irp.DriverContext[3] = null;
        if (c instanceof IoCsqIrpContext ctx) {
            ctx.irp = null;
        }
    }

    /** IopCsqCancelRoutine: release the cancel lock first (it is the hottest lock there is), then dequeue, complete. */
    private static void csqCancelRoutine(DeviceObject device, Irp irp) {
        Object c = irp.DriverContext[3];
        IoCsq csq = c instanceof IoCsqIrpContext ctx ? ctx.csq : (IoCsq) c;
        csq.io.cancel().IoReleaseCancelSpinLock(irp.cancelIrql);
        if (c instanceof IoCsqIrpContext ctx) {
            ctx.irp = null;
        }
        int irql = csq.callbacks.CsqAcquireLock(csq);
        csq.callbacks.CsqRemoveIrp(csq, irp);
        csq.callbacks.CsqReleaseLock(csq, irql);
        csq.callbacks.CsqCompleteCanceledIrp(csq, irp);
    }
}
