package org.sysmodels.nvme.scenario;

import java.util.function.UnaryOperator;
import org.sysmodels.nvme.check.Rules;
import org.sysmodels.nvme.host.DriverBug;

/**
 * The bug labs: {@code sim nvme --bug NAME} runs the reference driver with one mistake, on a scenario small enough
 * to show it fast, and the named run-time rule must catch it (the run then exits with status 1).
 */
public enum BugLab {
    PHASE_NOT_FLIPPED("phase-not-flipped", DriverBug.PHASE_NOT_FLIPPED, Rules.PHASE,
            "the CQ reader never flips its expected phase tag on wrap: stale entries look new",
            s -> small(s, 16, 0, 8, 400)),
    SQ_TAIL_PAST_HEAD("sq-tail-past-head", DriverBug.SQ_TAIL_PAST_HEAD, Rules.SQ_OVERFLOW,
            "the SQ full test forgets the empty slot: the tail is written onto the head",
            s -> {
                // More tags than SQ slots, so only the driver's own full test protects the SQ; requests trickle in
                // (one doorbell each) faster than a device that holds 4 commands at a time, and fetches 20 us after
                // a doorbell, can take them: the SQ fills up and the SQHD the host last saw is the real head.
                NvmeScenario t = small(s, 16, 32, 32, 400);
                return t.withWorkload(t.workload().withRate(200_000))
                        .withDevice(s.device().withQueueLimits(s.device().mqes(), 4).withFetchLatency(20_000));
            }),
    CID_REUSED("cid-reused", DriverBug.CID_REUSED, Rules.CID_UNIQUE,
            "command identifiers are cut to 3 bits: two commands in flight share a CID",
            s -> small(s, 64, 0, 16, 400)),
    BUFFER_FREED_EARLY("buffer-freed-early", DriverBug.BUFFER_FREED_EARLY, Rules.DMA_USE_AFTER_FREE,
            "the data buffer is freed right after submission, before the device's DMA",
            s -> small(s, 64, 0, 8, 200)),
    IO_BEFORE_READY("io-before-ready", DriverBug.IO_BEFORE_READY, Rules.DOORBELL_BEFORE_READY,
            "the driver sets CC.EN and rings the admin doorbell without waiting for CSTS.RDY",
            s -> small(s, 64, 0, 8, 200)),
    CQ_HEAD_NEVER_WRITTEN("cq-head-never-written", DriverBug.CQ_HEAD_NEVER_WRITTEN, Rules.CQ_STALL,
            "the I/O completion handler never writes the CQ head doorbell: the device stalls",
            s -> small(s, 32, 0, 16, 400));

    private final String label;
    private final DriverBug bug;
    private final String rule;
    private final String description;
    private final UnaryOperator<NvmeScenario> scenario;

    BugLab(String label, DriverBug bug, String rule, String description, UnaryOperator<NvmeScenario> scenario) {
        this.label = label;
        this.bug = bug;
        this.rule = rule;
        this.description = description;
        this.scenario = scenario;
    }

    public String label() {
        return label;
    }

    public DriverBug bug() {
        return bug;
    }

    /** The rule that must report it. */
    public String rule() {
        return rule;
    }

    public String description() {
        return description;
    }

    /** The lab as the suite lists and judges it. */
    public org.sysmodels.core.lab.BugLab declaration() {
        return new org.sysmodels.core.lab.BugLab(label, description, Rules.rule(rule), Rules.fix(rule));
    }

    /** The scenario the lab runs: the user's (or the default), shrunk so the bug shows within a few hundred I/Os. */
    public NvmeScenario scenario(NvmeScenario base) {
        return scenario.apply(base);
    }

    public static BugLab byLabel(String label) {
        for (BugLab b : values()) {
            if (b.label.equals(label)) {
                return b;
            }
        }
        return null;
    }

    private static NvmeScenario small(NvmeScenario s, int queueEntries, int tags, int iodepth, long ios) {
        HostSpec h = s.host().withQueueEntries(queueEntries, tags).withTimeouts(5_000_000L, 10_000_000L)
                .withQueues(1, 1);
        WorkloadSpec w = s.workload().withIodepth(iodepth).withIos(ios);
        return s.withHost(h).withWorkload(w).withMode(Mode.DETERMINISTIC);
    }
}
