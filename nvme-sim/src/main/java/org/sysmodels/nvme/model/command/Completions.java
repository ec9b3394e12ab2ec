package org.sysmodels.nvme.model.command;

import org.sysmodels.nvme.model.queue.CompletionQueue;
import org.sysmodels.nvme.model.queue.Cqe;
import org.sysmodels.nvme.model.queue.SubmissionQueue;
import org.sysmodels.nvme.model.status.Status;

/**
 * Posting completions (NVMe 1.4 §4.6): a finished command's CQE goes into its completion queue with the phase tag of
 * the current pass, the SQ head pointer (SQHD) and the status; then the command's context is free and the CQ's vector
 * is signalled. A full CQ is never overwritten: the completion waits inside the controller until a head doorbell
 * makes room (§4.1), in the order the commands finished.
 */
final class Completions {

    private final Pipeline p;
    /** Completion entries posted so far. */
    long posted;
    /** Per CQ: the completions waiting for room, created when a CQ first fills. */
    private CommandFifo[] waiting;

    Completions(Pipeline pipeline) {
        this.p = pipeline;
        this.waiting = new CommandFifo[pipeline.cqs.length];
    }

    /**
     * A command is done with {@code status} and Dword 0 {@code dw0}: its CQE is posted, or it waits for room.
     * @return the command's next state: FREE once posted, WAITING_FOR_CQ, or unchanged while the controller is halted
     */
    CommandState complete(Command cmd, int status, int dw0) {
        cmd.status = status;
        cmd.result = dw0;
        if (!Status.isSuccess(status)) {
            cmd.errorCount = p.errorLog.record(cmd.sq.qid(), cmd.cid(), status, cmd.slba, cmd.sqe.nsid());
        }
        if (!p.processing) {
            // A halted controller posts nothing: the command stays as it is until a reset tears it down.
            return cmd.state;
        }
        CompletionQueue cq = cmd.sq.completionQueue();
        long now = p.now();
        // Completions wait only while their CQ is full (room() posts until it is full again or none waits), so a
        // CQ with room has nobody waiting before this one.
        if (cq.full()) {
            // Done ---- the CQ is full ----> WaitingForCq, behind the others that wait
            CommandFifo w = waiting[cq.qid()];
            if (w == null) {
                w = waiting[cq.qid()] = new CommandFifo();
            }
            if (w.isEmpty()) {
                p.observer.completionQueueFull(cq.qid(), now);
            }
            w.add(cmd, now);
            return CommandState.WAITING_FOR_CQ;
        }
        // Done ---- room in the CQ ----> posted: Free
        return post(cmd, now) ? CommandState.FREE : cmd.state;
    }

    /** The host moved CQ {@code cq}'s head: post what waited while there is room. */
    void room(CompletionQueue cq, long now) {
        CommandFifo w = waiting[cq.qid()];
        if (w == null || w.isEmpty() || cq.full()) {
            return;
        }
        long stalledFor = now - w.since();
        boolean wasExhausted = p.pool.anyExhausted();
        while (!w.isEmpty() && !cq.full()) {
            Command cmd = w.poll();
            cmd.state = waitingForCq(cmd, now);
        }
        w.restartClock(now);
        p.observer.completionQueueRoom(cq.qid(), stalledFor, now);
        if (wasExhausted) {
            p.fetcher.kick();
        }
    }

    private CommandState waitingForCq(Command cmd, long now) {
        // WaitingForCq ---- a head doorbell made room ----> posted: Free
        return post(cmd, now) ? CommandState.FREE : cmd.state;
    }

    /** Writes the CQE and frees the context. @return false if the CQ slot is outside host memory (a fatal error) */
    private boolean post(Command cmd, long now) {
        SubmissionQueue sq = cmd.sq;
        CompletionQueue cq = sq.completionQueue();
        if (!Cqe.post(p.dma, cq.tailSlot(), cmd.result, Cqe.dw2(sq.head(), sq.qid()),
                Cqe.dw3(cmd.cid(), cq.phase(), cmd.status))) {
            p.signals.fatalError("CQ " + cq.qid() + " slot " + cq.tail() + " lies outside host memory");
            return false;
        }
        if (!Status.isSuccess(cmd.status)) {
            p.errorLog.posted(cmd.errorCount, cq.phase());
        }
        cq.postedOne();
        posted++;
        sq.leftDevice();
        if (cmd.ownsCid) {
            sq.releaseCid(cmd.cid());
        }
        p.observer.posted(cq.qid(), sq.qid(), cmd.cid(), cmd.status, now);
        p.trace.posted(cmd, now);
        cmd.traceId = 0;
        p.trace.occupancy(sq, cq, now);
        boolean wasExhausted = p.pool.exhaustedFor(cmd);
        p.pool.release(cmd);
        p.interrupts.posted(cq);
        if (wasExhausted) {
            p.fetcher.kick();
        }
        if (p.shuttingDownNormally && p.drained()) {
            p.signals.drainedForShutdown();
        }
        return true;
    }

    /** Completions waiting for room in CQ {@code cqid}. */
    int waiting(int cqid) {
        CommandFifo w = cqid >= 0 && cqid < waiting.length ? waiting[cqid] : null;
        return w == null ? 0 : w.size();
    }

    /** Delete I/O CQ: the completions that waited for it are dropped with their contexts. */
    void dropWaiting(CompletionQueue cq) {
        CommandFifo w = waiting[cq.qid()];
        if (w == null) {
            return;
        }
        for (Command cmd = w.poll(); cmd != null; cmd = w.poll()) {
            cmd.sq.leftDevice();
            p.pool.release(cmd);
        }
    }

    /** Controller reset: nothing waits any more. */
    void reset() {
        for (CommandFifo w : waiting) {
            if (w != null) {
                w.clear();
            }
        }
    }
}
