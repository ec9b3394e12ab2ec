package org.sysmodels.nvme.model.interrupt;

import org.sysmodels.nvme.model.queue.SubmissionQueue;

/**
 * Chooses the submission queue the next command is fetched from (NVMe 1.4, Command Arbitration; §4.11 in 1.3).
 *
 * <ul>
 *   <li>Round Robin Arbitration (mandatory): every SQ, the admin SQ included, is equal; the controller takes up to
 *       the Arbitration Burst (2^AB commands, AB = 111b: no limit) from one queue, then moves to the next queue that
 *       has entries.
 *   <li>Weighted Round Robin with Urgent Priority Class Arbitration (optional, CAP.AMS bit 0): the admin SQ has strict
 *       priority over everything; then urgent SQs, strictly over the rest; then high, medium and low SQs share by
 *       weight: per round, HPW + 1 commands from the high class, MPW + 1 from medium, LPW + 1 from low (0's based
 *       weights from the Arbitration feature), round robin with burst within each class.
 * </ul>
 * Allocation free: queues live in an array indexed by QID, and the state is a few counters.
 */
public final class Arbiter {

    private static final int CLASSES = 3;

    private final SubmissionQueue[] queues;
    private int maxQid;
    private boolean weighted;
    private int burst = Integer.MAX_VALUE;
    private final int[] weight = {1, 1, 1};
    private final int[] credit = new int[CLASSES];
    /** Per round-robin group (0 = all in RR mode; in WRR: 0 urgent, 1 high, 2 medium, 3 low): last QID served. */
    private final int[] cursor = new int[4];
    private final int[] burstLeft = new int[4];
    private SubmissionQueue rrCurrent;

    public Arbiter(int maxQueues) {
        queues = new SubmissionQueue[maxQueues + 1];
    }

    public void configure(boolean weightedRoundRobin, int ab, int lpw, int mpw, int hpw) {
        weighted = weightedRoundRobin;
        burst = ab == 7 ? Integer.MAX_VALUE : 1 << ab;
        weight[0] = hpw + 1;
        weight[1] = mpw + 1;
        weight[2] = lpw + 1;
        java.util.Arrays.fill(credit, 0);
        java.util.Arrays.fill(burstLeft, 0);
    }

    public void add(SubmissionQueue sq) {
        queues[sq.qid()] = sq;
        maxQid = Math.max(maxQid, sq.qid());
    }

    public void remove(int qid) {
        queues[qid] = null;
        while (maxQid > 0 && queues[maxQid] == null) {
            maxQid--;
        }
    }

    public void clear() {
        java.util.Arrays.fill(queues, null);
        maxQid = 0;
        rrCurrent = null;
    }

    /**
     * The queue to fetch one command from, or null if no queue has an entry the controller can take: the admin SQ only
     * while {@code admin} (an admin context is free), I/O SQs only while {@code io}.
     */
    public SubmissionQueue next(boolean admin, boolean io) {
        if (!weighted) {
            // Fast path: the current queue still has entries and burst left.
            SubmissionQueue current = rrCurrent;
            if (current != null && burstLeft[0] > 0 && current.hasEntries() && queues[current.qid()] == current
                    && (current.qid() == 0 ? admin : io)) {
                burstLeft[0]--;
                return current;
            }
            if (!admin && !io) {
                return null;
            }
            rrCurrent = roundRobin(0, Integer.MIN_VALUE, admin, io);
            return rrCurrent;
        }
        SubmissionQueue adminSq = queues[0];
        if (admin && adminSq != null && adminSq.hasEntries()) {
            return adminSq;
        }
        if (!io) {
            return null;
        }
        SubmissionQueue urgent = roundRobin(0, SubmissionQueue.URGENT, false, true);
        if (urgent != null) {
            return urgent;
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int k = 0; k < CLASSES; k++) {
                if (credit[k] > 0) {
                    SubmissionQueue q = roundRobin(k + 1, k + 1, false, true);
                    if (q != null) {
                        credit[k]--;
                        return q;
                    }
                }
            }
            // Every class with work has used its weight: a new round.
            System.arraycopy(weight, 0, credit, 0, CLASSES);
        }
        return null;
    }

    /**
     * Round robin among queues of one priority class (any class when {@code priority} is MIN_VALUE) that may be
     * fetched from now (the admin SQ if {@code admin}, I/O SQs if {@code io}), keeping a queue for up to the burst
     * while it has entries.
     */
    private SubmissionQueue roundRobin(int group, int priority, boolean admin, boolean io) {
        int last = cursor[group];
        SubmissionQueue current = last <= maxQid ? queues[last] : null;
        if (current != null && burstLeft[group] > 0 && current.hasEntries()
                && (priority == Integer.MIN_VALUE || current.priority() == priority) && (last == 0 ? admin : io)) {
            burstLeft[group]--;
            return current;
        }
        int n = maxQid + 1;
        int qid = last;
        for (int i = 1; i <= n; i++) {
            qid = qid + 1 >= n ? 0 : qid + 1;
            SubmissionQueue q = queues[qid];
            if (q != null && q.hasEntries() && (priority == Integer.MIN_VALUE || q.priority() == priority)
                    && (qid == 0 ? admin : io)) {
                cursor[group] = qid;
                burstLeft[group] = burst == Integer.MAX_VALUE ? Integer.MAX_VALUE : burst - 1;
                return q;
            }
        }
        return null;
    }
}
