package org.sysmodels.nvme.run;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.sysmodels.core.fault.Fault;
import org.sysmodels.core.lab.BugLab;
import org.sysmodels.nvme.check.CidUnique;
import org.sysmodels.nvme.check.CqStall;
import org.sysmodels.nvme.check.DmaUseAfterFree;
import org.sysmodels.nvme.check.DoorbellBeforeReady;
import org.sysmodels.nvme.check.DoubleCompletion;
import org.sysmodels.nvme.check.PhaseTag;
import org.sysmodels.nvme.check.SqOverflow;
import org.sysmodels.nvme.host.driver.DriverConfig;
import org.sysmodels.nvme.host.driver.LinuxDriver;
import org.sysmodels.nvme.host.labs.CidCutToThreeBits;
import org.sysmodels.nvme.host.labs.FreesBufferEarly;
import org.sysmodels.nvme.host.labs.NeverWritesCqHead;
import org.sysmodels.nvme.host.labs.NoWaitForReady;
import org.sysmodels.nvme.host.labs.PhaseNotFlipped;
import org.sysmodels.nvme.host.labs.TailPastHead;
import org.sysmodels.nvme.host.labs.AbortEndsRequest;
import org.sysmodels.nvme.model.media.FaultKinds;
import org.sysmodels.nvme.scenario.HostSpec;
import org.sysmodels.nvme.scenario.Mode;
import org.sysmodels.nvme.scenario.NvmeScenario;
import org.sysmodels.nvme.scenario.WorkloadSpec;

/**
 * The bug labs of {@code sim nvme}: each is a variant of the reference driver ({@code host/labs}), the rule that must
 * catch it, and the set-up that shows the bug within a few hundred I/Os (applied before the user's own flags, and
 * printed, so a user knows what was changed).
 */
public final class NvmeLabs {

    /** A lab, the driver variant it runs, and how it sets up the scenario. */
    public record Lab(BugLab lab, Function<DriverConfig, LinuxDriver> driver, UnaryOperator<NvmeScenario> setup) {
    }

    public static final List<Lab> ALL = List.of(
            new Lab(new BugLab("phase-not-flipped", "the CQ reader never flips its expected phase tag on wrap: stale "
                    + "entries look new", PhaseTag.RULE, "invert the expected phase each time the CQ head wraps to 0 "
                    + "(Linux nvme_update_cq_head)", small(16, 0, 8, 400)), PhaseNotFlipped::new,
                    s -> small(s, 16, 0, 8, 400)),
            new Lab(new BugLab("sq-tail-past-head", "the SQ full test forgets the empty slot: the tail is written onto "
                    + "the head", SqOverflow.RULE, "treat the queue as full when (tail + 1) mod size == head, leaving "
                    + "one slot empty", List.of("16-entry I/O queues with 32 tags, so only the driver's full test "
                    + "guards the SQ", "iodepth 32, 400 I/Os, 200,000 IOPS offered (one doorbell each)",
                    "a device that holds 4 commands and fetches 20 µs after a doorbell", "one queue pair",
                    "I/O timeout 5 ms, admin timeout 10 ms")), TailPastHead::new,
                    s -> {
                        // More tags than SQ slots, so only the driver's own full test protects the SQ; requests
                        // trickle in (one doorbell each) faster than a device that holds 4 commands at a time, and
                        // fetches 20 us after a doorbell, can take them: the SQ fills up and the SQHD the host last
                        // saw is the real head.
                        NvmeScenario t = small(s, 16, 32, 32, 400);
                        return t.withWorkload(t.workload().withRate(200_000))
                                .withDevice(s.device().withQueueLimits(s.device().mqes(), 4).withFetchLatency(20_000));
                    }),
            new Lab(new BugLab("cid-reused", "command identifiers are cut to 3 bits: two commands in flight share a "
                    + "CID", CidUnique.RULE, "use the whole blk-mq tag as the CID, so commands in flight never share "
                    + "one", small(64, 0, 16, 400)), CidCutToThreeBits::new, s -> small(s, 64, 0, 16, 400)),
            new Lab(new BugLab("buffer-freed-early", "the data buffer is freed right after submission, before the "
                    + "device's DMA", DmaUseAfterFree.RULE, "unmap and free the data buffer only after the command's "
                    + "completion arrives", small(64, 0, 8, 200)), FreesBufferEarly::new,
                    s -> small(s, 64, 0, 8, 200)),
            new Lab(new BugLab("io-before-ready", "the driver sets CC.EN and rings the admin doorbell without waiting "
                    + "for CSTS.RDY", DoorbellBeforeReady.RULE, "after setting CC.EN, wait until CSTS.RDY reads 1 "
                    + "before any doorbell write", small(64, 0, 8, 200)), NoWaitForReady::new,
                    s -> small(s, 64, 0, 8, 200)),
            new Lab(new BugLab("cq-head-never-written", "the I/O completion handler never writes the CQ head doorbell: "
                    + "the device stalls", CqStall.RULE, "write the CQ head doorbell after consuming entries (Linux "
                    + "nvme_ring_cq_doorbell)", small(32, 0, 16, 400)), NeverWritesCqHead::new,
                    s -> small(s, 32, 0, 16, 400)),
            new Lab(new BugLab("abort-completes-request", "the driver ends a request when its Abort succeeds, and the "
                    + "aborted command's own completion ends it again", DoubleCompletion.RULE,
                    "whatever the Abort reports, leave the request to the aborted command's own completion (NVMe "
                    + "1.4 §5.1; Linux abort_endio only logs)", stuck()), AbortEndsRequest::new,
                    NvmeLabs::stuck));

    private NvmeLabs() {
    }

    public static List<BugLab> labs() {
        return ALL.stream().map(Lab::lab).toList();
    }

    public static Optional<Lab> byName(String name) {
        return ALL.stream().filter(l -> l.lab().name().equals(name)).findFirst();
    }

    /** What {@link #stuck(NvmeScenario)} changes, as the lab prints it. */
    private static List<String> stuck() {
        return Stream.concat(small(64, 0, 8, 1_000).stream(),
                Stream.of("one Read or Write lost inside the device at 1 ms (fault stuck-command): "
                        + "it times out and is aborted")).toList();
    }

    /** A small run in which one command is lost in the device, so it times out and the driver aborts it. */
    private static NvmeScenario stuck(NvmeScenario s) {
        return small(s, 64, 0, 8, 1_000).withFaults(List.of(Fault.once(FaultKinds.STUCK_COMMAND,
                FaultKinds.target(1), 1_000_000L)));
    }

    /** What {@link #small(NvmeScenario, int, int, int, long)} changes, as the lab prints it. */
    private static List<String> small(int queueEntries, int tags, int iodepth, long ios) {
        return List.of(queueEntries + "-entry I/O queues" + (tags > 0 ? " with " + tags + " tags" : ""),
                "iodepth " + iodepth + ", " + ios + " I/Os", "one queue pair, deterministic mode",
                "I/O timeout 5 ms, admin timeout 10 ms");
    }

    private static NvmeScenario small(NvmeScenario s, int queueEntries, int tags, int iodepth, long ios) {
        HostSpec h = s.host().withQueueEntries(queueEntries, tags).withTimeouts(5_000_000L, 10_000_000L)
                .withQueues(1, 1);
        WorkloadSpec w = s.workload().withIodepth(iodepth).withIos(ios);
        return s.withHost(h).withWorkload(w).withMode(Mode.DETERMINISTIC);
    }
}
