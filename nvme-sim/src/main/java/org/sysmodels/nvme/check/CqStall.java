package org.sysmodels.nvme.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.nvme.model.register.ControllerState;

/**
 * A full completion queue does not stay full: the host consumes entries and writes the CQ head doorbell. A CQ full
 * for longer than the stall limit, or still full with completions waiting when the run ends, is a stalled device; it
 * is reported, the run does not hang. In threaded mode, no completion for a while of wall-clock time is the same.
 */
public final class CqStall implements NvmeCheck {

    public static final Rule RULE = new Rule("cq-stall", "a full completion queue does not stay full: the controller "
            + "does not overwrite entries the host has not released, so the host must write the CQ head doorbell",
            "NVM Express Base Specification 1.4, §4.1 (Submission Queue & Completion Queue Definition)");

    private final Findings findings;
    private final long stallLimit;
    private final IntUnaryOperator waiting;
    private final Map<Integer, Long> stalledSince = new LinkedHashMap<>();

    /**
     * @param stallLimit how long a CQ may stay full before it counts as a stall
     * @param waiting    completions waiting inside the controller for room in a CQ, by CQ id (at the end)
     */
    public CqStall(Findings findings, long stallLimit, IntUnaryOperator waiting) {
        this.findings = findings;
        this.stallLimit = stallLimit;
        this.waiting = waiting;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void completionQueueFull(int cqid, long now) {
        stalledSince.put(cqid, now);
    }

    @Override
    public void completionQueueRoom(int cqid, long stalledNanos, long now) {
        Long since = stalledSince.remove(cqid);
        if (since != null && now - since > stallLimit) {
            stall(cqid, now - since, now, "until the host finally wrote its head doorbell");
        }
    }

    /** A CQ that was stalled until a reset counts as a stall if it lasted past the limit. */
    @Override
    public void stateChanged(ControllerState before, ControllerState after, long now) {
        if (Abandon.everything(after)) {
            for (Map.Entry<Integer, Long> e : new ArrayList<>(stalledSince.entrySet())) {
                if (now - e.getValue() > stallLimit) {
                    stall(e.getKey(), now - e.getValue(), now, "until the controller was reset");
                }
            }
            stalledSince.clear();
        }
    }

    @Override
    public void stalled(long wallNanos, int inFlight, Throwable deviceFailure) {
        findings.violation(RULE, "no completion for " + wallNanos / 1_000_000 + " ms of wall-clock time with "
                + inFlight + " commands in flight" + (deviceFailure != null ? "; the device thread failed: "
                + deviceFailure : ""), 0, "threaded host");
    }

    /** A CQ still full at the end with completions waiting inside the controller is a stalled device. */
    @Override
    public void finish(long now, Findings unused) {
        for (Map.Entry<Integer, Long> e : new ArrayList<>(stalledSince.entrySet())) {
            int w = waiting.applyAsInt(e.getKey());
            if (w > 0) {
                stall(e.getKey(), now - e.getValue(), now, "and still is at the end of the run, with " + w
                        + " completions waiting inside the controller");
            }
        }
    }

    private void stall(int cqid, long nanos, long now, String tail) {
        findings.violation(RULE, "the device stalled: CQ " + cqid + " was full for " + SimTime.format(nanos) + " "
                + tail + "; the host is not writing the CQ head doorbell", now, "CQ " + cqid);
    }
}
