package org.sysmodels.nvme.model.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.random.Distribution;
import org.sysmodels.nvme.host.platform.RawHost;
import org.sysmodels.nvme.model.Hosts;
import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.media.ServiceModel;
import org.sysmodels.nvme.model.queue.Cqe;
import org.sysmodels.nvme.model.queue.Sqe;

/**
 * The controller's state machine in time (NVMe 1.4 §7.6.1 initialisation, Controller Level Reset, §7.6.2 shutdown,
 * §9.5 controller fatal status): when each state ends, that a timer of an abandoned state does nothing, that a normal
 * shutdown lets the commands inside finish first, and that a CQE the controller cannot write is a fatal error.
 */
class LifecycleTimingTest {

    private static final Distribution ZERO = new Distribution.Fixed(0);

    @Test
    void enablingAndResettingEndAtTheirLatencies() {
        RawHost h = new RawHost(Hosts.instant(), 1);
        long t0 = h.scheduler.now();
        h.write32(Registers.AQA, Aqa.of(8, 8));
        h.write64(Registers.ASQ, h.page());
        h.write64(Registers.ACQ, h.page());
        h.write32(Registers.CC, Cc.linux(0, Cc.AMS_ROUND_ROBIN).withEn(true).encode());
        assertEquals(new ControllerState.Enabling(t0 + 100_000), h.controller.state());
        h.advance(10_000);
        h.write32(Registers.CC, 0);
        assertEquals(new ControllerState.Resetting(t0 + 10_000 + 50_000), h.controller.state());
        h.advance(50_000);
        assertInstanceOf(ControllerState.Disabled.class, h.controller.state());
        h.advance(1_000_000);
        assertInstanceOf(ControllerState.Disabled.class, h.controller.state(),
                "the enable timer of the abandoned Enabling state does nothing");
        assertEquals(0, h.csts() & Csts.RDY);
    }

    @Test
    void zeroReadyLatencyIsReadyAtOnce() {
        RawHost h = new RawHost(Hosts.instant().withTiming(0, 0, 0, 0), 1);
        h.write32(Registers.AQA, Aqa.of(8, 8));
        h.write64(Registers.ASQ, h.page());
        h.write64(Registers.ACQ, h.page());
        h.write32(Registers.CC, Cc.linux(0, Cc.AMS_ROUND_ROBIN).withEn(true).encode());
        assertInstanceOf(ControllerState.Ready.class, h.controller.state());
        h.write32(Registers.CC, 0);
        assertInstanceOf(ControllerState.Disabled.class, h.controller.state(), "and reset at once");
    }

    @Test
    void shutdownNotifiedWhileDisabledAndThenEnabled() {
        RawHost h = new RawHost(Hosts.instant(), 1);
        h.write32(Registers.CC, Cc.decode(0).withShn(Cc.SHN_NORMAL).encode());
        assertInstanceOf(ControllerState.ShutDown.class, h.controller.state(), "nothing to drain");
        assertEquals(Csts.SHST_COMPLETE, Csts.shst(h.csts()));
        assertTrue(h.enable(32), "CC.EN = 1 from ShutDown brings the controller up");
    }

    @Test
    void normalShutdownLetsTheCommandInsideFinishFirst() {
        ServiceModel slow = new ServiceModel(1, new Distribution.Fixed(100_000), ZERO, ZERO, ZERO, ZERO, ZERO);
        RawHost h = new RawHost(Hosts.instant().withService(slow), 1);
        assertTrue(h.enable(32));
        assertTrue(h.createQueuePair(1, 8));
        long buf = h.page();
        int cid = h.put(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf));
        h.ringSq(1);
        long t0 = h.scheduler.now();
        h.advance(10_000);
        h.write32(Registers.CC, Cc.decode(h.read32(Registers.CC)).withShn(Cc.SHN_NORMAL).encode());
        assertEquals(new ControllerState.ShuttingDown(false), h.controller.state());
        h.advance(100_000 - 10_000 + 20_000 - 1);
        assertEquals(Csts.SHST_PROCESSING, Csts.shst(h.csts()), "the read finished at 100 µs; 20 µs of shutdown");
        h.advance(1);
        assertEquals(Csts.SHST_COMPLETE, Csts.shst(h.csts()));
        assertEquals(t0 + 120_000, h.scheduler.now());
        List<Cqe> got = h.reap(1);
        assertEquals(1, got.size(), "the read inside was completed");
        assertEquals(cid, got.get(0).cid());
        assertTrue(got.get(0).success());
    }

    /**
     * A controller enabled with its admin completion queue just past host memory, sent one Identify at {@code asq}:
     * the completion cannot be written, so it fails (CFS).
     */
    private record Failed(RawHost h, long asq) {
    }

    private static Failed failedByItsCompletionQueue() {
        RawHost h = new RawHost(Hosts.instant(), 1);
        long asq = h.page();
        h.write32(Registers.AQA, Aqa.of(8, 8));
        h.write64(Registers.ASQ, asq);
        h.write64(Registers.ACQ, h.memory.size());
        h.write32(Registers.CC, Cc.linux(0, Cc.AMS_ROUND_ROBIN).withEn(true).encode());
        assertTrue(h.waitFor(Csts.RDY, Csts.RDY));
        new Sqe().command(Opcodes.IDENTIFY, 0).cid(1).prp1(h.page()).cdw(10, 1).writeTo(h.memory, asq);
        h.write32(Registers.sqTailDoorbell(0, 0), 1);
        h.settle();
        return new Failed(h, asq);
    }

    @Test
    void aCompletionQueueOutsideHostMemoryIsAFatalError() {
        Failed failed = failedByItsCompletionQueue();
        RawHost h = failed.h();
        long asq = failed.asq();
        Sqe identify = new Sqe().command(Opcodes.IDENTIFY, 0).prp1(h.page()).cdw(10, 1);
        assertEquals(Csts.RDY | Csts.CFS, h.csts() & (Csts.RDY | Csts.CFS), "CFS set, RDY stays 1 (§9.5)");
        assertTrue(h.controller.fatalReason().contains("CQ 0"), h.controller.fatalReason());
        long fetched = h.controller.commandsFetched();
        identify.cid(2).writeTo(h.memory, asq + Sqe.BYTES);
        h.write32(Registers.sqTailDoorbell(0, 0), 2);
        h.settle();
        assertEquals(fetched, h.controller.commandsFetched(), "a failed controller fetches nothing");
        h.write32(Registers.CC, 0);
        h.settle();
        assertEquals(0, h.csts() & (Csts.RDY | Csts.CFS), "a reset clears CFS");
    }

    /**
     * Found in review: CC.SHN written while CSTS.CFS = 1 was ignored, so SHST stayed 00b and a host waiting for
     * 10b waited out its timeout. A failed controller has halted, so there is nothing for shutdown processing to
     * finish: it reports SHST = 10b at once, CFS and RDY stay as they were, it still fetches nothing, and only a
     * reset clears CFS (and SHST).
     */
    @Test
    void shutdownNotifiedToAFailedControllerCompletesAtOnceAndCfsStays() {
        Failed failed = failedByItsCompletionQueue();
        RawHost h = failed.h();
        long asq = failed.asq();
        assertTrue(Csts.fatal(h.csts()), "the CQE cannot be written: CFS");
        long fetched = h.controller.commandsFetched();

        h.write32(Registers.CC, Cc.decode(h.read32(Registers.CC)).withShn(Cc.SHN_NORMAL).encode());
        assertEquals(Csts.RDY | Csts.CFS | Csts.SHST_COMPLETE << 2, h.csts() & 0xF,
                "SHST = 10b at once, CFS and RDY unchanged: " + Csts.describe(h.csts()));
        new Sqe().command(Opcodes.IDENTIFY, 0).cid(2).prp1(h.page()).cdw(10, 1).writeTo(h.memory, asq + Sqe.BYTES);
        h.write32(Registers.sqTailDoorbell(0, 0), 2);
        h.settle();
        assertEquals(fetched, h.controller.commandsFetched(), "still halted: nothing fetched");
        assertEquals(Csts.SHST_COMPLETE, Csts.shst(h.csts()));

        h.write32(Registers.CC, 0);
        h.settle();
        assertEquals(0, h.csts() & 0xF, "a reset clears CFS and SHST: " + Csts.describe(h.csts()));
    }

    /** The same for a controller that failed a start check (CFS with RDY = 0): SHST = 10b, CFS stays. */
    @Test
    void shutdownNotifiedAfterAFailedStartCheckCompletesAtOnce() {
        RawHost h = new RawHost(Hosts.instant(), 1);
        h.write32(Registers.AQA, Aqa.of(8, 8));
        h.write64(Registers.ASQ, h.page() + 64);
        h.write64(Registers.ACQ, h.page());
        h.write32(Registers.CC, Cc.linux(0, Cc.AMS_ROUND_ROBIN).withEn(true).encode());
        assertEquals(Csts.CFS, h.csts() & 0xF, Csts.describe(h.csts()));
        h.write32(Registers.CC, Cc.decode(h.read32(Registers.CC)).withShn(Cc.SHN_ABRUPT).encode());
        assertEquals(Csts.CFS | Csts.SHST_COMPLETE << 2, h.csts() & 0xF, Csts.describe(h.csts()));
    }
}
