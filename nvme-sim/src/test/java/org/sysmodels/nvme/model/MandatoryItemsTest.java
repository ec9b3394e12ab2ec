package org.sysmodels.nvme.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.nvme.host.platform.RawHost;
import org.sysmodels.nvme.model.command.AsyncEvent;
import org.sysmodels.nvme.model.command.IdentifyData;
import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.queue.Cqe;
import org.sysmodels.nvme.model.register.Cc;
import org.sysmodels.nvme.model.status.Status;
import org.sysmodels.nvme.model.status.StatusCode;

/** What NVMe 1.4 makes mandatory for an I/O controller (issue 9), each item against the section that requires it. */
class MandatoryItemsTest {

    private static final int BROADCAST = 0xffff_ffff;

    /** §5.14.1.1 Error Information: Status Field bit 0 is the Phase Tag posted in the failing command's CQE. */
    @Test
    void errorLogStatusFieldCarriesThePhaseTagOfTheCqe() {
        RawHost h = Hosts.withQueue(4);
        long buf = h.page();
        Cqe first = h.io(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf).cdw10_11(1L << 40));
        assertEquals(1, first.phase(), "first pass of the CQ: phase 1");
        assertEquals(1, errorLogStatus(h) & 1, "the entry's phase tag is the CQE's");
        assertEquals(StatusCode.LBA_OUT_OF_RANGE.dnr(), errorLogStatus(h) >>> 1);
        for (int i = 0; i < 3; i++) {
            assertTrue(h.io(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf)).success());
        }
        Cqe second = h.io(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf).cdw10_11(1L << 41));
        assertEquals(0, second.phase(), "the CQ wrapped: phase 0");
        assertEquals(0, errorLogStatus(h) & 1, "the newest entry has phase 0");
        assertEquals(StatusCode.LBA_OUT_OF_RANGE.dnr(), errorLogStatus(h) >>> 1);
    }

    private static int errorLogStatus(RawHost h) {
        long log = h.page();
        assertTrue(h.admin(s -> s.command(Opcodes.GET_LOG_PAGE, 0).prp1(log).cdw(10, 0x01 | 15 << 16)).success());
        return h.memory.read32(log + 12) & 0xffff;
    }

    /** §5.15.2.2 Identify Controller: CNTRLTYPE (byte 111) 1h, I/O controller; FRMW 1–7 slots; the 1.4 fields. */
    @Test
    void identifyControllerReportsAnIoControllerWithFirmwareSlots() {
        RawHost h = Hosts.ready();
        long page = h.page();
        assertTrue(h.admin(s -> s.command(Opcodes.IDENTIFY, 0).prp1(page).cdw(10, 1)).success());
        assertEquals(1, h.memory.read8(page + IdentifyData.CNTRLTYPE), "CNTRLTYPE: I/O controller");
        int frmw = h.memory.read8(page + IdentifyData.FRMW);
        int slots = frmw >>> 1 & 7;
        assertTrue(slots >= 1 && slots <= 7, "FRMW NOFS: 1 to 7 slots, was " + slots);
        assertEquals(1, frmw & 1, "slot 1 read-only");
        assertEquals(0, h.memory.read32(page + IdentifyData.OACS) & 0b100, "OACS: no Firmware Download/Commit");
        assertEquals(IdentifyData.WCTEMP_KELVINS, h.memory.read32(page + IdentifyData.WCTEMP) & 0xffff);
        assertEquals(IdentifyData.CCTEMP_KELVINS, h.memory.read32(page + IdentifyData.CCTEMP) & 0xffff);
        assertEquals(0, h.memory.read8(page + IdentifyData.NPSS), "one power state");
    }

    /** §5.14.1.3 Firmware Slot Information (log 03h): AFI names the active slot, FRS1 its revision. */
    @Test
    void firmwareSlotLogNamesTheActiveSlotAndItsRevision() {
        RawHost h = Hosts.ready();
        long log = h.page();
        h.memory.write32(log, 0xdead_beef);
        assertTrue(h.admin(s -> s.command(Opcodes.GET_LOG_PAGE, 0).prp1(log).cdw(10, 0x03 | 127 << 16)).success());
        assertEquals(1, h.memory.read8(log) & 7, "AFI: slot 1 active");
        assertEquals(0, h.memory.read8(log) >>> 4 & 7, "no firmware activated at the next reset");
        byte[] frs1 = new byte[8];
        for (int i = 0; i < 8; i++) {
            frs1[i] = (byte) h.memory.read8(log + 8 + i);
        }
        assertEquals(String.format("%-8s", IdentifyData.FIRMWARE_REVISION), new String(frs1, StandardCharsets.US_ASCII));
        assertEquals(0, h.memory.read64(log + 16), "FRS2: no slot 2");
    }

    /**
     * Namespace Identification Descriptor list (CNS 03h): an NGUID descriptor, the same NGUID as Identify Namespace;
     * bad NSIDs refused.
     */
    @Test
    void namespaceIdentificationDescriptorList() {
        RawHost h = Hosts.ready();
        long page = h.page();
        assertTrue(h.admin(s -> s.command(Opcodes.IDENTIFY, 0).nsid(1).prp1(page).cdw(10, 0x03)).success());
        assertEquals(IdentifyData.NIDT_NGUID, h.memory.read8(page));
        assertEquals(IdentifyData.NIDL_NGUID, h.memory.read8(page + 1));
        long hi = h.memory.read64(page + 4);
        long lo = h.memory.read64(page + 12);
        assertTrue(hi != 0 || lo != 0, "an NGUID is not all zeros");
        assertEquals(0, h.memory.read8(page + 4 + 16), "the list ends with a zero NIDT");
        long ns = h.page();
        assertTrue(h.admin(s -> s.command(Opcodes.IDENTIFY, 0).nsid(1).prp1(ns).cdw(10, 0x00)).success());
        assertEquals(hi, h.memory.read64(ns + IdentifyData.NGUID), "the same NGUID in Identify Namespace");
        assertEquals(lo, h.memory.read64(ns + IdentifyData.NGUID + 8));
        for (int nsid : new int[] {0, 2, BROADCAST}) {
            assertEquals(StatusCode.INVALID_NAMESPACE.dnr(),
                    h.admin(s -> s.command(Opcodes.IDENTIFY, 0).nsid(nsid).prp1(page).cdw(10, 0x03)).status(),
                    "NSID " + Integer.toHexString(nsid));
        }
    }

    /** §5.13 / §5.21.1: every mandatory feature answers Get Features, current, default and capabilities. */
    @Test
    void mandatoryFeaturesAnswerGetFeatures() {
        RawHost h = Hosts.ready();
        for (int fid : new int[] {0x02, 0x04, 0x05, 0x09, 0x0A, 0x0B}) {
            int nsid = fid == 0x05 ? 1 : 0;
            for (int sel = 0; sel < 3; sel++) {
                int cdw10 = fid | sel << 8;
                Cqe c = h.admin(s -> s.command(Opcodes.GET_FEATURES, 0).nsid(nsid).cdw(10, cdw10));
                assertTrue(c.success(), "FID " + Integer.toHexString(fid) + " SEL " + sel + ": " + c.status());
            }
            Cqe caps = h.admin(s -> s.command(Opcodes.GET_FEATURES, 0).nsid(nsid).cdw(10, fid | 3 << 8));
            assertTrue(caps.success());
            assertEquals(fid == 0x05 ? 0b110 : 0b100, caps.dw0(), "changeable, not saveable; 05h per namespace");
        }
        assertEquals(IdentifyData.WCTEMP_KELVINS, h.admin(s -> s.command(Opcodes.GET_FEATURES, 0).cdw(10, 0x04))
                .dw0(), "the over temperature threshold defaults to WCTEMP");
        assertEquals(StatusCode.FEATURE_NOT_NAMESPACE_SPECIFIC.dnr(),
                h.admin(s -> s.command(Opcodes.GET_FEATURES, 0).nsid(1).cdw(10, 0x04)).status(),
                "a controller-wide feature with a valid NSID");
        assertEquals(StatusCode.INVALID_NAMESPACE.dnr(),
                h.admin(s -> s.command(Opcodes.GET_FEATURES, 0).nsid(0).cdw(10, 0x05)).status(),
                "Error Recovery needs a namespace");
    }

    /** §5.21.1.2, .5, .9, .10, .11: the settable ones keep what was set until a controller reset. */
    @Test
    void settableFeaturesRoundTripAndResetToDefaults() {
        RawHost h = Hosts.withQueue(8);
        assertSet(h, 0, 0x02, 0);
        assertEquals(StatusCode.INVALID_FIELD.dnr(), set(h, 0, 0x02, 1).status(), "PS 1 beyond NPSS");
        assertSet(h, 1, 0x05, 30);
        assertEquals(30, get(h, 1, 0x05, 0), "TLER 3 s");
        assertEquals(StatusCode.INVALID_FIELD.dnr(), set(h, 1, 0x05, 1 << 16).status(), "DULBE unsupported");
        assertSet(h, BROADCAST, 0x05, 50);
        assertEquals(50, get(h, 1, 0x05, 0), "the broadcast NSID sets every namespace");
        assertSet(h, 0, 0x0A, 1);
        assertEquals(1, get(h, 0, 0x0A, 0));
        assertSet(h, 0, 0x0B, 0x02);
        assertEquals(0x02, get(h, 0, 0x0B, 0));
        assertSet(h, 0, 0x09, 1 | 1 << 16);
        assertEquals(1 | 1 << 16, get(h, 0, 0x09, 1), "vector 1: Coalescing Disable");
        assertEquals(0, get(h, 0, 0x09, 0) >>> 16, "vector 0 untouched");
        assertEquals(StatusCode.INVALID_FIELD.dnr(), set(h, 0, 0x09, 999).status(), "no such vector");

        assertTrue(h.disable());
        assertTrue(h.enable(32));
        assertEquals(0, get(h, 1, 0x05, 0), "Error Recovery back to its default");
        assertEquals(0, get(h, 0, 0x0A, 0));
        assertEquals(0, get(h, 0, 0x0B, 0));
        assertEquals(1, get(h, 0, 0x09, 1), "Coalescing Disable cleared");
    }

    /** §5.21.1.9: Coalescing Disable makes a vector signal every completion although coalescing is on. */
    @Test
    void coalescingDisableSignalsEachCompletion() {
        RawHost h = Hosts.ready();
        assertTrue(h.createQueuePair(1, 16, 1));
        assertSet(h, 0, 0x08, 7 | 200 << 8);
        long buf = h.page();
        long before = h.interrupts(1);
        for (int i = 0; i < 2; i++) {
            h.put(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf));
        }
        h.ringSq(1);
        h.advance(1_000_000);
        assertEquals(before, h.interrupts(1), "coalesced: 2 entries of 8, 20 ms not passed");
        assertEquals(2, h.reap(1).size());
        assertSet(h, 0, 0x09, 1 | 1 << 16);
        long now = h.interrupts(1);
        h.put(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf));
        h.ringSq(1);
        h.advance(1_000_000);
        assertEquals(now + 1, h.interrupts(1), "Coalescing Disable: signalled at once");
    }

    /**
     * §5.21.1.4 Temperature Threshold, §5.14.1.2 Critical Warning bit 1, §5.2.1 SMART / Health event: a threshold
     * crossed sets the warning and, when Asynchronous Event Configuration enables it, completes an AER once.
     */
    @Test
    void temperatureThresholdDrivesTheSmartWarningAndAnAsyncEvent() {
        RawHost h = Hosts.ready();
        assertEquals(0, smartCriticalWarning(h, true), "313 K is below WCTEMP");
        assertSet(h, 0, 0x0B, 0x02);
        int aer = h.put(0, s -> s.command(Opcodes.ASYNC_EVENT_REQUEST, 0));
        h.ringSq(0);
        h.settle();
        assertTrue(h.reap(0).isEmpty());

        List<Cqe> got = submitAll(h, s -> s.command(Opcodes.SET_FEATURES, 0).cdw(10, 0x04).cdw(11, 300));
        Cqe event = got.stream().filter(c -> c.cid() == aer).findFirst().orElseThrow();
        assertEquals(AsyncEvent.dw0(AsyncEvent.TYPE_SMART, AsyncEvent.TEMPERATURE_THRESHOLD, 0x02), event.dw0());
        assertEquals(300, get(h, 0, 0x04, 0));
        assertEquals(0b10, smartCriticalWarning(h, true), "Critical Warning bit 1");

        int second = h.put(0, s -> s.command(Opcodes.ASYNC_EVENT_REQUEST, 0));
        h.ringSq(0);
        assertSet(h, 0, 0x04, IdentifyData.WCTEMP_KELVINS);
        assertEquals(0, smartCriticalWarning(h, true), "back below the threshold");
        List<Cqe> again = submitAll(h, s -> s.command(Opcodes.SET_FEATURES, 0).cdw(10, 0x04).cdw(11, 320 | 1 << 20));
        assertEquals(1, again.size(), "still masked (every read kept RAE = 1): only the Set Features completes");
        assertEquals(0b10, smartCriticalWarning(h, false), "under threshold 320 K: 313 K is at or below it; "
                + "the event that crossing raised while masked was dropped (§5.2: masked until the log is read)");
        assertSet(h, 0, 0x04, 1 << 20);
        List<Cqe> unmasked = submitAll(h, s -> s.command(Opcodes.SET_FEATURES, 0).cdw(10, 0x04).cdw(11, 300));
        assertEquals(2, unmasked.size(), "read with RAE = 0, the type is unmasked: the next crossing is reported");
        assertTrue(unmasked.stream().anyMatch(c -> c.cid() == second && AsyncEvent.type(c.dw0()) == 1));

        assertEquals(StatusCode.INVALID_FIELD.dnr(), set(h, 0, 0x04, 1 << 16 | 300).status(), "TMPSEL 1: no sensor");
        assertEquals(StatusCode.INVALID_FIELD.dnr(), set(h, 0, 0x04, 2 << 20).status(), "THSEL 10b reserved");
    }

    /** Without the Asynchronous Event Configuration bit, the warning is set but no event is raised. */
    @Test
    void temperatureWarningWithoutEventConfigurationRaisesNoEvent() {
        RawHost h = Hosts.ready();
        h.put(0, s -> s.command(Opcodes.ASYNC_EVENT_REQUEST, 0));
        h.ringSq(0);
        List<Cqe> got = submitAll(h, s -> s.command(Opcodes.SET_FEATURES, 0).cdw(10, 0x04).cdw(11, 300));
        assertEquals(1, got.size(), "only the Set Features completion");
        assertEquals(0b10, smartCriticalWarning(h, true));
    }

    /** §3.1.5: CC.IOSQES/IOCQES must select sizes Identify SQES/CQES allow; else creating an I/O queue fails. */
    @Test
    void ioQueueEntrySizesAreValidated() {
        Cc linux = Cc.linux(0, Cc.AMS_ROUND_ROBIN);
        RawHost small = new RawHost(Hosts.instant(), 1);
        assertTrue(small.enable(32, new Cc(false, linux.css(), linux.mps(), linux.ams(), 0, 5, 4)));
        long q = small.page();
        assertTrue(small.admin(s -> s.command(Opcodes.CREATE_IO_CQ, 0).prp1(q).cdw(10, 1 | 7 << 16).cdw(11, 1))
                .success(), "IOCQES 4 is right");
        assertEquals(StatusCode.INVALID_QUEUE_SIZE.dnr(), small.admin(s -> s.command(Opcodes.CREATE_IO_SQ, 0)
                .prp1(small.page()).cdw(10, 1 | 7 << 16).cdw(11, 1 | 1 << 16)).status(), "IOSQES 5: 32-byte SQEs");

        RawHost unset = new RawHost(Hosts.instant(), 1);
        assertTrue(unset.enable(32, new Cc(false, linux.css(), linux.mps(), linux.ams(), 0, 6, 0)));
        assertEquals(StatusCode.INVALID_QUEUE_SIZE.dnr(), unset.admin(s -> s.command(Opcodes.CREATE_IO_CQ, 0)
                .prp1(unset.page()).cdw(10, 1 | 7 << 16).cdw(11, 1)).status(), "IOCQES 0 left unset");
    }

    // ------------------------------------------------------------------ helpers

    private static Cqe set(RawHost h, int nsid, int fid, int value) {
        return h.admin(s -> s.command(Opcodes.SET_FEATURES, 0).nsid(nsid).cdw(10, fid).cdw(11, value));
    }

    private static void assertSet(RawHost h, int nsid, int fid, int value) {
        Cqe c = set(h, nsid, fid, value);
        assertEquals(Status.SUCCESS, c.status(), "Set Features " + Integer.toHexString(fid));
    }

    private static int get(RawHost h, int nsid, int fid, int cdw11) {
        Cqe c = h.admin(s -> s.command(Opcodes.GET_FEATURES, 0).nsid(nsid).cdw(10, fid).cdw(11, cdw11));
        assertTrue(c.success(), "Get Features " + Integer.toHexString(fid) + ": " + c.status());
        return c.dw0();
    }

    /** SMART / Health log byte 0, read with RAE as given; no other admin completion may arrive meanwhile. */
    private static int smartCriticalWarning(RawHost h, boolean retain) {
        List<Cqe> others = new ArrayList<>();
        int warning = smartCriticalWarning(h, retain, others);
        assertTrue(others.isEmpty(), "unexpected completions " + others);
        return warning;
    }

    /** SMART / Health log byte 0, read with RAE as given; other admin completions that arrive go to {@code others}. */
    private static int smartCriticalWarning(RawHost h, boolean retain, List<Cqe> others) {
        long log = h.page();
        int cdw10 = 0x02 | (retain ? 1 << 15 : 0) | 127 << 16;
        int cid = h.put(0, s -> s.command(Opcodes.GET_LOG_PAGE, 0).nsid(BROADCAST).prp1(log).cdw(10, cdw10));
        h.ringSq(0);
        List<Cqe> got = collect(h, cid);
        for (Cqe c : got) {
            if (c.cid() == cid) {
                assertTrue(c.success(), "Get Log Page 02h: " + c.status());
            } else {
                others.add(c);
            }
        }
        return h.memory.read8(log);
    }

    /** Submits one admin command and returns every admin CQE that arrived meanwhile (an AER's among them). */
    private static List<Cqe> submitAll(RawHost h, java.util.function.Consumer<org.sysmodels.nvme.model.queue.Sqe> b) {
        int cid = h.put(0, b);
        h.ringSq(0);
        return collect(h, cid);
    }

    /** Every admin CQE until the one with {@code cid}, within a bounded number of steps. */
    private static List<Cqe> collect(RawHost h, int cid) {
        List<Cqe> all = new ArrayList<>();
        for (int i = 0; i < 100 && all.stream().noneMatch(c -> c.cid() == cid); i++) {
            h.advance(100_000);
            all.addAll(h.reap(0));
        }
        assertTrue(all.stream().anyMatch(c -> c.cid() == cid), "the command completed");
        return all;
    }
}
