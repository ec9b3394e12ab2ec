package org.sysmodels.nvme.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;

/** A doorbell write names a queue that exists and a value below that queue's size. */
public final class DoorbellValue implements NvmeCheck {

    public static final Rule RULE = new Rule("doorbell-value", "a doorbell value is below the queue size and names "
            + "an existing queue (otherwise: Invalid Doorbell Write Value, Write to Invalid Doorbell Register)",
            "NVM Express Base Specification 1.4, §3.1.24–3.1.25 and §5.2.1");

    private final Findings findings;

    public DoorbellValue(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void invalidDoorbell(int qid, boolean cq, int value, DoorbellProblem problem, long now) {
        String where = (cq ? "CQ " : "SQ ") + qid;
        switch (problem) {
            case VALUE_OUT_OF_RANGE -> findings.violation(RULE, "doorbell value " + value + " is not below the size "
                    + "of " + where, now, where);
            case NO_SUCH_QUEUE -> findings.violation(RULE, "doorbell write for " + where + ", which does not exist",
                    now, where);
            default -> {
            }
        }
    }
}
