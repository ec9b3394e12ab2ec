package org.sysmodels.queue.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;

/** The server is never idle while a job waits: the line must hand over every job it holds. */
public final class WorkConserving implements QueueCheck {

    public static final Rule RULE = new Rule("work-conserving", "the server is never idle while a job waits",
            "L. Kleinrock, Queueing Systems vol. 2 (1976), §3.4: work-conserving disciplines");

    private final Findings findings;

    public WorkConserving(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void idle(long now, long waiting) {
        if (waiting > 0) {
            findings.violation(RULE, "the server went idle with " + waiting + " job(s) waiting: the line said it was"
                    + " empty", now, "server");
        }
    }
}
