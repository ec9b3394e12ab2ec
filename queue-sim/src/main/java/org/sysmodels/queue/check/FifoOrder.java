package org.sysmodels.queue.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;

/** Jobs leave in the order they arrived: the FIFO discipline the M/M/1 formulas and the quiz assume. */
public final class FifoOrder implements QueueCheck {

    public static final Rule RULE = new Rule("fifo", "jobs are served first come, first served, so they leave in "
            + "the order they arrived", "L. Kleinrock, Queueing Systems vol. 1 (1975), §3.2: the M/M/1 system");

    private final Findings findings;
    private long lastDeparture = -1;

    public FifoOrder(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void departed(long arrivalTime, long now) {
        if (arrivalTime < lastDeparture) {
            findings.violation(RULE, "a job that arrived at " + arrivalTime + " ns left after one that arrived at "
                    + lastDeparture + " ns", now, "server");
        }
        lastDeparture = arrivalTime;
    }
}
