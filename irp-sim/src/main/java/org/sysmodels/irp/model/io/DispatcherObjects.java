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
     * KeWaitForSingleObject. Its Timeout is the WDK's LARGE_INTEGER in 100-nanosecond units: null waits forever, zero
     * only tests the event (allowed at DISPATCH_LEVEL), a negative value is an interval relative to now (-10,000,000 is
     * one second), a positive one an absolute system time. The simulated system time is the virtual clock in 100 ns
     * units from the machine's start (Windows counts from 1 January 1601; this start is the model's choice), so an
     * absolute time already past times out at once. A wait that may block at DISPATCH_LEVEL or above stops the
     * machine with IRQL_NOT_LESS_OR_EQUAL: the dispatcher cannot switch threads there. At PASSIVE_LEVEL the thread
     * blocks: the rest of the machine runs (this processor too) until the event is set, the timeout passes, or
     * nothing is left that could set it (a hang). A timeout too far away for the clock (beyond about 292 years) is a
     * wait forever.
     *
     * @param timeout null, or the WDK Timeout in 100 ns units (negative: relative, positive: absolute)
     * @return STATUS_SUCCESS or STATUS_TIMEOUT
     */
    int KeWaitForSingleObject(KEvent e, Long timeout) {
        if (e.signaled()) {
            e.consume();
            return NtStatus.STATUS_SUCCESS;
        }
        if (timeout != null && timeout == 0) {
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
        long deadline = deadline(timeout, p.clock());
        KThread thread = p.thread();
        int irql = p.irql();
        FrameStack frames = kernel.frames(p);
        RoutineFrame top = frames.top;
        p.setBusyUntil(p.clock());
        kernel.setCurrent(null);
        waitDepth++;
        boolean timedOut = false;
        long wakeUp = deadline == Long.MAX_VALUE ? Scheduler.NO_EVENT
                : scheduler.at(Math.max(scheduler.now(), deadline), () -> { });
        try {
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
        scheduler.cancel(wakeUp);
        e.consume();
        return NtStatus.STATUS_SUCCESS;
    }

    /**
     * The virtual time (ns) a wait with {@code timeout} (100 ns units, as {@link #KeWaitForSingleObject}) begun at
     * {@code now} ends, or Long.MAX_VALUE for none.
     */
    static long deadline(Long timeout, long now) {
        if (timeout == null) {
            return Long.MAX_VALUE;
        }
        long t = timeout;
        if (t < 0) {
            long interval = t < -(Long.MAX_VALUE / 100) ? Long.MAX_VALUE : -t * 100;
            return interval > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + interval;
        }
        return t > Long.MAX_VALUE / 100 ? Long.MAX_VALUE : t * 100;
    }
}
