package org.sysmodels.nvme.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.nvme.host.platform.RawHost;
import org.sysmodels.nvme.model.command.ControllerObserver;
import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.queue.Cqe;
import org.sysmodels.nvme.model.register.Registers;

/**
 * Doorbell writes (NVMe 1.4 §3.1.24–3.1.25, §5.2 "Asynchronous Event Request" type Error Status: Invalid Doorbell
 * Register 00h, Invalid Doorbell Write Value 01h): each invalid write is told to the checker with its queue, side and
 * problem, and makes an Error Information log entry; writes before the controller is ready are ignored but reported;
 * and in polled mode the doorbells are picked up by the device thread's {@link Controller#poll()}, not on the write.
 */
class DoorbellsTest {

    /** Doorbell reports as text: "invalid SQ1 8 VALUE_OUT_OF_RANGE", "not ready CQ0 3". */
    private static final class Reports implements ControllerObserver {
        final List<String> seen = new ArrayList<>();

        @Override
        public void doorbellWhileNotReady(int qid, boolean completionQueue, int value, long now) {
            seen.add("not ready " + (completionQueue ? "CQ" : "SQ") + qid + " " + value);
        }

        @Override
        public void invalidDoorbell(int qid, boolean completionQueue, int value, DoorbellProblem problem, long now) {
            seen.add("invalid " + (completionQueue ? "CQ" : "SQ") + qid + " " + value + " " + problem);
        }
    }

    @Test
    void writesBeforeReadyAreReportedAndIgnored() {
        RawHost h = new RawHost(Hosts.instant(), 1);
        Reports r = new Reports();
        h.controller.observe(r);
        int beyond = h.controller.configuration().maxIoQueuePairs() + 1;
        h.write32(Registers.sqTailDoorbell(0, 0), 1);
        h.write32(Registers.cqHeadDoorbell(0, 0), 3);
        h.write32(Registers.sqTailDoorbell(beyond, 0), 2);
        h.write32(Registers.cqHeadDoorbell(beyond, 0), 4);
        assertEquals(List.of("not ready SQ0 1", "not ready CQ0 3", "not ready SQ" + beyond + " 2",
                "not ready CQ" + beyond + " 4"), r.seen);
        assertEquals(0, h.controller.errorLogEntries(), "no error before the controller processes commands");
        assertTrue(h.enable(32));
    }

    @Test
    void invalidWritesNameQueueSideAndProblem() {
        RawHost h = Hosts.withQueue(8);
        Reports r = new Reports();
        h.controller.observe(r);
        int beyond = h.controller.configuration().maxIoQueuePairs() + 1;
        h.write32(Registers.sqTailDoorbell(1, 0), 8);
        h.write32(Registers.cqHeadDoorbell(1, 0), 8);
        h.write32(Registers.cqHeadDoorbell(1, 0), 1);
        h.write32(Registers.sqTailDoorbell(2, 0), 1);
        h.write32(Registers.cqHeadDoorbell(2, 0), 1);
        h.write32(Registers.sqTailDoorbell(beyond, 0), 5);
        h.write32(Registers.cqHeadDoorbell(beyond, 0), 6);
        assertEquals(List.of("invalid SQ1 8 VALUE_OUT_OF_RANGE", "invalid CQ1 8 VALUE_OUT_OF_RANGE",
                "invalid CQ1 1 CQ_UNDERFLOW", "invalid SQ2 1 NO_SUCH_QUEUE", "invalid CQ2 1 NO_SUCH_QUEUE",
                "invalid SQ" + beyond + " 5 NO_SUCH_QUEUE", "invalid CQ" + beyond + " 6 NO_SUCH_QUEUE"), r.seen);
        assertEquals(7, h.controller.errorLogEntries(), "one Error Information entry per invalid write");

        r.seen.clear();
        h.write32(Registers.sqTailDoorbell(1, 0), 7);
        h.settle();
        assertEquals(List.of(), r.seen, "7 new entries fit in a ring of 8");
        assertEquals(7, h.controller.commandsFetched() - 2, "all seven fetched (after the two Create commands)");
    }

    @Test
    void onlyIoSubmissionDoorbellsAreCounted() {
        RawHost h = Hosts.withQueue(8);
        long admin = h.controller.sqTailDoorbellWrites();
        assertEquals(0, admin, "Create I/O CQ and SQ went through the admin queue");
        long buf = h.page();
        assertTrue(h.io(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf)).success());
        assertTrue(h.io(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf)).success());
        assertEquals(2, h.controller.sqTailDoorbellWrites());
        assertEquals(2, h.controller.completionsPosted() - 2);
    }

    @Test
    void polledModePicksDoorbellsUpOnlyOnPoll() {
        RawHost h = Hosts.withQueue(8);
        h.controller.polled(true);
        assertFalse(h.controller.poll(), "nothing changed");
        long buf = h.page();
        int cid = h.put(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf));
        h.ringSq(1);
        h.settle();
        assertTrue(h.reap(1).isEmpty(), "the doorbell write alone does nothing in polled mode");
        long fetched = h.controller.commandsFetched();
        assertTrue(h.controller.poll(), "the device thread sees the new tail");
        h.settle();
        assertEquals(fetched + 1, h.controller.commandsFetched());
        List<Cqe> got = h.reap(1);
        assertEquals(1, got.size());
        assertEquals(cid, got.get(0).cid());
        assertTrue(got.get(0).success());
        assertTrue(h.controller.poll(), "the CQ head doorbell the host wrote is picked up");
        assertFalse(h.controller.poll(), "and then nothing is new");

        Reports r = new Reports();
        h.controller.observe(r);
        h.write32(Registers.sqTailDoorbell(1, 0), 9);
        assertTrue(r.seen.isEmpty());
        assertTrue(h.controller.poll());
        assertEquals(List.of("invalid SQ1 9 VALUE_OUT_OF_RANGE"), r.seen);

        h.controller.polled(false);
        assertTrue(h.io(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf)).success(), "back to MMIO doorbells");
    }
}
