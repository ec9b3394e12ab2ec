package org.sysmodels.sensor.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.student.JavaStudentCode;
import org.sysmodels.core.student.StudentFault;
import org.sysmodels.sensor.model.core.Exceptions;

/** Firmware code must never fault: on the MCU a fault is a HardFault, which here ends in a watchdog reset. */
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
        if (student != null && StudentFault.firstFrame(thrown).isPresent()) {
            findings.add(StudentFault.of(thrown, student, now));
            return;
        }
        findings.violation(RULE, thrown.getClass().getSimpleName() + (thrown.getMessage() == null ? ""
                : ": " + thrown.getMessage()) + " in " + (exc == 0 ? "Thread mode" : Exceptions.name(exc)), now,
                exc == 0 ? "main" : Exceptions.name(exc));
    }
}
