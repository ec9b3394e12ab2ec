package org.sysmodels.nvme.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.nvme.host.block.Request;

/** Every request the workload submitted completes exactly once before the run ends. */
public final class NoLostRequest implements NvmeCheck {

    public static final Rule RULE = new Rule("lost-request", "every submitted request completes exactly once: blk-mq "
            + "ends each request it started, with success or an error", "Linux block/blk-mq.c (blk_mq_end_request)");

    private final Findings findings;

    public NoLostRequest(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void lost(Request rq, long now) {
        findings.violation(RULE, Request.opName(rq.op()) + " of LBA " + rq.lba() + " (tag " + rq.tag()
                + ") never completed", now, "request " + rq.id());
    }

    /** The run stopped at its limit of virtual time with requests unanswered. */
    public void horizonReached(int inFlight, long now) {
        findings.warning(RULE, "the run reached its horizon of virtual time with " + inFlight
                + " requests unanswered", now, "run");
    }

    /** The run stopped after its event budget without settling. */
    public void budgetExhausted(long now) {
        findings.violation(RULE, "the run did not settle within its event budget (a livelock?)", now, "run");
    }
}
