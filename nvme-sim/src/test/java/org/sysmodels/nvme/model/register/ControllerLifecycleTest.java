package org.sysmodels.nvme.model.register;

import org.sysmodels.nvme.model.Hosts;

import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.media.ServiceModel;
import org.sysmodels.nvme.model.register.Aqa;
import org.sysmodels.nvme.model.register.Cap;
import org.sysmodels.nvme.model.register.Cc;
import org.sysmodels.nvme.model.register.ControllerConfig;
import org.sysmodels.nvme.model.register.ControllerState;
import org.sysmodels.nvme.model.register.Csts;
import org.sysmodels.nvme.model.register.Registers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sysmodels.nvme.host.platform.RawHost;

/** BAR0 registers and the controller state machine: enable, every CSTS.CFS condition, reset, shutdown, NSSR. */
class ControllerLifecycleTest {

    @Test
    void capabilitiesAndVersionReadBack() {
        RawHost h = new RawHost(Hosts.instant(), 1);
        Cap cap = Cap.decode(h.controller.read64(Registers.CAP));
        assertEquals(1023, cap.mqes());
        assertTrue(cap.cqr(), "CAP.CQR: queues must be physically contiguous");
        assertTrue(cap.wrrSupported());
        assertEquals(1, cap.css() & 1, "NVM command set");
        assertEquals(cap.encode(), (h.read32(Registers.CAP) & 0xffff_ffffL) | ((long) h.read32(Registers.CAP + 4) << 32));
        assertEquals(0x0001_0400, h.read32(Registers.VS));
        h.write32(Registers.CAP, 0);
        h.write32(Registers.VS, 0);
        assertEquals(cap.encode(), h.controller.read64(Registers.CAP), "CAP is read-only");
        assertEquals(0x0001_0400, h.read32(Registers.VS), "VS is read-only");
    }

    @Test
    void rdyComesAfterTheReadyLatencyAndOnlyThen() {
        RawHost h = new RawHost(Hosts.instant(), 1);
        long asq = h.allocator.allocContiguous(4096);
        long acq = h.allocator.allocContiguous(4096);
        h.write32(Registers.AQA, Aqa.of(8, 8));
        h.write64(Registers.ASQ, asq);
        h.write64(Registers.ACQ, acq);
        h.write32(Registers.CC, Cc.linux(0, 0).encode());
        assertFalse(Csts.ready(h.csts()), "not ready at once");
        h.advance(99_999);
        assertFalse(Csts.ready(h.csts()));
        h.advance(1);
        assertTrue(Csts.ready(h.csts()));
        assertInstanceOf(ControllerState.Ready.class, h.controller.state());
        assertNotNull(h.controller.submissionQueue(0));
        assertEquals(8, h.controller.completionQueue(0).size(), "admin queues of AQA + 1 entries");
    }

    /** Each start check on its own: the controller reports CSTS.CFS = 1 instead of RDY. */
    @ParameterizedTest
    @EnumSource(value = StartCheck.class, names = "ADMIN_QUEUES_EXIST", mode = EnumSource.Mode.EXCLUDE)
    void everyStartCheckSetsCfs(StartCheck check) {
        RawHost h = new RawHost(Hosts.instant(), 1);
        long asq = h.allocator.allocContiguous(4096);
        long acq = h.allocator.allocContiguous(4096);
        int aqa = Aqa.of(8, 8);
        Cc cc = Cc.linux(0, 0);
        switch (check) {
            case ASQ_NOT_PAGE_ALIGNED -> asq += 64;
            case ACQ_NOT_PAGE_ALIGNED -> acq += 16;
            case CSS_UNSUPPORTED -> cc = new Cc(true, 1, 0, 0, 0, 6, 4);
            case MPS_BELOW_MIN -> {
                h = new RawHost(ControllerConfig.builder().pageSizes(1, 4).maxIoQueuePairs(8).msixVectors(9)
                        .deviceQueueDepth(64).namespaces(Hosts.instant().namespaces()).service(ServiceModel.instant(1))
                        .timing(0, 0, 0, 0).build(), 1);
                asq = h.allocator.allocContiguous(8192);
                acq = h.allocator.allocContiguous(8192);
            }
            case MPS_ABOVE_MAX -> {
                // 128 KiB pages: the queues must be aligned to them, or the alignment check fails first.
                cc = new Cc(true, 0, 5, 0, 0, 6, 4);
                asq = 0x40_0000;
                acq = 0x42_0000;
            }
            case ASQS_ZERO -> aqa = Aqa.of(1, 8);
            case ACQS_ZERO -> aqa = Aqa.of(8, 1);
            default -> throw new AssertionError(check);
        }
        h.write32(Registers.AQA, aqa);
        h.write64(Registers.ASQ, asq);
        h.write64(Registers.ACQ, acq);
        h.write32(Registers.CC, cc.encode());
        h.advance(1_000_000);
        assertTrue(Csts.fatal(h.csts()), check + " must set CFS: CSTS=" + Csts.describe(h.csts()));
        assertFalse(Csts.ready(h.csts()));
        assertEquals(check.reason(), h.controller.fatalReason());
        // The host's way out: clear CC.EN; the reset clears CFS.
        h.write32(Registers.CC, cc.withEn(false).encode());
        h.settle();
        assertEquals(0, h.csts() & (Csts.RDY | Csts.CFS));
    }

    @Test
    void reEnablingBeforeTheResetFinishedFindsTheAdminQueuesAndSetsCfs() {
        RawHost h = Hosts.ready();
        int cc = h.read32(Registers.CC);
        h.write32(Registers.CC, cc & ~1);
        assertTrue(Csts.ready(h.csts()), "RDY stays 1 until the reset is done");
        h.write32(Registers.CC, cc);
        assertTrue(Csts.fatal(h.csts()));
        assertEquals(StartCheck.ADMIN_QUEUES_EXIST.reason(), h.controller.fatalReason());
        h.write32(Registers.CC, cc & ~1);
        h.settle();
        assertEquals(0, h.csts() & (Csts.RDY | Csts.CFS), "a proper reset recovers");
        assertTrue(h.enable(32));
    }

    @Test
    void resetDeletesEveryQueueAndKeepsTheAdminQueueRegisters() {
        RawHost h = Hosts.withQueue(16);
        int aqa = h.read32(Registers.AQA);
        long asq = h.controller.read64(Registers.ASQ);
        h.write32(Registers.CC, h.read32(Registers.CC) & ~1);
        h.advance(49_999);
        assertTrue(Csts.ready(h.csts()));
        h.advance(1);
        assertFalse(Csts.ready(h.csts()));
        assertNull(h.controller.submissionQueue(1));
        assertNull(h.controller.completionQueue(0));
        assertEquals(aqa, h.read32(Registers.AQA));
        assertEquals(asq, h.controller.read64(Registers.ASQ), "AQA, ASQ, ACQ survive a Controller Level Reset");
    }

    @Test
    void normalShutdownReportsProcessingThenComplete() {
        RawHost h = Hosts.ready();
        int cc = h.read32(Registers.CC);
        h.write32(Registers.CC, Cc.decode(cc).withShn(Cc.SHN_NORMAL).encode());
        assertEquals(Csts.SHST_PROCESSING, Csts.shst(h.csts()));
        h.advance(20_000);
        assertEquals(Csts.SHST_COMPLETE, Csts.shst(h.csts()));
        assertTrue(Csts.ready(h.csts()), "RDY stays 1 after shutdown");
        // Doorbells are ignored now; only a reset brings the controller back.
        h.write32(Registers.CC, cc & ~1);
        h.settle();
        assertEquals(0, h.csts());
        assertTrue(h.enable(32));
    }

    @Test
    void abruptShutdownAbandonsCommandsInside() {
        ControllerConfig slow = Hosts.instant().withService(new ServiceModel(1,
                new org.sysmodels.core.random.Distribution.Fixed(1_000_000),
                new org.sysmodels.core.random.Distribution.Fixed(0), new org.sysmodels.core.random.Distribution.Fixed(0),
                new org.sysmodels.core.random.Distribution.Fixed(0), new org.sysmodels.core.random.Distribution.Fixed(0),
                new org.sysmodels.core.random.Distribution.Fixed(0)));
        RawHost h = new RawHost(slow, 1);
        assertTrue(h.enable(32));
        assertTrue(h.createQueuePair(1, 8));
        long buf = h.page();
        h.put(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf));
        h.ringSq(1);
        h.advance(1000);
        assertTrue(h.controller.commandsInside() > 0, "the read is inside the device");
        h.write32(Registers.CC, Cc.decode(h.read32(Registers.CC)).withShn(Cc.SHN_ABRUPT).encode());
        h.advance(2_000_000);
        assertEquals(Csts.SHST_COMPLETE, Csts.shst(h.csts()));
        assertTrue(h.reap(1).isEmpty(), "the read in service is never completed");
    }

    @Test
    void nvmSubsystemResetNeedsTheMagicValueAndSetsNssro() {
        RawHost h = Hosts.withQueue(8);
        h.write32(Registers.NSSR, 0x1234);
        assertTrue(Csts.ready(h.csts()), "other values are ignored");
        h.write32(Registers.NSSR, Registers.NSSR_RESET);
        assertEquals(Csts.NSSRO, h.csts(), "reset, NSSRO set");
        assertEquals(0, h.read32(Registers.CC));
        assertEquals(0, h.read32(Registers.AQA), "a subsystem reset also clears the admin queue registers");
        h.write32(Registers.CSTS, Csts.NSSRO);
        assertEquals(0, h.csts(), "NSSRO is write-1-to-clear; the rest of CSTS ignores writes");
        h.write32(Registers.CSTS, 0xff);
        assertEquals(0, h.csts());
    }

    @Test
    void intmsAndIntmcSetAndClearTheMask() {
        RawHost h = Hosts.ready();
        h.write32(Registers.INTMS, 0b1010);
        assertEquals(0b1010, h.read32(Registers.INTMS));
        h.write32(Registers.INTMC, 0b0010);
        assertEquals(0b1000, h.read32(Registers.INTMC));
        h.write32(Registers.CC, h.read32(Registers.CC) & ~1);
        h.settle();
        assertEquals(0, h.read32(Registers.INTMS), "cleared by reset");
    }

    @Test
    void undefinedRegistersReadZeroAndIgnoreWrites() {
        RawHost h = Hosts.ready();
        h.write32(0x40, 0xdead);
        assertEquals(0, h.read32(0x40));
        h.write32(0x1002, 5);
        assertEquals(0, h.read32(0x1000), "doorbells read as 0 (their value is vendor specific)");
        assertTrue(Csts.ready(h.csts()));
    }
}
