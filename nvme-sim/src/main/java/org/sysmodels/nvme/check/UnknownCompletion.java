package org.sysmodels.nvme.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;

/** Every completion the host reads belongs to a command it has in flight. */
public final class UnknownCompletion implements NvmeCheck {

    public static final Rule RULE = new Rule("unknown-completion", "every completion belongs to a command in flight "
            + "(Linux warns \"invalid id %d completed on queue %d\" and drops it)",
            "Linux drivers/nvme/host/pci.c, nvme_handle_cqe");

    private final Findings findings;

    public UnknownCompletion(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void unknownCompletion(int qid, int cid, long now) {
        findings.violation(RULE, "a completion arrived on queue " + qid + " for CID " + cid + ", which no command in "
                + "flight has (Linux: \"invalid id " + cid + " completed on queue " + qid + "\")", now, "CQ " + qid);
    }

    @Override
    public void unknownCompletion(int qid, int cid) {
        findings.violation(RULE, "queue " + qid + ": completion for CID " + cid + ", which is not in flight (lost "
                + "ordering or a duplicate)", 0, "CQ " + qid);
    }
}
