package org.sysmodels.nvme.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.fault.FaultPlan;
import org.sysmodels.core.trace.TraceEvent;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.host.platform.RawHost;
import org.sysmodels.nvme.model.command.IdentifyData;
import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.queue.Cqe;
import org.sysmodels.core.random.Distribution;
import org.sysmodels.nvme.model.media.ServiceModel;
import org.sysmodels.nvme.model.register.Csts;
import org.sysmodels.nvme.model.register.Registers;
import org.sysmodels.nvme.model.status.StatusCode;

/**
 * The controller's register file as the host reads it back (NVMe 1.4 §3.1: ASQ/ACQ as two dwords, AQA's reserved
 * bits, INTMS/INTMC set/clear, CSTS.NSSRO write-1-to-clear) and the Perfetto tracks a run records: one instant per
 * register write, one per state change with CSTS, one per doorbell write, an async slice per command from fetch to
 * CQE, a slice per command on the unit that served it, and queue occupancy counters.
 */
class RegistersAndTraceTest {

    @Test
    void adminQueueAddressesAreTwoDwordsEach() {
        RawHost h = new RawHost(Hosts.instant(), 1);
        Controller c = h.controller;
        c.write32(Registers.ASQ, 0x1234_5000);
        c.write32(Registers.ASQ + 4, 0xab);
        assertEquals(0xab_1234_5000L, c.read64(Registers.ASQ));
        assertEquals(0x1234_5000, c.read32(Registers.ASQ));
        assertEquals(0xab, c.read32(Registers.ASQ + 4));
        c.write32(Registers.ASQ, 0x7000);
        assertEquals(0xab_0000_7000L, c.read64(Registers.ASQ), "a low-dword write keeps the high dword");
        c.write32(Registers.ASQ + 4, 0x1);
        assertEquals(0x1_0000_7000L, c.read64(Registers.ASQ), "a high-dword write keeps the low dword");

        c.write32(Registers.ACQ, 0x5678_9000);
        c.write32(Registers.ACQ + 4, 0xcd);
        assertEquals(0xcd_5678_9000L, c.read64(Registers.ACQ));
        assertEquals(0xcd, c.read32(Registers.ACQ + 4));
        c.write32(Registers.ACQ, 0x3000);
        assertEquals(0xcd_0000_3000L, c.read64(Registers.ACQ));
        c.write32(Registers.ACQ + 4, 0x2);
        assertEquals(0x2_0000_3000L, c.read64(Registers.ACQ));
        c.write64(Registers.ACQ, 0x0000_0004_0000_8000L);
        assertEquals(4, c.read32(Registers.ACQ + 4));
        assertEquals(0x8000, c.read32(Registers.ACQ));

        c.write32(Registers.AQA, 0xffff_ffff);
        assertEquals(0x0fff_0fff, c.read32(Registers.AQA), "AQA bits 31:28 and 15:12 are reserved");
    }

    @Test
    void interruptMaskSetAndClearAndSixtyFourBitAccessOfPairs() {
        RawHost h = new RawHost(Hosts.instant(), 1);
        Controller c = h.controller;
        // INTMS (0Ch) and INTMC (10h) as one qword write: set bits 0 and 1, then clear bit 0.
        c.write64(Registers.INTMS, 0x0000_0001_0000_0003L);
        assertEquals(2, c.read32(Registers.INTMS));
        assertEquals(2, c.read32(Registers.INTMC), "both read as the current mask");
        assertEquals((2L << 32) | (IdentifyData.VERSION & 0xffff_ffffL), c.read64(Registers.VS),
                "VS in the low dword, INTMS in the high one");
        assertEquals(c.read32(Registers.CAP) & 0xffff_ffffL | (long) c.read32(Registers.CAP + 4) << 32,
                c.read64(Registers.CAP));
    }

    @Test
    void subsystemResetSetsNssroWhichIsWriteOneToClear() {
        Tracer t = Tracer.recording("t");
        RawHost h = new RawHost(Hosts.instant(), 1, t, FaultPlan.none());
        assertTrue(h.enable(32));
        assertEquals(0, h.csts() & Csts.NSSRO, "no subsystem reset has occurred");
        h.write32(Registers.NSSR, 0x1234);
        h.settle();
        assertEquals(Csts.RDY, h.csts() & Csts.RDY, "any value other than \"NVMe\" does nothing");
        h.write32(Registers.NSSR, Registers.NSSR_RESET);
        h.settle();
        assertEquals(0, h.csts() & Csts.RDY, "an NVM Subsystem Reset resets the controller");
        assertEquals(Csts.NSSRO, h.csts() & Csts.NSSRO, "and sets CSTS.NSSRO");
        h.write32(Registers.CSTS, 0);
        assertEquals(Csts.NSSRO, h.csts() & Csts.NSSRO, "writing 0 leaves it");
        h.write32(Registers.CSTS, Csts.RDY | Csts.CFS);
        assertEquals(Csts.NSSRO, h.csts() & Csts.NSSRO, "writing other bits leaves it");
        h.write32(Registers.CSTS, Csts.NSSRO);
        assertEquals(0, h.csts() & Csts.NSSRO, "writing 1 clears it");
        List<TraceEvent.Instant> nssr = of(on(t, "registers"), TraceEvent.Instant.class).stream()
                .filter(e -> e.name().equals("NSSR write")).toList();
        assertEquals(2, nssr.size(), "one instant per write");
        assertEquals(Map.of("value", (long) Registers.NSSR_RESET), nssr.get(1).args());
        assertTrue(h.enable(32), "the host can bring the controller up again");
    }

    @Test
    void subsystemResetIsIgnoredWithoutCapNssrs() {
        RawHost h = new RawHost(Hosts.instant().toBuilder().nssrSupported(false).build(), 1);
        assertTrue(h.enable(32));
        h.write32(Registers.NSSR, Registers.NSSR_RESET);
        h.settle();
        assertEquals(Csts.RDY, h.csts() & (Csts.RDY | Csts.NSSRO));
    }

    @Test
    void onlyClearingEnCountsAsAReset() {
        RawHost h = Hosts.ready();
        Controller c = h.controller;
        assertEquals(0, c.resets());
        h.write32(Registers.CC, h.read32(Registers.CC));
        assertEquals(0, c.resets(), "rewriting CC with EN = 1 is no reset");
        assertTrue(h.disable());
        assertEquals(1, c.resets());
        h.write32(Registers.CC, h.read32(Registers.CC));
        assertEquals(1, c.resets(), "rewriting CC with EN = 0 is no second reset");
        assertTrue(h.enable(16));
        assertTrue(h.disable());
        assertEquals(2, c.resets());
    }

    private static List<TraceEvent> on(Tracer t, String thread) {
        return t.log().events().stream().filter(e -> e.track().thread().equals(thread)).toList();
    }

    private static <T> List<T> of(List<TraceEvent> events, Class<T> kind) {
        return events.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    @Test
    void bringUpAndOneReadAreTraced() {
        Tracer t = Tracer.recording("t");
        // Reads take 50 µs of media time on one of two units.
        Distribution zero = new Distribution.Fixed(0);
        RawHost h = new RawHost(Hosts.instant().withService(new ServiceModel(2, new Distribution.Fixed(50_000), zero,
                zero, zero, zero, zero)), 1, t, FaultPlan.none());
        assertTrue(h.enable(32));
        long asq = h.controller.asq();
        long acq = h.controller.acq();
        int cc = h.read32(Registers.CC);

        List<TraceEvent.Instant> regs = of(on(t, "registers"), TraceEvent.Instant.class);
        List<String> names = regs.stream().map(TraceEvent.Instant::name).toList();
        assertEquals(List.of("AQA write", "ASQ write", "ACQ write", "CC write", "Enabling", "Ready"), names);
        assertEquals(Map.of("value", 0x001f_001fL), regs.get(0).args(), "AQA: 32 entries each, zero-based");
        assertEquals(Map.of("value", asq), regs.get(1).args());
        assertEquals(Map.of("value", acq), regs.get(2).args());
        assertEquals(Map.of("value", cc & 0xffff_ffffL), regs.get(3).args());
        assertEquals(Map.of("CSTS", (long) Csts.RDY), regs.get(5).args());
        List<TraceEvent.Counter> rdy = of(on(t, "registers"), TraceEvent.Counter.class);
        assertEquals(List.of(0.0, 1.0), rdy.stream().map(TraceEvent.Counter::value).toList(), "CSTS.RDY 0 then 1");
        assertTrue(regs.get(5).ts() > regs.get(3).ts(), "ready after the enable delay");

        assertTrue(h.createQueuePair(1, 8));
        long buf = h.page();
        int before = t.log().events().size();
        Cqe read = h.io(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf));
        assertTrue(read.success());
        List<TraceEvent> after = t.log().events().subList(before, t.log().events().size());

        List<TraceEvent.Instant> bells = of(after.stream().filter(e -> e.track().thread().equals("doorbells"))
                .toList(), TraceEvent.Instant.class);
        assertEquals("SQ tail doorbell", bells.get(0).name());
        assertEquals(Map.of("qid", 1L, "value", 1L), bells.get(0).args());

        List<TraceEvent.AsyncBegin> begins = of(after, TraceEvent.AsyncBegin.class);
        List<TraceEvent.AsyncEnd> ends = of(after, TraceEvent.AsyncEnd.class);
        assertEquals(1, begins.size());
        assertEquals(1, ends.size());
        assertEquals(Opcodes.nvm(Opcodes.READ), begins.get(0).name());
        assertEquals(Map.of("sqid", 1L, "cid", (long) read.cid()), begins.get(0).args());
        assertEquals(begins.get(0).id(), ends.get(0).id());
        assertTrue(ends.get(0).ts() >= begins.get(0).ts());

        List<TraceEvent.Complete> served = of(after, TraceEvent.Complete.class);
        assertEquals(1, served.size(), "one slice on the unit that served the read");
        assertTrue(served.get(0).track().thread().startsWith("unit "));
        assertEquals(Map.of("cid", (long) read.cid()), served.get(0).args());
        assertEquals(50_000, served.get(0).duration());
        assertTrue(served.get(0).ts() >= begins.get(0).ts() && served.get(0).ts() + served.get(0).duration()
                <= ends.get(0).ts(), "served inside the command's slice");

        List<String> counters = of(after.stream().filter(e -> e.track().thread().equals("queues")).toList(),
                TraceEvent.Counter.class).stream().map(TraceEvent.Counter::name).distinct().toList();
        assertTrue(counters.containsAll(List.of("SQ1 entries", "CQ1 entries")), counters.toString());
    }

    @Test
    void countersAndLookupsTheRunReportsUse() {
        RawHost h = Hosts.ready();
        Controller c = h.controller;
        assertEquals(32, c.submissionQueue(0).size(), "admin SQ of AQA.ASQS + 1 entries");
        assertEquals(32, c.completionQueue(0).size());
        assertEquals(null, c.namespace(0), "NSID 0 is never a namespace");
        assertEquals(1, c.namespace(1).nsid());
        assertEquals(null, c.namespace(2));
        assertEquals(null, c.namespace(-1));
        assertTrue(c.faultInjector() != null);
        assertTrue(h.createQueuePair(1, 8, 1), "CQ 1 signals MSI-X vector 1");
        long buf = h.page();
        assertEquals(0, c.interruptsSignalled(1));
        assertTrue(h.io(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf)).success());
        assertEquals(1, c.interruptsSignalled(1));
        assertEquals(0, c.abortsReceived());
        h.admin(s -> s.command(Opcodes.ABORT, 0).cdw(10, 1 | 77 << 16));
        assertEquals(1, c.abortsReceived());
        Cqe bad = h.io(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf).cdw10_11(1L << 40));
        assertEquals(StatusCode.LBA_OUT_OF_RANGE.dnr(), bad.status());
        assertEquals(1, c.errors(StatusCode.LBA_OUT_OF_RANGE));
    }

    @Test
    void stateChangesAreToldToTheObserver() {
        RawHost h = new RawHost(Hosts.instant(), 1);
        List<String> seen = new java.util.ArrayList<>();
        h.controller.observe(new org.sysmodels.nvme.model.command.ControllerObserver() {
            @Override
            public void stateChanged(org.sysmodels.nvme.model.register.ControllerState before,
                                     org.sysmodels.nvme.model.register.ControllerState after, long now) {
                seen.add(before.getClass().getSimpleName() + "->" + after.getClass().getSimpleName());
            }
        });
        assertTrue(h.enable(8));
        assertTrue(h.disable());
        assertEquals(List.of("Disabled->Enabling", "Enabling->Ready", "Ready->Resetting", "Resetting->Disabled"),
                seen);
    }
}
