package org.sysmodels.sensor.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.time.SimTime;

/** Every RTIC task instance completes within its relative deadline. */
public final class DeadlineMet implements LoopCheck {

    public static final Rule RULE = new Rule("deadline-met",
            "every task instance completes within its relative deadline after its release",
            "Liu & Layland (1973); the RTIC book, \"Real-Time For the Masses\" scheduling");

    private final Findings findings;

    public DeadlineMet(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void taskCompleted(String task, long release, long end, long bound, long deadline) {
        if (end - release > deadline) {
            findings.violation(RULE, "task " + task + " released at " + SimTime.format(release) + " finished at "
                    + SimTime.format(end) + ", " + SimTime.format(end - release - deadline) + " past its deadline of "
                    + SimTime.format(deadline), end, task);
        }
    }
}
