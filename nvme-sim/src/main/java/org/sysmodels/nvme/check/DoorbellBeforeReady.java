package org.sysmodels.nvme.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;

/** No doorbell is written while the controller is not ready (it ignores them). */
public final class DoorbellBeforeReady implements NvmeCheck {

    public static final Rule RULE = new Rule("doorbell-before-ready", "the host writes no doorbell before CSTS.RDY "
            + "is 1: after setting CC.EN it waits for CSTS.RDY before submitting commands",
            "NVM Express Base Specification 1.4, §7.6.1 (Initialization)");

    private final Findings findings;

    public DoorbellBeforeReady(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void doorbellWhileNotReady(int qid, boolean cq, int value, long now) {
        String where = (cq ? "CQ " : "SQ ") + qid;
        findings.violation(RULE, where + " doorbell written (value " + value + ") while CSTS.RDY is not 1; the "
                + "controller ignored it", now, where);
    }
}
