package org.sysmodels.nvme.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.nvme.host.block.StaleCompletion;

/**
 * A driver completes each request once, while it is in flight. In Linux a second completion is a driver bug the
 * kernel catches, not a harmless repeat: if the tag went to a new command meanwhile, {@code nvme_find_rq}
 * (drivers/nvme/host/nvme.h) sees the generation counter in the command identifier disagree, prints "request %#x
 * genctr mismatch (got %#x expected %#x)" and drops the completion; if not, the request blk-mq already freed is
 * ended again and {@code blk_mq_free_request} (block/blk-mq.c) drops its reference below zero, which
 * {@code req_ref_put_and_test} (block/blk.h) reports with WARN_ON_ONCE. The model's blk-mq ignores the completion,
 * as those paths end it, and this rule reports it.
 */
public final class DoubleCompletion implements NvmeCheck {

    public static final Rule RULE = new Rule("double-completion", "a driver completes each request once, while "
            + "it is in flight (Linux drops a stale completion with \"genctr mismatch\" or WARNs on the freed request)",
            "Linux drivers/nvme/host/nvme.h, nvme_find_rq; block/blk-mq.c, blk_mq_free_request; block/blk.h, "
                    + "req_ref_put_and_test");

    private final Findings findings;

    public DoubleCompletion(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void staleCompletion(StaleCompletion c, long now) {
        if (c.request() < 0) {
            findings.violation(RULE, c.driver() + " called BlockLayer.complete with no request (null): the tag it "
                    + "read is not in use (a completion handled twice, or a CID never issued; Linux "
                    + "nvme_find_rq: \"could not locate request for tag\"); blk-mq ignored it", now, c.driver());
            return;
        }
        String tag = c.tag() < 0 ? "" : " (tag " + c.tag() + " on hctx " + c.hctx() + ")";
        findings.violation(RULE, c.driver() + " completed request " + c.request() + tag + " again after blk-mq "
                + "had ended it (it is now " + c.state() + "); the completion was ignored. Linux drops it with "
                + "\"request 0x" + Integer.toHexString(Math.max(0, c.tag())) + " genctr mismatch\" (nvme_find_rq) "
                + "once the tag is issued again, or WARNs in req_ref_put_and_test as the freed request ends twice",
                now, c.driver() + ", request " + c.request());
    }
}
