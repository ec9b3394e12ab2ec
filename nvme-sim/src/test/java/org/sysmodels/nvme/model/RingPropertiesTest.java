package org.sysmodels.nvme.model;

import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.queue.CompletionQueue;
import org.sysmodels.nvme.model.queue.Cqe;
import org.sysmodels.nvme.model.queue.Ring;
import org.sysmodels.nvme.model.queue.Sqe;
import org.sysmodels.nvme.model.queue.SubmissionQueue;
import org.sysmodels.nvme.model.register.Registers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Props;
import org.sysmodels.nvme.host.platform.RawHost;

/**
 * Ring properties over random queue sizes: the host submits, rings, and consumes completions in random amounts
 * (sometimes without writing the head doorbell), and at every step:
 * <ul>
 *   <li>the CQ never holds more than size − 1 entries; completions beyond that wait inside the controller;
 *   <li>the host reads every completion exactly once, in the order posted, by its phase tag alone;
 *   <li>the controller's phase is 1 flipped once per wrap of its tail, the host's once per wrap of its head;
 *   <li>SQHD in each entry is the SQ head, which never passes the tail.
 * </ul>
 */
class RingPropertiesTest {

    /** op: 0 submit up to n and ring, 1 consume up to n and write the head, 2 consume up to n silently, 3 run. */
    record Step(int op, int n) {
    }

    @Test
    void ringsKeepTheirInvariants() {
        Props.property(250).forAll(integers().between(2, 9), integers().between(2, 9),
                lists().of(integers().between(0, 3).zip(integers().between(1, 12), Step::new)).ofSizeBetween(1, 60))
                .checkAssert(RingPropertiesTest::check);
    }

    static void check(int sqSize, int cqSize, List<Step> steps) {
        RawHost h = Hosts.ready();
        long sq = h.allocator.allocContiguous(4096);
        long cq = h.allocator.allocContiguous(4096);
        assertTrue(h.admin(s -> s.command(Opcodes.CREATE_IO_CQ, 0).prp1(cq).cdw(10, 1 | (cqSize - 1) << 16)
                .cdw(11, 1)).success());
        assertTrue(h.admin(s -> s.command(Opcodes.CREATE_IO_SQ, 0).prp1(sq).cdw(10, 1 | (sqSize - 1) << 16)
                .cdw(11, 1 | 1 << 16)).success());
        int tail = 0;
        int sqHead = 0;
        int cqHead = 0;
        int phase = 1;
        int nextCid = 1;
        long consumed = 0;
        Deque<Integer> outstanding = new ArrayDeque<>();
        Sqe e = new Sqe();
        for (Step st : steps) {
            switch (st.op()) {
                case 0 -> {
                    int free = Ring.free(sqHead, tail, sqSize);
                    // The host may also count commands whose completions it has not consumed: keep it simple and
                    // stay within the slots SQHD says are free.
                    for (int k = 0; k < Math.min(st.n(), free); k++) {
                        e.clear().command(Opcodes.FLUSH, nextCid).nsid(1).writeTo(h.memory, sq + 64L * tail);
                        outstanding.add(nextCid);
                        nextCid = nextCid == 60000 ? 1 : nextCid + 1;
                        tail = Ring.next(tail, sqSize);
                    }
                    h.write32(Registers.sqTailDoorbell(1, 0), tail);
                }
                case 1, 2 -> {
                    for (int k = 0; k < st.n(); k++) {
                        Cqe c = Cqe.read(h.memory, cq + 16L * cqHead);
                        if (c.phase() != phase) {
                            break;
                        }
                        assertTrue(!outstanding.isEmpty(), "an entry the host did not expect");
                        assertEquals(outstanding.poll(), c.cid(), "completions in posting order");
                        assertTrue(Ring.distance(sqHead, c.sqhd(), sqSize) <= Ring.used(sqHead, tail, sqSize),
                                "SQHD never passes the tail");
                        sqHead = c.sqhd();
                        cqHead = Ring.next(cqHead, cqSize);
                        consumed++;
                        if (cqHead == 0) {
                            phase ^= 1;
                        }
                    }
                    if (st.op() == 1) {
                        h.write32(Registers.cqHeadDoorbell(1, 0), cqHead);
                    }
                }
                default -> h.settle();
            }
            h.settle();
            CompletionQueue q = h.controller.completionQueue(1);
            assertTrue(q.occupied() <= cqSize - 1, "one slot always empty");
            long posted = consumed + Ring.distance(cqHead, q.tail(), cqSize);
            assertEquals(1 ^ (int) ((posted / cqSize) & 1), q.phase(), "controller phase after " + posted + " posts");
            assertEquals(1 ^ (int) ((consumed / cqSize) & 1), phase, "host phase after " + consumed + " reads");
            SubmissionQueue s = h.controller.submissionQueue(1);
            int unfetched = Ring.used(s.head(), tail, sqSize);
            int unread = Ring.distance(cqHead, q.tail(), cqSize);
            assertEquals(outstanding.size(), unfetched + h.controller.completionsWaiting(1) + unread,
                    "every command is unfetched, waiting for CQ room, or posted and unread");
        }
        // Drain: consume and release everything; every command completes exactly once.
        for (int round = 0; round < 100 && !outstanding.isEmpty(); round++) {
            Cqe c = Cqe.read(h.memory, cq + 16L * cqHead);
            if (c.phase() != phase) {
                h.write32(Registers.cqHeadDoorbell(1, 0), cqHead);
                h.settle();
                continue;
            }
            assertEquals(outstanding.poll(), c.cid());
            cqHead = Ring.next(cqHead, cqSize);
            if (cqHead == 0) {
                phase ^= 1;
            }
        }
        assertTrue(outstanding.isEmpty(), "lost completions: " + outstanding);
    }
}
