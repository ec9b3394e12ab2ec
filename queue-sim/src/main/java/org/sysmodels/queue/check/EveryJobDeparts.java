package org.sysmodels.queue.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;

/** Every job that arrived has left when the run ends: a queue loses nothing. */
public final class EveryJobDeparts implements QueueCheck {

    public static final Rule RULE = new Rule("every-job-departs", "every job that enters the system eventually "
            + "leaves it (no loss, no job forgotten in the line)",
            "L. Kleinrock, Queueing Systems vol. 1 (1975), §2.1: a lossless, stable queue");

    private long arrived;
    private long departed;

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void arrived(long arrivalTime, long now, long inSystem) {
        arrived++;
    }

    @Override
    public void departed(long arrivalTime, long now) {
        departed++;
    }

    @Override
    public void finish(long now, Findings findings) {
        if (departed != arrived) {
            findings.violation(RULE, (arrived - departed) + " of " + arrived + " jobs never left", now, "queue");
        }
    }
}
