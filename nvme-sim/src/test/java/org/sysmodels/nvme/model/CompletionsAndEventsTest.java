package org.sysmodels.nvme.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.nvme.host.platform.RawHost;
import org.sysmodels.nvme.model.command.AsyncEvent;
import org.sysmodels.nvme.model.command.ControllerObserver;
import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.queue.Cqe;
import org.sysmodels.nvme.model.register.Registers;
import org.sysmodels.nvme.model.status.StatusCode;

/**
 * Completion queues that fill up (NVMe 1.4 §4.6: a full CQ holds further completions back until the host moves the
 * head) and Asynchronous Event Requests (§5.2: one event per request, the event type masked until its log page is
 * read with RAE = 0, events while masked are lost, Abort completes an outstanding request, a reset discards them).
 */
class CompletionsAndEventsTest {

    private static final class CqReports implements ControllerObserver {
        final List<String> seen = new ArrayList<>();

        @Override
        public void completionQueueFull(int cqid, long now) {
            seen.add("full CQ" + cqid + " @" + now);
        }

        @Override
        public void completionQueueRoom(int cqid, long stalledNanos, long now) {
            seen.add("room CQ" + cqid + " after " + stalledNanos + " @" + now);
        }
    }

    @Test
    void aFullCompletionQueueHoldsCompletionsBackInOrder() {
        RawHost h = Hosts.withQueue(2);
        CqReports r = new CqReports();
        h.controller.observe(r);
        long buf = h.page();
        long t0 = h.scheduler.now();
        List<Integer> cids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int lba = i;
            // A ring of 2 holds one entry: submit one at a time; each is fetched and completed at once.
            cids.add(h.put(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf).cdw10_11(lba)));
            h.ringSq(1);
            h.advance(0);
        }
        assertEquals(t0, h.scheduler.now());
        assertEquals(List.of("full CQ1 @" + t0), r.seen, "told once, when the first completion has to wait");
        assertEquals(2, h.controller.completionsWaiting(1));
        h.advance(7_000);
        List<Cqe> first = h.reap(1);
        assertEquals(1, first.size());
        assertEquals(cids.get(0), first.get(0).cid());
        assertEquals(List.of("full CQ1 @" + t0, "room CQ1 after 7000 @" + (t0 + 7_000)), r.seen);
        assertEquals(1, h.controller.completionsWaiting(1));
        h.advance(3_000);
        List<Cqe> second = h.reap(1);
        assertEquals(cids.get(1), second.get(0).cid());
        assertEquals("room CQ1 after 3000 @" + (t0 + 10_000), r.seen.get(2), "the stall clock restarted");
        h.advance(1_000);
        assertEquals(cids.get(2), h.reap(1).get(0).cid());
        assertEquals(0, h.controller.completionsWaiting(1));
        assertEquals(1, second.get(0).sqhd(), "SQ head: all three fetched, 3 mod 2");
    }

    private static void invalidDoorbell(RawHost h) {
        h.write32(Registers.sqTailDoorbell(9, 0), 1);
        h.settle();
    }

    private static Cqe readErrorLog(RawHost h, boolean retain) {
        long log = h.page();
        return h.admin(s -> s.command(Opcodes.GET_LOG_PAGE, 0).prp1(log).cdw(10, 0x01 | (retain ? 1 << 15 : 0)
                | 15 << 16));
    }

    @Test
    void eventsWaitForARequestAndMaskTheirTypeUntilTheLogIsRead() {
        RawHost h = Hosts.ready();
        invalidDoorbell(h);
        int a1 = h.put(0, s -> s.command(Opcodes.ASYNC_EVENT_REQUEST, 0));
        h.ringSq(0);
        h.settle();
        List<Cqe> got = h.reap(0);
        assertEquals(1, got.size(), "the event queued before any request completes the first one");
        assertEquals(a1, got.get(0).cid());
        assertEquals(AsyncEvent.dw0(AsyncEvent.TYPE_ERROR, AsyncEvent.INVALID_DOORBELL_REGISTER,
                AsyncEvent.LOG_ERROR_INFORMATION), got.get(0).dw0());

        invalidDoorbell(h);
        int a2 = h.put(0, s -> s.command(Opcodes.ASYNC_EVENT_REQUEST, 0));
        h.ringSq(0);
        h.settle();
        assertTrue(h.reap(0).isEmpty(), "masked: the second event was lost");
        assertTrue(readErrorLog(h, true).success());
        invalidDoorbell(h);
        assertTrue(h.reap(0).isEmpty(), "RAE = 1 keeps the type masked");
        assertTrue(readErrorLog(h, false).success());
        assertTrue(h.reap(0).isEmpty(), "unmasked, but the lost events do not come back");

        int ab = h.put(0, s -> s.command(Opcodes.ABORT, 0).cdw(10, a2 << 16));
        h.ringSq(0);
        h.settle();
        List<Cqe> both = h.reap(0);
        assertEquals(2, both.size(), "the Abort and the aborted request");
        Cqe abort = both.stream().filter(c -> c.cid() == ab).findFirst().orElseThrow();
        Cqe aborted = both.stream().filter(c -> c.cid() == a2).findFirst().orElseThrow();
        assertEquals(0, abort.dw0() & 1, "the outstanding request was aborted");
        assertEquals(StatusCode.ABORT_REQUESTED.value(), aborted.status());
        Cqe again = h.admin(s -> s.command(Opcodes.ABORT, 0).cdw(10, a2 << 16));
        assertEquals(1, again.dw0() & 1, "no longer outstanding");

        int a3 = h.put(0, s -> s.command(Opcodes.ASYNC_EVENT_REQUEST, 0));
        int a4 = h.put(0, s -> s.command(Opcodes.ASYNC_EVENT_REQUEST, 0));
        h.ringSq(0);
        h.settle();
        invalidDoorbell(h);
        got = h.reap(0);
        assertEquals(1, got.size(), "one event completes one request");
        assertTrue(got.get(0).cid() == a3 || got.get(0).cid() == a4);
        assertEquals(AsyncEvent.TYPE_ERROR, AsyncEvent.type(got.get(0).dw0()));
    }

    @Test
    void aResetDiscardsOutstandingRequests() {
        RawHost h = Hosts.ready();
        for (int i = 0; i < 4; i++) {
            h.put(0, s -> s.command(Opcodes.ASYNC_EVENT_REQUEST, 0));
        }
        h.ringSq(0);
        h.settle();
        assertEquals(StatusCode.ASYNC_EVENT_REQUEST_LIMIT_EXCEEDED.dnr(),
                h.admin(s -> s.command(Opcodes.ASYNC_EVENT_REQUEST, 0)).status());
        assertTrue(h.disable());
        assertTrue(h.enable(32));
        for (int i = 0; i < 4; i++) {
            h.put(0, s -> s.command(Opcodes.ASYNC_EVENT_REQUEST, 0));
        }
        h.ringSq(0);
        h.settle();
        assertTrue(h.reap(0).isEmpty(), "four new requests fit: the old ones are gone");
        invalidDoorbell(h);
        assertEquals(1, h.reap(0).size());
    }

    @Test
    void aResetDropsCompletionsThatWaitedForRoom() {
        RawHost h = Hosts.withQueue(2);
        long buf = h.page();
        for (int i = 0; i < 3; i++) {
            h.put(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf));
            h.ringSq(1);
            h.advance(0);
        }
        assertEquals(2, h.controller.completionsWaiting(1));
        assertTrue(h.disable());
        assertEquals(0, h.controller.commandsInside());
        assertTrue(h.enable(32));
        assertTrue(h.createQueuePair(1, 2));
        assertEquals(0, h.controller.completionsWaiting(1));
        Cqe fresh = h.io(1, s -> s.command(Opcodes.READ, 0).nsid(1).prp1(buf));
        assertTrue(fresh.success());
        h.settle();
        assertTrue(h.reap(1).isEmpty(), "nothing from before the reset is posted into the new CQ");
    }
}
