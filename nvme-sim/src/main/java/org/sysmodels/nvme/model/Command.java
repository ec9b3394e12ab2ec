package org.sysmodels.nvme.model;

/**
 * One command inside the controller, from fetch to the posting of its CQE: the fetched SQE, its PRP segments, where
 * it is in the pipeline, and its result. Preallocated in a {@link CommandPool} and reused.
 */
final class Command {

    static final int FREE = 0;
    static final int WAITING_FOR_UNIT = 1;
    static final int IN_SERVICE = 2;
    static final int HELD = 3;
    static final int WAITING_FOR_CQ = 4;
    static final int ADMIN_PENDING = 5;
    static final int TRANSFERRING = 6;

    final int index;
    final Sqe sqe = new Sqe();
    final Segments segments;
    SubmissionQueue sq;
    int state;
    int status;
    int result;
    long fetchedAt;
    long startedAt;
    long event;
    int unit = -1;
    long traceId;
    /** Intrusive link for the unit FIFO and the CQ stall list. */
    Command next;
    /** True while this command holds its CID in the SQ's in-use set (false for a conflicting duplicate). */
    boolean ownsCid;
    /** True between {@link CommandPool#take()} and {@link CommandPool#release(Command)}. */
    boolean taken;
    Namespace namespace;
    long slba;
    long blocks;

    Command(int index, int segmentCapacity) {
        this.index = index;
        this.segments = new Segments(segmentCapacity);
    }

    int cid() {
        return sqe.cid();
    }

    int opcode() {
        return sqe.opcode();
    }

    boolean admin() {
        return sq.qid == 0;
    }
}
