package org.sysmodels.nvme.model.interrupt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.nvme.model.queue.CompletionQueue;
import org.sysmodels.nvme.model.queue.SubmissionQueue;

/**
 * Command arbitration (NVMe 1.4, Command Arbitration): round robin with an Arbitration Burst of 2^AB commands per
 * turn (AB = 111b: no limit), and weighted round robin with urgent priority class: the admin SQ first, then urgent
 * SQs, then the high, medium and low classes in proportion to HPW + 1, MPW + 1, LPW + 1. The queues here always have entries, so
 * the order is the arbiter's alone.
 */
class ArbiterTest {

    private static final CompletionQueue CQ = new CompletionQueue(1, 0, 64, false, 0);

    private static SubmissionQueue sq(int qid, int priority) {
        SubmissionQueue q = new SubmissionQueue(qid, 0, 64, priority, CQ);
        q.publish(10);
        return q;
    }

    /** An arbiter for QIDs up to 8, configured (WRR or not, AB, LPW, MPW, HPW), holding the given SQs. */
    private static Arbiter arbiter(boolean wrr, int ab, int lpw, int mpw, int hpw, SubmissionQueue... queues) {
        Arbiter a = new Arbiter(8);
        a.configure(wrr, ab, lpw, mpw, hpw);
        for (SubmissionQueue q : queues) {
            a.add(q);
        }
        return a;
    }

    private static List<Integer> picks(Arbiter a, int n, boolean admin, boolean io) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SubmissionQueue q = a.next(admin, io);
            out.add(q == null ? -1 : q.qid());
        }
        return out;
    }

    @Test
    void roundRobinWithABurstOfTwo() {
        Arbiter a = arbiter(false, 1, 0, 0, 0, sq(0, SubmissionQueue.ADMIN), sq(1, SubmissionQueue.MEDIUM),
                sq(3, SubmissionQueue.MEDIUM));
        assertEquals(List.of(1, 1, 3, 3, 0, 0, 1, 1, 3), picks(a, 9, true, true));
        assertEquals(List.of(3, 1, 1, 3, 3), picks(a, 5, false, true), "I/O only: the admin SQ is skipped");
        assertEquals(List.of(0, 0, 0), picks(a, 3, true, false), "admin only");
        assertEquals(List.of(-1), picks(a, 1, false, false));
    }

    @Test
    void noBurstLimitKeepsTheQueueWhileItHasEntries() {
        Arbiter a = arbiter(false, 7, 0, 0, 0, sq(1, SubmissionQueue.MEDIUM), sq(2, SubmissionQueue.MEDIUM));
        assertEquals(List.of(1, 1, 1, 1, 1), picks(a, 5, false, true));
    }

    @Test
    void removingTheLastQueueShrinksTheRing() {
        Arbiter a = arbiter(false, 0, 0, 0, 0, sq(1, SubmissionQueue.MEDIUM), sq(2, SubmissionQueue.MEDIUM),
                sq(5, SubmissionQueue.MEDIUM));
        assertEquals(List.of(1, 2, 5, 1), picks(a, 4, false, true));
        a.remove(5);
        assertEquals(List.of(2, 1, 2), picks(a, 3, false, true));
        a.remove(2);
        a.remove(1);
        assertEquals(List.of(-1), picks(a, 1, false, true));
        a.add(sq(4, SubmissionQueue.MEDIUM));
        assertEquals(List.of(4, 4), picks(a, 2, false, true));
        a.clear();
        assertNull(a.next(true, true));
        a.add(sq(8, SubmissionQueue.MEDIUM));
        assertEquals(List.of(8), picks(a, 1, false, true), "the highest QID the arbiter was made for");
    }

    @Test
    void weightedRoundRobinWithUrgentPriority() {
        // HPW 2 (weight 3), MPW 1 (weight 2), LPW 0 (weight 1); no burst limit.
        Arbiter a = arbiter(true, 7, 0, 1, 2, sq(1, SubmissionQueue.HIGH), sq(2, SubmissionQueue.MEDIUM),
                sq(3, SubmissionQueue.LOW));
        assertEquals(List.of(1, 1, 1, 2, 2, 3, 1, 1, 1, 2, 2, 3), picks(a, 12, true, true));
        a.add(sq(0, SubmissionQueue.ADMIN));
        assertEquals(List.of(0, 0), picks(a, 2, true, true), "the admin SQ goes first");
        assertEquals(List.of(1), picks(a, 1, false, true));
        a.add(sq(4, SubmissionQueue.URGENT));
        assertEquals(List.of(4, 4), picks(a, 2, false, true), "urgent before every weighted class");
        assertEquals(List.of(-1), picks(a, 1, false, false));
        a.configure(true, 7, 0, 1, 2);
        a.remove(4);
        assertEquals(List.of(1, 1, 1, 2), picks(a, 4, false, true), "configure starts a new round");
    }
}
