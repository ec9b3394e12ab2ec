package org.sysmodels.nvme.model.queue;

/**
 * The controller's view of one completion queue (NVMe 1.4 §4.1, §4.6): a ring of {@code size} 16-byte entries. The
 * controller owns the tail and the phase tag it writes, which starts at 1 and inverts each time the tail wraps; the
 * host owns the head and returns slots with the head doorbell. When the queue is full the controller holds its
 * completions until a head doorbell makes room: the device stalls, it never overwrites.
 */
public final class CompletionQueue {

    private final int qid;
    private final long base;
    private final int size;
    private final boolean interruptsEnabled;
    private final int vector;
    private int head;
    private int tail;
    private int phase = 1;
    private int submissionQueues;

    public CompletionQueue(int qid, long base, int size, boolean interruptsEnabled, int vector) {
        this.qid = qid;
        this.base = base;
        this.size = size;
        this.interruptsEnabled = interruptsEnabled;
        this.vector = vector;
    }

    public boolean full() {
        return Ring.full(head, tail, size);
    }

    /** Entries posted and not yet released by a head doorbell. */
    public int occupied() {
        return Ring.used(head, tail, size);
    }

    /** Address of the slot at the tail: where the next entry goes. */
    public long tailSlot() {
        return base + (long) tail * Cqe.BYTES;
    }

    /** An entry was written at the tail: the tail moves on, and the phase inverts when it wraps to 0. */
    public void postedOne() {
        tail = Ring.next(tail, size);
        if (tail == 0) {
            phase ^= 1;
        }
    }

    /** The host's head doorbell moved the head to {@code newHead} (already checked against the ring). */
    public void release(int newHead) {
        head = newHead;
    }

    /** An SQ using this CQ was created or deleted. */
    public void attach() {
        submissionQueues++;
    }

    public void detach() {
        submissionQueues--;
    }

    /** SQs that post into this CQ (Delete I/O CQ is refused while there are any). */
    public int submissionQueues() {
        return submissionQueues;
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

    /** The phase tag the next entry will carry. */
    public int phase() {
        return phase;
    }

    public int vector() {
        return vector;
    }

    public boolean interruptsEnabled() {
        return interruptsEnabled;
    }
}
