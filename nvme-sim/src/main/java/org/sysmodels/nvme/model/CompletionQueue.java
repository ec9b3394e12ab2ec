package org.sysmodels.nvme.model;

/**
 * The controller's view of one completion queue (NVMe 1.4 §4.1, §4.6): a ring of {@code size} 16-byte entries. The
 * controller owns the tail and the phase tag it writes, which starts at 1 and flips each time the tail wraps; the
 * host owns the head and returns slots with the head doorbell. When the queue is full, completions wait inside the
 * controller ({@link #stalledFirst}) until a head doorbell makes room: the device stalls, it never overwrites.
 */
public final class CompletionQueue {

    final int qid;
    final long base;
    final int size;
    final boolean interruptsEnabled;
    final int vector;
    int head;
    int tail;
    int phase = 1;
    int submissionQueues;
    Command stalledFirst;
    Command stalledLast;
    int stalled;
    long stalledSince;

    CompletionQueue(int qid, long base, int size, boolean interruptsEnabled, int vector) {
        this.qid = qid;
        this.base = base;
        this.size = size;
        this.interruptsEnabled = interruptsEnabled;
        this.vector = vector;
    }

    boolean full() {
        return Ring.full(head, tail, size);
    }

    /** Entries posted and not yet released by a head doorbell. */
    public int occupied() {
        return Ring.used(head, tail, size);
    }

    long slot(int index) {
        return base + (long) index * Cqe.BYTES;
    }

    void addStalled(Command c, long now) {
        c.next = null;
        if (stalledLast == null) {
            stalledFirst = c;
            stalledSince = now;
        } else {
            stalledLast.next = c;
        }
        stalledLast = c;
        stalled++;
    }

    Command takeStalled() {
        Command c = stalledFirst;
        stalledFirst = c.next;
        if (stalledFirst == null) {
            stalledLast = null;
        }
        c.next = null;
        stalled--;
        return c;
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

    public int phase() {
        return phase;
    }

    public int vector() {
        return vector;
    }

    public boolean interruptsEnabled() {
        return interruptsEnabled;
    }

    /** Completions waiting inside the controller for room in this queue. */
    public int stalled() {
        return stalled;
    }
}
