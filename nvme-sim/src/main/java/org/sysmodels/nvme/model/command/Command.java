package org.sysmodels.nvme.model.command;

import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.nvme.model.media.Namespace;
import org.sysmodels.nvme.model.memory.Segments;
import org.sysmodels.nvme.model.queue.Sqe;
import org.sysmodels.nvme.model.queue.SubmissionQueue;

/**
 * One command inside the controller, from fetch to the posting of its CQE: the fetched SQE, its PRP segments, its
 * {@link CommandState} and its result. Preallocated in a {@link CommandPool} and reused.
 */
final class Command {

    final int index;
    final Sqe sqe = new Sqe();
    final Segments segments;
    CommandState state = CommandState.FREE;
    SubmissionQueue sq;
    int status;
    int result;
    long fetchedAt;
    long startedAt;
    /** The pending timer (admin service, media service or link transfer), or {@link Scheduler#NO_EVENT}. */
    long event;
    int unit = -1;
    long traceId;
    /** Intrusive link for the unit FIFO and the CQ stall lists. */
    Command next;
    /** True while this command holds its CID in the SQ's in-use set (false for a conflicting duplicate). */
    boolean ownsCid;
    /** True while this context holds an admin command (admin commands have contexts of their own). */
    boolean adminContext;
    /** The Error Information log entry of a failed command (its Error Count), set when it completes. */
    long errorCount;
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
        return sq.qid() == 0;
    }
}
