package org.sysmodels.nvme.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;

/** The host never adds more entries to a submission queue than it has free slots (one slot always stays empty). */
public final class SqOverflow implements NvmeCheck {

    public static final Rule RULE = new Rule("sq-overflow", "the host never submits more entries than the queue has "
            + "free slots; a queue is full when the tail is one behind the head, so one slot is always empty",
            "NVM Express Base Specification 1.4, §4.1.2 (Full Queue)");

    private final Findings findings;

    public SqOverflow(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void invalidDoorbell(int qid, boolean cq, int value, DoorbellProblem problem, long now) {
        if (problem == DoorbellProblem.SQ_OVERFLOW) {
            findings.violation(RULE, "the SQ tail doorbell (" + value + ") adds more entries than SQ " + qid
                    + " has free slots: the host wrote its tail past the head, over commands not yet fetched; the "
                    + "controller ignored the write", now, "SQ " + qid);
        }
    }
}
