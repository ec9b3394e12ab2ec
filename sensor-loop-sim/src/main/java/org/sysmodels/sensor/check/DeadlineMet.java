package org.sysmodels.sensor.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.sensor.model.core.ResetCause;

/** Every RTIC task instance completes within its relative deadline. */
public final class DeadlineMet implements LoopCheck {

    public static final Rule RULE = new Rule("deadline-met",
            "every task instance completes within its relative deadline after its release",
            "Liu & Layland (1973); the RTIC book, \"Real-Time For the Masses\" scheduling");

    private final Findings findings;
    private final java.util.Map<String, java.util.ArrayDeque<long[]>> open = new java.util.HashMap<>();

    public DeadlineMet(Findings findings) {
        this.findings = findings;
    }

    @Override
    public void taskReleased(String task, long release, long deadline) {
        open.computeIfAbsent(task, k -> new java.util.ArrayDeque<>()).add(new long[] {release, deadline});
    }

    /**
     * A reset abandons every released instance (RAM and the exception stack are gone). One already past its deadline
     * missed it, and is reported at the reset; one whose deadline had not come was cut short by the reset, which is
     * the watchdog's business (no-spurious-reset, the fault's reaction), not a scheduling miss.
     */
    @Override
    public void reset(ResetCause cause, long now) {
        for (var e : open.entrySet()) {
            for (long[] r : e.getValue()) {
                if (now - r[0] > r[1]) {
                    findings.violation(RULE, "task " + e.getKey() + " released at " + SimTime.format(r[0])
                            + " never finished: it was " + SimTime.format(now - r[0] - r[1]) + " past its deadline "
                            + "when the " + cause.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                            + " reset at " + SimTime.format(now) + " abandoned it", r[0] + r[1], e.getKey());
                }
            }
            e.getValue().clear();
        }
    }

    /** An instance still unfinished when the run ends is late if its deadline has passed (a starved task). */
    @Override
    public void finish(long now, Findings ignored) {
        for (var e : open.entrySet()) {
            for (long[] r : e.getValue()) {
                if (now - r[0] > r[1]) {
                    findings.violation(RULE, "task " + e.getKey() + " released at " + SimTime.format(r[0])
                            + " had not finished when the run ended, " + SimTime.format(now - r[0] - r[1])
                            + " past its deadline", r[0] + r[1], e.getKey());
                }
            }
        }
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void taskCompleted(String task, long release, long end, long bound, long deadline) {
        var q = open.get(task);
        if (q != null) {
            q.removeIf(r -> r[0] == release);
        }
        if (end - release > deadline) {
            findings.violation(RULE, "task " + task + " released at " + SimTime.format(release) + " finished at "
                    + SimTime.format(end) + ", " + SimTime.format(end - release - deadline) + " past its deadline of "
                    + SimTime.format(deadline), end, task);
        }
    }
}
