package org.sysmodels.nvme.model;

import org.sysmodels.nvme.model.command.AsyncEvent;
import org.sysmodels.nvme.model.command.IdentifyData;
import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.queue.Cqe;
import org.sysmodels.nvme.model.register.ControllerConfig;
import org.sysmodels.nvme.model.register.Registers;
import org.sysmodels.nvme.model.status.StatusCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.fault.Fault;
import org.sysmodels.core.fault.FaultPlan;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.host.platform.RawHost;

/** Identify, features, log pages, Abort and Asynchronous Event Requests. */
class AdminCommandsTest {

    @Test
    void identifyControllerNamespaceAndList() {
        RawHost h = Hosts.ready();
        long page = h.page();
        assertTrue(h.admin(s -> s.command(Opcodes.IDENTIFY, 0).prp1(page).cdw(10, 1)).success());
        assertEquals(5, h.memory.read8(page + IdentifyData.MDTS));
        assertEquals(0x66, h.memory.read8(page + IdentifyData.SQES), "64-byte SQEs");
        assertEquals(0x44, h.memory.read8(page + IdentifyData.CQES), "16-byte CQEs");
        assertEquals(1, h.memory.read32(page + IdentifyData.NN));
        assertEquals(IdentifyData.VERSION, h.memory.read32(page + IdentifyData.VER));
        assertEquals(0b1100, h.memory.read32(page + IdentifyData.ONCS) & 0xffff, "DSM and Write Zeroes");

        assertTrue(h.admin(s -> s.command(Opcodes.IDENTIFY, 0).nsid(1).prp1(page).cdw(10, 0)).success());
        assertEquals(1L << 18, h.memory.read64(page + IdentifyData.NSZE));
        assertEquals(12, h.memory.read8(page + IdentifyData.LBAF0 + 2), "LBADS: 4 KiB LBAs");
        assertEquals(1, h.memory.read8(page + IdentifyData.DLFEAT) & 7, "deallocated blocks read as zeros");

        assertTrue(h.admin(s -> s.command(Opcodes.IDENTIFY, 0).prp1(page).cdw(10, 2)).success());
        assertEquals(1, h.memory.read32(page));
        assertEquals(0, h.memory.read32(page + 4), "zero-terminated");

        assertEquals(StatusCode.INVALID_NAMESPACE.dnr(),
                h.admin(s -> s.command(Opcodes.IDENTIFY, 0).nsid(0).prp1(page).cdw(10, 0)).status());
        assertEquals(StatusCode.INVALID_NAMESPACE.dnr(),
                h.admin(s -> s.command(Opcodes.IDENTIFY, 0).nsid(7).prp1(page).cdw(10, 0)).status());
        assertEquals(StatusCode.INVALID_FIELD.dnr(),
                h.admin(s -> s.command(Opcodes.IDENTIFY, 0).prp1(page).cdw(10, 0x13)).status(), "unsupported CNS");
        assertEquals(StatusCode.INVALID_PRP_OFFSET.dnr(),
                h.admin(s -> s.command(Opcodes.IDENTIFY, 0).prp1(page + 8).prp2(page + 100).cdw(10, 1)).status(),
                "4096 bytes from an offset need a page-aligned PRP2");
    }

    @Test
    void unknownAdminOpcodeAndFusedCommands() {
        RawHost h = Hosts.ready();
        assertEquals(StatusCode.INVALID_OPCODE.dnr(), h.admin(s -> s.command(0x7f, 0)).status());
        assertEquals(StatusCode.INVALID_FIELD.dnr(), h.admin(s -> s.command(Opcodes.IDENTIFY, 0).cdw(10, 1)
                .dw(0, s.dw(0) | 1 << 8)).status(), "fused operations are not supported");
    }

    @Test
    void featuresSetGetAndSelect() {
        RawHost h = Hosts.ready();
        assertEquals(7, h.admin(s -> s.command(Opcodes.GET_FEATURES, 0).cdw(10, 0x01)).dw0() & 7,
                "arbitration burst: no limit by default");
        assertTrue(h.admin(s -> s.command(Opcodes.SET_FEATURES, 0).cdw(10, 0x08).cdw(11, 7 | 2 << 8)).success());
        assertEquals(7 | 2 << 8, h.admin(s -> s.command(Opcodes.GET_FEATURES, 0).cdw(10, 0x08)).dw0());
        assertEquals(0, h.admin(s -> s.command(Opcodes.GET_FEATURES, 0).cdw(10, 0x08 | 1 << 8)).dw0(),
                "SEL = 1: the default");
        assertEquals(0b100, h.admin(s -> s.command(Opcodes.GET_FEATURES, 0).cdw(10, 0x08 | 3 << 8)).dw0(),
                "SEL = 3: changeable, not saveable");
        assertEquals(StatusCode.FEATURE_NOT_SAVEABLE.dnr(),
                h.admin(s -> s.command(Opcodes.SET_FEATURES, 0).cdw(10, 0x08 | 1 << 31)).status());
        assertEquals(StatusCode.INVALID_FIELD.dnr(),
                h.admin(s -> s.command(Opcodes.SET_FEATURES, 0).cdw(10, 0x42)).status(), "unknown feature");
    }

    @Test
    void errorLogAndSmartLog() {
        RawHost h = Hosts.withQueue(8);
        long buf = h.page();
        Cqe bad = h.io(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf).cdw10_11(1L << 40));
        assertEquals(StatusCode.LBA_OUT_OF_RANGE.dnr(), bad.status());
        for (int i = 0; i < 3; i++) {
            assertTrue(h.io(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf)).success());
        }
        long log = h.page();
        assertTrue(h.admin(s -> s.command(Opcodes.GET_LOG_PAGE, 0).prp1(log).cdw(10, 0x01 | 15 << 16)).success());
        assertEquals(1, h.memory.read64(log), "error count");
        assertEquals(1, h.memory.read32(log + 8) & 0xffff, "SQID");
        assertEquals(bad.cid(), h.memory.read32(log + 8) >>> 16, "CID");
        assertEquals(StatusCode.LBA_OUT_OF_RANGE.dnr(), (h.memory.read32(log + 12) & 0xffff) >>> 1, "status field");
        assertEquals(1L << 40, h.memory.read64(log + 16), "LBA");

        assertTrue(h.admin(s -> s.command(Opcodes.GET_LOG_PAGE, 0).nsid(0xffff_ffff).prp1(log)
                .cdw(10, 0x02 | 127 << 16)).success());
        assertEquals(3, h.memory.read64(log + 64), "host read commands");
        assertEquals(1, h.memory.read64(log + 32), "data units read: 12 KiB is 24 units of 512 bytes, one thousand");
        assertEquals(1, h.memory.read64(log + 176), "error log entries");
        assertEquals(StatusCode.INVALID_LOG_PAGE.dnr(),
                h.admin(s -> s.command(Opcodes.GET_LOG_PAGE, 0).prp1(log).cdw(10, 0x55 | 127 << 16)).status());
        assertEquals(StatusCode.INVALID_FIELD.dnr(), h.admin(s -> s.command(Opcodes.GET_LOG_PAGE, 0).prp1(log)
                .cdw(10, 0x02 | 127 << 16).cdw(12, 4096)).status(), "offset past the end");
    }

    @Test
    void abortFindsAStuckCommandAndNotAFinishedOne() {
        ControllerConfig c = Hosts.instant();
        RawHost h = new RawHost(c, 1, Tracer.off(), FaultPlan.of(new Fault("stuck-command", "ns1", 0L, null, 1.0,
                1L)));
        h.enable(32);
        h.createQueuePair(1, 8);
        long buf = h.page();
        int stuck = h.put(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf));
        h.ringSq(1);
        h.settle();
        assertTrue(h.reap(1).isEmpty(), "the command is lost inside the device");
        Cqe abort = h.admin(s -> s.command(Opcodes.ABORT, 0).cdw(10, 1 | stuck << 16));
        assertEquals(0, abort.dw0() & 1, "aborted");
        List<Cqe> got = h.reap(1);
        assertEquals(1, got.size());
        assertEquals(StatusCode.ABORT_REQUESTED.value(), got.get(0).status(), "no DNR: the host may retry");
        Cqe again = h.admin(s -> s.command(Opcodes.ABORT, 0).cdw(10, 1 | stuck << 16));
        assertEquals(1, again.dw0() & 1, "not aborted: it is no longer inside");
    }

    @Test
    void invalidDoorbellsRaiseAsynchronousEventsUntilTheLogIsRead() {
        RawHost h = Hosts.withQueue(8);
        int aer = h.put(0, s -> s.command(Opcodes.ASYNC_EVENT_REQUEST, 0));
        h.ringSq(0);
        h.settle();
        assertTrue(h.reap(0).isEmpty(), "an AER stays outstanding");
        h.write32(Registers.sqTailDoorbell(9, 0), 1);
        h.settle();
        List<Cqe> got = h.reap(0);
        assertEquals(1, got.size());
        assertEquals(aer, got.get(0).cid());
        assertEquals(AsyncEvent.dw0(AsyncEvent.TYPE_ERROR, AsyncEvent.INVALID_DOORBELL_REGISTER, 1), got.get(0).dw0());

        int second = h.put(0, s -> s.command(Opcodes.ASYNC_EVENT_REQUEST, 0));
        h.ringSq(0);
        h.write32(Registers.sqTailDoorbell(1, 0), 200);
        h.settle();
        assertTrue(h.reap(0).isEmpty(), "error events are masked until the Error Information log is read");
        long log = h.page();
        assertTrue(h.admin(s -> s.command(Opcodes.GET_LOG_PAGE, 0).prp1(log).cdw(10, 0x01 | 15 << 16)).success());
        h.write32(Registers.cqHeadDoorbell(1, 0), 5);
        h.settle();
        List<Cqe> later = h.reap(0);
        assertEquals(1, later.size());
        assertEquals(second, later.get(0).cid());
        assertEquals(AsyncEvent.INVALID_DOORBELL_VALUE, AsyncEvent.info(later.get(0).dw0()),
                "a CQ head moved past the entries posted");
    }

    @Test
    void tooManyAsyncEventRequests() {
        RawHost h = Hosts.ready();
        for (int i = 0; i < 4; i++) {
            h.put(0, s -> s.command(Opcodes.ASYNC_EVENT_REQUEST, 0));
        }
        h.ringSq(0);
        h.settle();
        assertTrue(h.reap(0).isEmpty(), "AERL + 1 = 4 may be outstanding");
        Cqe fifth = h.admin(s -> s.command(Opcodes.ASYNC_EVENT_REQUEST, 0));
        assertEquals(StatusCode.ASYNC_EVENT_REQUEST_LIMIT_EXCEEDED.dnr(), fifth.status());
    }

    @Test
    void doorbellsBeforeReadyAreIgnored() {
        RawHost h = new RawHost(Hosts.instant(), 1);
        h.write32(Registers.sqTailDoorbell(0, 0), 1);
        assertNull(h.controller.submissionQueue(0));
        assertTrue(h.enable(32), "nothing broke");
    }
}
