package org.sysmodels.sensor.check;

import org.sysmodels.core.check.Finding;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.student.JavaStudentCode;
import org.sysmodels.core.student.StudentFault;
import org.sysmodels.sensor.model.core.Exceptions;

/**
 * Firmware code must never fault: on the MCU a fault is a HardFault, which here ends in a watchdog reset. A student's
 * exception is this rule's finding, on their line: the run goes on after the reset, as the board would.
 */
public final class NoHardFault implements LoopCheck {

    public static final Rule RULE = new Rule("no-hard-fault",
            "firmware code never faults (an exception in Java is a HardFault on the core)",
            "ARMv7-M ARM B1.5.6 (HardFault); cortex-m-rt HardFault handler");

    private final Findings findings;
    private final JavaStudentCode student;

    /** @param student a student's firmware, whose faults are reported against their own line; or null */
    public NoHardFault(Findings findings, JavaStudentCode student) {
        this.findings = findings;
        this.student = student;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void hardFault(Throwable thrown, int exc, long now) {
        String context = exc == 0 ? "Thread mode" : Exceptions.name(exc);
        if (student != null && StudentFault.firstFrame(thrown).isPresent()) {
            Finding theirs = StudentFault.of(thrown, student, now);
            findings.violation(RULE, theirs.message() + ", in " + context + ": a HardFault; the core runs the "
                    + "HardFault handler, then spins until a watchdog resets it", now, theirs.where());
            return;
        }
        findings.violation(RULE, thrown.getClass().getSimpleName() + (thrown.getMessage() == null ? ""
                : ": " + thrown.getMessage()) + " in " + context, now, exc == 0 ? "main" : Exceptions.name(exc));
    }
}
