package org.sysmodels.nvme.model.queue;

/**
 * The controller's view of one submission queue (NVMe 1.4 §4.1): a ring of {@code size} 64-byte slots at
 * {@code base} in host memory. The host owns the tail (it moves it with the tail doorbell), the controller the head
 * (it moves it by fetching, and reports it in every CQE as SQHD). Empty when head == tail; full when
 * (tail + 1) mod size == head, so one slot is always unused (§4.1.1–4.1.2).
 *
 * <p>The methods that change it ({@link #publish}, {@link #fetchedOne}, ...) are the controller's; the host sees
 * this queue only through its ring in memory and its doorbell.
 */
public final class SubmissionQueue {

    /**
     * Queue priority for weighted round robin (Create I/O SQ CDW11.QPRIO, §5.4; NVMe 1.4 Weighted Round Robin with
     * Urgent Priority Class Arbitration).
     */
    public static final int URGENT = 0;
    public static final int HIGH = 1;
    public static final int MEDIUM = 2;
    public static final int LOW = 3;
    /** The admin queue's class: strict priority above urgent. */
    public static final int ADMIN = -1;

    private final int qid;
    private final long base;
    private final int size;
    private final int priority;
    private final CompletionQueue cq;
    private int head;
    private int tail;
    /** Commands fetched from this queue whose CQE has not been posted. */
    private int inDevice;
    private long fetched;
    /** Command identifiers of this queue's commands inside the controller (for Command ID Conflict). */
    private final long[] cids = new long[1024];

    public SubmissionQueue(int qid, long base, int size, int priority, CompletionQueue cq) {
        this.qid = qid;
        this.base = base;
        this.size = size;
        this.priority = priority;
        this.cq = cq;
    }

    /** Marks a CID as in use. @return false if a command with this CID is already inside the controller */
    public boolean claimCid(int cid) {
        long bit = 1L << cid;
        if ((cids[cid >>> 6] & bit) != 0) {
            return false;
        }
        cids[cid >>> 6] |= bit;
        return true;
    }

    public void releaseCid(int cid) {
        cids[cid >>> 6] &= ~(1L << cid);
    }

    /** Entries published by the host and not yet fetched. */
    public int pending() {
        return Ring.used(head, tail, size);
    }

    /** True when an entry waits to be fetched (cheaper than {@code pending() > 0}). */
    public boolean hasEntries() {
        return head != tail;
    }

    /** The host's tail doorbell moved the tail to {@code newTail} (already checked against the ring). */
    public void publish(int newTail) {
        tail = newTail;
    }

    /** Address of the slot at the head: the next entry to fetch. */
    public long headSlot() {
        return base + (long) head * Sqe.BYTES;
    }

    /** The entry at the head was fetched: the head moves on, the command is inside the controller. */
    public void fetchedOne() {
        head = Ring.next(head, size);
        inDevice++;
        fetched++;
    }

    /** A command of this queue left the controller (its CQE was posted, or a reset dropped it). */
    public void leftDevice() {
        inDevice--;
    }

    public int qid() {
        return qid;
    }

    public long base() {
        return base;
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
        return cq.qid();
    }

    public CompletionQueue completionQueue() {
        return cq;
    }

    public int priority() {
        return priority;
    }

    /** Commands fetched and not yet completed. */
    public int inDevice() {
        return inDevice;
    }

    /** Commands fetched since the queue was created. */
    public long fetched() {
        return fetched;
    }
}
