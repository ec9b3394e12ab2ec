package org.sysmodels.nvme.check;

import java.util.Arrays;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.nvme.model.register.ControllerState;

/**
 * The host consumes exactly the completion entries the controller posted, which it can only do by tracking the phase
 * tag. Seen from both sides: a CQ head doorbell that releases more entries than were posted, and a request the driver
 * hands back (queue q = hctx + 1, CID = tag, the Linux convention) that matches no CQE the device posted and no
 * earlier completion used.
 */
public final class PhaseTag implements NvmeCheck {

    public static final Rule RULE = new Rule("phase", "the host takes a completion queue entry as new only when its "
            + "phase tag matches the current phase, which inverts on every pass through the queue",
            "NVM Express Base Specification 1.4, §4.6 (Phase Tag, P)");

    private final Findings findings;
    /** Per I/O SQ and CID: CQEs posted by the device not yet matched by a completion the host acted on. */
    private final byte[][] unmatched = new byte[1 << 16][];

    public PhaseTag(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void invalidDoorbell(int qid, boolean cq, int value, DoorbellProblem problem, long now) {
        if (problem == DoorbellProblem.CQ_UNDERFLOW) {
            findings.violation(RULE, "the CQ head doorbell (" + value + ") releases more entries than the controller "
                    + "posted to CQ " + qid + ": the host consumed stale entries as new (is its expected phase flipped "
                    + "when the head wraps?)", now, "CQ " + qid);
        }
    }

    @Override
    public void posted(int cqid, int sqid, int cid, int status, long now) {
        if (sqid != 0) {
            byte[] u = unmatched[sqid];
            if (u == null) {
                u = unmatched[sqid] = new byte[1 << 16];
            }
            if (u[cid] < Byte.MAX_VALUE) {
                u[cid]++;
            }
        }
    }

    @Override
    public void completing(int hctx, int tag, long now) {
        match(hctx + 1, tag, now);
    }

    @Override
    public void requeuing(int hctx, int tag, long now) {
        match(hctx + 1, tag, now);
    }

    /** A reset or a fatal error abandons every command inside: their CQEs will never come. */
    @Override
    public void stateChanged(ControllerState before, ControllerState after, long now) {
        if (Abandon.everything(after)) {
            Arrays.fill(unmatched, null);
        }
    }

    private void match(int qid, int cid, long now) {
        byte[] u = unmatched[qid];
        if (u == null || u[cid] == 0) {
            findings.violation(RULE, "the driver completed the request with CID " + cid + " on queue " + qid
                    + " but the device has posted no completion for it: a stale CQE was taken as new (is the "
                    + "expected phase tag flipped when the CQ head wraps?)", now, "CQ " + qid);
            return;
        }
        u[cid]--;
    }
}
