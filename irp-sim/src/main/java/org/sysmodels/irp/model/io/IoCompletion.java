package org.sysmodels.irp.model.io;

import org.sysmodels.core.sched.Action;
import org.sysmodels.irp.model.Irql;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.ke.Processor;

/**
 * Completing an IRP, as ReactOS ntoskrnl/io/iomgr/irp.c IofCompleteRequest does it, step for step:
 * <ol>
 *   <li>CurrentLocation beyond StackCount + 1 means the IRP was completed already: bug check
 *       MULTIPLE_IRP_COMPLETE_REQUESTS (0x44, the IRP, 0, 0, 0).</li>
 *   <li>Walk the locations from the current one upward, CurrentLocation always one above the location being looked
 *       at (so a completion routine sees its own driver's location as current). For each: PendingReturned = that
 *       location's SL_PENDING_RETURNED; if its completion routine is due (SL_INVOKE_ON_SUCCESS for a success status,
 *       SL_INVOKE_ON_ERROR for an error, SL_INVOKE_ON_CANCEL if Irp.Cancel), clear the location and call the routine
 *       with the device object of the level above (none at the top); if it returns STATUS_MORE_PROCESSING_REQUIRED,
 *       stop at once: the IRP belongs to that driver again (a routine that completed the IRP itself and returns
 *       anything else is 0x44: the walk would complete it a second time). Otherwise, if PendingReturned and not at the top, mark the
 *       location above pending (that is how pending propagates up), and clear the location.</li>
 *   <li>An associated IRP counts down its master's IrpCount and is freed; the master is completed when the count
 *       reaches zero.</li>
 *   <li>Otherwise the I/O manager finishes the request in the issuing thread: IopCompleteRequest, a kernel APC,
 *       copies IoStatus to the caller's IO_STATUS_BLOCK, signals the caller's event and frees the IRP. A synchronous
 *       request that did not pend (IRP_DEFER_IO_COMPLETION without PendingReturned) is finished by the system service
 *       itself after IoCallDriver returns, so no APC is queued.</li>
 * </ol>
 */
public final class IoCompletion {

    /** Told when the I/O manager has finished a request a thread issued (before the packet is freed). */
    @FunctionalInterface
    public interface FinishListener {
        void finished(Irp irp);
    }

    private final Kernel kernel;
    private final IoManager io;
    private final long serviceCost;
    private final Processor.Work completionApc = this::completionApc;
    private final Action apcDelivery = this::deliverApc;
    private FinishListener listener = irp -> { };
    private long completionRoutinesCalled;
    private long apcsQueued;
    private long finishedTwice;

    IoCompletion(Kernel kernel, IoManager io) {
        this.kernel = kernel;
        this.io = io;
        this.serviceCost = kernel.costs().service();
    }

    public void setFinishListener(FinishListener l) {
        listener = l;
    }

    /** IofCompleteRequest. */
    public void IofCompleteRequest(Irp irp, int priorityBoost) {
        Kernel k = kernel;
        boolean observed = k.observed;
        if (observed) {
            RoutineFrame caller = k.observedFrame();
            k.observer.onCompleteRequest(caller, irp);
            if (caller != null && caller.irp == irp) {
                if ((caller.flags & RoutineFrame.MARKED_PENDING) != 0) {
                    caller.flags |= RoutineFrame.MARKED_BEFORE_COMPLETE;
                }
                caller.flags |= RoutineFrame.COMPLETED;
            }
        }
        if (irp.currentLocation > irp.stackCount + 1) {
            completedTwice(irp);
        }
        if (!walk(irp)) {
            return;
        }
        if (observed) {
            k.observer.onIrpCompleted(irp);
        }
        if ((irp.flags & Irp.IRP_ASSOCIATED_IRP) != 0) {
            Irp master = irp.AssociatedIrp.MasterIrp;
            int count = --master.AssociatedIrp.IrpCount;
            io.IoFreeIrp(irp);
            if (count == 0) {
                IofCompleteRequest(master, priorityBoost);
            }
            return;
        }
        if (irp.thread == null) {
            noThread();
        }
        if ((irp.flags & Irp.IRP_DEFER_IO_COMPLETION) != 0 && !irp.pendingReturned) {
            return;
        }
        queueCompletionApc(irp);
    }

    /**
     * 0x44 for an IRP completed twice: by IoCompleteRequest on a packet already past the top, or by a completion
     * routine that completed its IRP and then let the walk go on, so the I/O manager completes the packet again
     * (WDK "Implementing an IoCompletion Routine": a routine that completes the IRP itself returns
     * STATUS_MORE_PROCESSING_REQUIRED; WDK Bug Check 0x44: the packet has already been completed).
     */
    private void completedTwice(Irp irp) {
        kernel.stop(new Stop.BugCheck(Stop.BugCheck.MULTIPLE_IRP_COMPLETE_REQUESTS, irp.address, 0, 0, 0), false);
    }

    private void noThread() {
        kernel.stop(new Stop.WdkRule("an IRP a driver allocated (IoAllocateIrp) completed all the way up: its "
                + "completion routine must return STATUS_MORE_PROCESSING_REQUIRED and free it, because no thread "
                + "waits for it and the I/O manager's completion APC has no thread to run in"), false);
    }

    /**
     * The stack walk. It climbs through {@link IoStackLocation#above} and stops at the top location by identity, not
     * by comparing an index with the top: C2 then does not take it for a counted loop, so it does not split it into a
     * pre, main and post loop to drop range checks (three copies of the body, 2,832 bytes of compiled code, above
     * InlineSmallCode, so that IoCallDriver could not inline the walk once it had been compiled on its own).
     *
     * @return false if a completion routine returned STATUS_MORE_PROCESSING_REQUIRED
     */
    private boolean walk(Irp irp) {
        int top = irp.stackCount + 1;
        int loc = irp.currentLocation + 1;
        if (loc > top) {
            irp.currentLocation = loc;
            return true;
        }
        IoStackLocation[] stack = irp.stack;
        IoStackLocation sp = stack[loc - 2];
        IoStackLocation last = stack[top - 2];
        for (;;) {
            irp.currentLocation = loc;
            irp.pendingReturned = (sp.control & IoStackLocation.SL_PENDING_RETURNED) != 0;
            int status = irp.IoStatus.Status;
            boolean success = NtStatus.isSuccess(status);
            if (!success && status != irp.errorCode) {
                noteError(irp, sp, status);
            }
            int c = sp.control;
            sp.clearAfterCompletion();
            IoStackLocation above = sp.above;
            if ((success && (c & IoStackLocation.SL_INVOKE_ON_SUCCESS) != 0)
                    || (!success && (c & IoStackLocation.SL_INVOKE_ON_ERROR) != 0)
                    || (irp.cancel && (c & IoStackLocation.SL_INVOKE_ON_CANCEL) != 0)) {
                DeviceObject device = sp == last ? null : above.deviceObject;
                if (callCompletionRoutine(sp, device, irp) == NtStatus.STATUS_MORE_PROCESSING_REQUIRED) {
                    return false;
                }
                int now = irp.currentLocation;
                if (now != loc) {
                    return walkFrom(irp, now);
                }
            } else if (sp != last && irp.pendingReturned) {
                above.control |= IoStackLocation.SL_PENDING_RETURNED;
            }
            if (sp == last) {
                irp.currentLocation = loc + 1;
                return true;
            }
            loc++;
            sp = above;
        }
    }

    /** The walk going on above CurrentLocation {@code loc}, where a completion routine moved it. */
    private boolean walkFrom(Irp irp, int loc) {
        irp.currentLocation = loc;
        return walk(irp);
    }

    /** A new error status: IopCompleteRequest marks the location and the bottom one SL_ERROR_RETURNED. */
    private static void noteError(Irp irp, IoStackLocation sp, int status) {
        irp.errorCode = status;
        sp.control |= IoStackLocation.SL_ERROR_RETURNED;
        irp.stack[0].control |= IoStackLocation.SL_ERROR_RETURNED;
        irp.touched(1);
    }

    private static final int LIGHT_COMPLETION = RoutineFrame.light(RoutineKind.COMPLETION);

    private int callCompletionRoutine(IoStackLocation sp, DeviceObject device, Irp irp) {
        completionRoutinesCalled++;
        IoCompletionRoutine routine = sp.completionRoutine;
        Kernel k = kernel;
        boolean observed = k.observed;
        RoutineFrame f;
        if (!observed && device != null && sp.completionSetAt == null) {
            f = k.currentFrames.enterLight(LIGHT_COMPLETION, device, irp, routine, k.completionCost);
        } else {
            DriverObject owner = device != null ? device.DriverObject : irp.allocator;
            f = k.currentFrames.enter(RoutineKind.COMPLETION, owner, device, irp, routine, k.completionCost,
                    k.observed);
            if (sp.completionSetAt != null) {
                f.source = sp.completionSetAt;
                f.sourceSetsRoutine = true;
            }
        }
        if (observed) {
            k.observer.onRoutineEnter(f);
        }
        int status = routine.complete(device, irp, sp.context);
        if (k.isHalted()) {
            k.checkHalted();
        }
        if (observed) {
            // completed by its own routine and let go on: on an unobserved machine (no verifier) the second finish
            // is counted and ignored (finish), as everywhere else
            if (irp.currentLocation > irp.stackCount + 1 && status != NtStatus.STATUS_MORE_PROCESSING_REQUIRED) {
                completedTwice(irp);
            }
            k.observer.onRoutineExit(f, status);
        }
        k.currentFrames.exit(f);
        return status;
    }

    /**
     * Queues IopCompleteRequest to the issuing thread. When that thread is the one running here at PASSIVE_LEVEL,
     * the APC interrupt fires at once (as on Windows, where the kernel APC is delivered as soon as the IRQL allows);
     * otherwise it reaches the thread's processor after the APC latency.
     */
    private void queueCompletionApc(Irp irp) {
        apcsQueued++;
        Processor p = kernel.current();
        if (p != null && p.thread() == irp.thread && p.irql() == Irql.PASSIVE_LEVEL) {
            int old = p.irql();
            kernel.setIrql(p, Irql.APC_LEVEL);
            finish(irp);
            kernel.setIrql(p, old);
            return;
        }
        kernel.scheduler().at(kernel.now() + kernel.costs().apc(), apcDelivery, irp.id);
    }

    private void deliverApc(long id) {
        Irp irp = io.irpById((int) id);
        kernel.queueApc(irp.thread, completionApc, id);
    }

    private void completionApc(Processor on, long id) {
        finish(io.irpById((int) id));
    }

    /**
     * IopCompleteRequest: copy the status to the caller's block, signal its event, take the IRP off the thread's list,
     * tell whoever issued it, free it. Finishing a packet twice (a driver bug the verifier reports first) is counted
     * and ignored, so a run with the verifier off cannot corrupt the model.
     */
    public void finish(Irp irp) {
        if (irp.finished || !irp.inUse) {
            finishedTwice++;
            return;
        }
        irp.finished = true;
        Processor p = kernel.current();
        if (p != null) {
            p.advance(serviceCost);
        }
        if (irp.userIosb != null) {
            irp.userIosb.copyFrom(irp.IoStatus);
        }
        if (irp.userEvent != null) {
            irp.userEvent.set();
        }
        if (irp.thread != null) {
            irp.thread.unqueueIrp(irp);
        }
        if (kernel.observed) {
            kernel.observer.onIrpFinished(irp);
        }
        listener.finished(irp);
        io.freeFinished(irp);
    }

    public long completionRoutinesCalled() {
        return completionRoutinesCalled;
    }

    public long apcsQueued() {
        return apcsQueued;
    }

    /** Requests the I/O manager was asked to finish twice (only a driver bug with the verifier off does this). */
    public long finishedTwice() {
        return finishedTwice;
    }
}
