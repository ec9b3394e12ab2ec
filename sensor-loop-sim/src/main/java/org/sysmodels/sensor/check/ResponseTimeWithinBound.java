package org.sysmodels.sensor.check;

import java.util.HashMap;
import java.util.Map;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.time.SimTime;

/**
 * Every measured response time of an RTIC task stays within the bound the response-time analysis gave for it. A
 * task that exceeds it shows that the analysis's assumptions (WCETs, critical sections, the ceiling protocol) do not
 * hold for this firmware.
 */
public final class ResponseTimeWithinBound implements LoopCheck {

    public static final Rule RULE = new Rule("response-time-within-bound",
            "each task's response time stays within its worst case from response-time analysis, "
                    + "R = C + B + Σ ⌈R/T_j⌉·C_j over higher-priority tasks, with B the longest critical section "
                    + "of a lower-priority task under the priority ceiling protocol",
            "Joseph & Pandya (1986); Audsley et al. (1993); Baker's stack resource policy (1991) as in the RTIC book");

    private final Findings findings;
    private final Map<String, Long> worst = new HashMap<>();

    public ResponseTimeWithinBound(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    /** The longest response time seen per task. */
    public Map<String, Long> worst() {
        return Map.copyOf(worst);
    }

    @Override
    public void taskCompleted(String task, long release, long end, long bound, long deadline) {
        long r = end - release;
        worst.merge(task, r, Math::max);
        if (bound >= 0 && r > bound) {
            findings.violation(RULE, "task " + task + " responded in " + SimTime.format(r) + ", beyond its analysed "
                    + "worst case " + SimTime.format(bound) + " (released at " + SimTime.format(release) + ")", end,
                    task);
        }
    }
}
