package org.sysmodels.nvme.model;

/**
 * The controller's view of one submission queue (NVMe 1.4 §4.1): a ring of {@code size} 64-byte slots at
 * {@code base} in host memory. The host owns the tail (it moves it with the tail doorbell), the controller the head
 * (it moves it by fetching, and reports it in every CQE as SQHD). Empty when head == tail; full when
 * (tail + 1) mod size == head, so one slot is always unused (§4.1.1–4.1.2).
 */
public final class SubmissionQueue {

    /** Queue priority for weighted round robin (Create I/O SQ CDW11.QPRIO, §4.1.5 / §4.13.2). */
    public static final int URGENT = 0;
    public static final int HIGH = 1;
    public static final int MEDIUM = 2;
    public static final int LOW = 3;
    /** The admin queue's class: strict priority above urgent. */
    public static final int ADMIN = -1;

    final int qid;
    final long base;
    final int size;
    final int priority;
    final CompletionQueue cq;
    int head;
    int tail;
    /** Commands fetched from this queue whose CQE has not been posted. */
    int inDevice;
    long fetched;
    /** Command identifiers of this queue's commands inside the controller (for Command ID Conflict). */
    private final long[] cids = new long[1024];

    SubmissionQueue(int qid, long base, int size, int priority, CompletionQueue cq) {
        this.qid = qid;
        this.base = base;
        this.size = size;
        this.priority = priority;
        this.cq = cq;
    }

    /** Marks a CID as in use. @return false if a command with this CID is already inside the controller */
    boolean claimCid(int cid) {
        long bit = 1L << cid;
        if ((cids[cid >>> 6] & bit) != 0) {
            return false;
        }
        cids[cid >>> 6] |= bit;
        return true;
    }

    void releaseCid(int cid) {
        cids[cid >>> 6] &= ~(1L << cid);
    }

    /** Entries published by the host and not yet fetched. */
    int pending() {
        return Ring.used(head, tail, size);
    }

    long slot(int index) {
        return base + (long) index * Sqe.BYTES;
    }

    public int qid() {
        return qid;
    }

    public int size() {
        return size;
    }

    public int head() {
        return head;
    }

    public int tail() {
        return tail;
    }

    public int cqid() {
        return cq.qid;
    }

    public int priority() {
        return priority;
    }
}
