package org.sysmodels.irp.model.io;

import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.irp.model.Irql;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.ke.KEvent;
import org.sysmodels.irp.model.ke.KThread;
import org.sysmodels.irp.model.ke.Processor;

/**
 * Waiting on dispatcher objects (ReactOS ntoskrnl/ke/wait.c KeWaitForSingleObject; the WDK's "Introduction to Kernel
 * Dispatcher Objects"): a thread at PASSIVE_LEVEL blocks while the rest of the machine runs; at DISPATCH_LEVEL and
 * above the dispatcher cannot switch threads, so a wait that may block there is a bug check.
 */
final class DispatcherObjects {

    private final Kernel kernel;
    private final Scheduler scheduler;
    private int waitDepth;

    DispatcherObjects(Kernel kernel, Scheduler scheduler) {
        this.kernel = kernel;
        this.scheduler = scheduler;
    }

    /**
     * KeWaitForSingleObject. With a zero timeout it only polls (allowed at DISPATCH_LEVEL). A wait that may block at
     * DISPATCH_LEVEL or above stops the machine with IRQL_NOT_LESS_OR_EQUAL: the dispatcher cannot switch threads
     * there. At PASSIVE_LEVEL the thread blocks: the rest of the machine runs (this processor too) until the event is
     * set, the timeout passes, or nothing is left that could set it (a hang).
     *
     * @param timeoutNs null to wait forever, else the longest wait in nanoseconds
     * @return STATUS_SUCCESS or STATUS_TIMEOUT
     */
    int KeWaitForSingleObject(KEvent e, Long timeoutNs) {
        if (e.signaled()) {
            e.consume();
            return NtStatus.STATUS_SUCCESS;
        }
        if (timeoutNs != null && timeoutNs == 0) {
            return NtStatus.STATUS_TIMEOUT;
        }
        Processor p = kernel.current;
        if (p.irql() >= Irql.DISPATCH_LEVEL) {
            RoutineFrame f = kernel.frame();
            kernel.stop(new Stop.BugCheck(Stop.BugCheck.IRQL_NOT_LESS_OR_EQUAL, kernel.objectAddress(e), p.irql(), 0,
                    f == null ? 0 : kernel.routineAddress(f.routine)), false);
        }
        if (waitDepth > 64) {
            kernel.stop(new Stop.Hang(Stop.Hang.Kind.WAIT, "64 nested waits: a wait chain that cannot end"), false);
        }
        long deadline = timeoutNs == null ? Long.MAX_VALUE : p.clock() + timeoutNs;
        KThread thread = p.thread();
        int irql = p.irql();
        FrameStack frames = kernel.frames(p);
        RoutineFrame top = frames.top;
        p.setBusyUntil(p.clock());
        kernel.setCurrent(null);
        waitDepth++;
        boolean timedOut = false;
        try {
            if (deadline != Long.MAX_VALUE) {
                scheduler.at(Math.max(scheduler.now(), deadline), () -> { });
            }
            while (!e.signaled()) {
                kernel.checkHalted();
                if (scheduler.now() >= deadline) {
                    timedOut = true;
                    break;
                }
                if (!scheduler.step()) {
                    kernel.setCurrent(p);
                    kernel.stop(new Stop.Hang(Stop.Hang.Kind.WAIT, thread == null ? "a wait that nothing can end"
                            : thread.name() + " waits forever for an event nobody will set"), false);
                }
            }
        } finally {
            waitDepth--;
            kernel.setCurrent(p);
            p.setThread(thread);
            p.setIrql(irql);
            frames.top = top;
            p.setClock(Math.max(scheduler.now(), p.busyUntil()));
        }
        if (timedOut) {
            return NtStatus.STATUS_TIMEOUT;
        }
        e.consume();
        return NtStatus.STATUS_SUCCESS;
    }
}
