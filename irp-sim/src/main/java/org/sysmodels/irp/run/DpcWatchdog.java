package org.sysmodels.irp.run;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.check.Severity;
import org.sysmodels.core.student.StudentCodeFailure;
import org.sysmodels.core.student.StudentFault;
import org.sysmodels.core.student.TimeLimit;
import org.sysmodels.irp.model.Irql;
import org.sysmodels.irp.model.ke.Processor;
import org.sysmodels.irp.model.io.Kernel;

/**
 * Windows' DPC watchdog for a student's driver: a routine that never returns while its processor is at DISPATCH_LEVEL
 * or above (a DPC, an ISR, a completion or cancel routine, code holding a spin lock) is bug check 0x133
 * DPC_WATCHDOG_VIOLATION with parameter 1 = 0, "a single DPC or ISR exceeded its time allotment" (WDK Bug Check
 * 0x133; KeQueryDpcWatchdogInformation). Routines are atomic in virtual time, so the allotment is real time here:
 * what remains of the run's {@code --time-limit}, less a margin so that this finding comes before the command line's
 * generic one.
 * Below DISPATCH_LEVEL Windows has no such watchdog (the thread, and the program waiting for its I/O, just hang): that
 * is the command line's time-limit finding, on the student's line, saying so. The ticks of parameters 2 and 3 are
 * left at 0: the simulator has no clock interrupt to count them.
 */
final class DpcWatchdog {

    private DpcWatchdog() {
    }

    /**
     * What the watchdog allows before it stops the machine: {@code left} (what remains of the run's limit) less a
     * tenth of it (at least 200 ms, at most 2 s) for the finding to be made first; never under 100 ms.
     */
    static Duration allotment(Duration left) {
        long margin = Math.clamp(left.toMillis() / 10, 200, 2_000);
        return Duration.ofMillis(Math.max(100, left.toMillis() - margin));
    }

    /**
     * Runs {@code run} under {@link TimeLimit} for the {@link #allotment}, handing it where to publish its kernel; if
     * it has not returned by then, throws a {@link StudentCodeFailure}: the 0x133 stop if its processor is at
     * DISPATCH_LEVEL or above, else the time-limit finding on the student's line, both naming {@code limit}.
     */
    static IrpRun.Outcome run(Duration limit, Duration left, Function<Consumer<Kernel>, IrpRun.Outcome> run)
            throws StudentCodeFailure {
        AtomicReference<Kernel> kernel = new AtomicReference<>();
        try {
            // the IRQL is read after TimeLimit took the worker's stack (a safepoint: its stores are visible) and
            // before it interrupts the worker
            return TimeLimit.run(allotment(left), "driver", () -> run.apply(kernel::set), where -> {
                Kernel k = kernel.get();
                Processor p = k == null ? null : k.current();
                return p != null && p.irql() >= Irql.DISPATCH_LEVEL ? stop(where, p, limit, k.now())
                        : TimeLimit.overrun(limit, where, (p == null ? "" : " at " + Irql.name(p.irql()))
                        + " (a loop that never ends? below DISPATCH_LEVEL Windows has no watchdog for it: the thread, "
                        + "and the program waiting for its I/O, just hang)", k == null ? 0 : k.now());
            });
        } catch (StudentCodeFailure | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);    // the run throws no checked exception
        }
    }

    private static Finding stop(String where, Processor p, Duration limit, long at) {
        return new Finding(Severity.VIOLATION, StudentFault.TIME_LIMIT.name(), "STOP 0x00000133 "
                + "DPC_WATCHDOG_VIOLATION (0, 0, 0, 0): " + (where.isEmpty() ? "your driver" : where) + " did not "
                + "return within the " + TimeLimit.seconds(limit) + " time limit on CPU " + p.number() + " at "
                + Irql.name(p.irql()) + " (a loop that never ends?); Windows' DPC watchdog stops the machine when a "
                + "DPC, an ISR or other code at DISPATCH_LEVEL or above runs past its time allotment", at, where,
                "WDK Bug Check 0x133 DPC_WATCHDOG_VIOLATION (parameter 1 = 0: a single DPC or ISR exceeded its time "
                        + "allotment)");
    }
}
