package org.sysmodels.sensor.run;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.student.StudentFault;
import org.sysmodels.sensor.model.core.CoreListener;
import org.sysmodels.sensor.model.core.CoreSignal;
import org.sysmodels.sensor.model.core.Exceptions;
import org.sysmodels.sensor.model.core.FirmwareStalled;

/**
 * Tells a student, once per run, that their firmware caught the simulator's stop (a reset, the end of the run, or a
 * stalled loop) and ran on, in main or in an interrupt handler. The core raises it again at the firmware's next loop
 * turn or call, or at the handler's return: on the MCU no code runs after a reset (ARMv7-M ARM B1.5.5: execution
 * restarts at the reset vector), and a watchdog's reset cannot be refused (RM0090 §21.3: the IWDG resets the device when its counter reaches 0). So the run goes on as the board's
 * would, and this warning says why their catch block ran. The HardFault handler is such a handler; code that
 * catches the stop and then throws is told so too, before its HardFault.
 */
final class CaughtStop implements CoreListener {

    private final Findings findings;
    private boolean told;

    CaughtStop(Findings findings) {
        this.findings = findings;
    }

    @Override
    public void stopCaught(Error stop, long now) {
        if (told) {
            return;
        }
        told = true;
        String where = StudentFault.firstFrame(new Throwable()).map(StudentFault::describe)
                .orElse("main, which returned");
        findings.warning(StudentFault.RULE, "your code caught " + what(stop) + " and ran on to " + where
                + ": a catch of Throwable or Error (or a finally that returns) takes the simulator's "
                + stop.getClass().getSimpleName() + " too, so the core raised it again there; catch Exception "
                + "instead", now, where);
    }

    @Override
    public void stopCaughtInHandler(Error stop, int exc, Throwable thrownAt, long now) {
        if (told) {
            return;
        }
        told = true;
        String handler = "the " + Exceptions.name(exc) + " handler";
        String where = StudentFault.firstFrame(thrownAt).map(StudentFault::describe).orElse(handler);
        findings.warning(StudentFault.RULE, "your code caught " + what(stop) + " in " + handler + " at " + where
                + " and returned from it: a catch of Throwable or Error (or a finally that returns) takes the "
                + "simulator's " + stop.getClass().getSimpleName() + " too, so the core raised it again at the "
                + "handler's return; catch Exception instead", now, where);
    }

    /**
     * The code caught the stop and then threw: on the board the reset or the end comes first, so that throw never
     * happens there. Said once, with both lines, so the no-hard-fault finding that follows (the Java code did
     * throw, and the core ran the HardFault handler for it) does not read as the firmware's own first failure.
     */
    @Override
    public void faultAfterCaughtStop(Error stop, int exc, Throwable where, Throwable fault, long now) {
        if (told) {
            return;
        }
        told = true;
        String code = exc == 0 ? "main" : "the " + Exceptions.name(exc) + " handler";
        String threw = StudentFault.firstFrame(fault).map(StudentFault::describe).orElse(code);
        String caught = where == null ? null : StudentFault.firstFrame(where).map(StudentFault::describe)
                .orElse(null);
        String at = caught == null ? threw : caught;
        findings.warning(StudentFault.RULE, "your code caught " + what(stop) + " in " + code
                + (caught == null ? "" : " at " + caught) + ", then threw " + fault.getClass().getSimpleName()
                + " at " + threw + ": on the board that throw never happens, as "
                + (stop == CoreSignal.RESET ? "the reset" : "the stop") + " comes first; here it is also a HardFault "
                + "(no-hard-fault). A catch of Throwable or Error takes the simulator's "
                + stop.getClass().getSimpleName() + " too; catch Exception instead", now, at);
    }

    private static String what(Error stop) {
        if (stop == CoreSignal.RESET) {
            return "a reset (on the MCU no code runs after one)";
        }
        if (stop instanceof FirmwareStalled) {
            return "the stop of a loop that never lets simulated time pass";
        }
        return "the end of the run";
    }
}
