package org.sysmodels.nvme.model.command;

import org.sysmodels.core.sched.Action;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.nvme.model.media.FaultKinds;
import org.sysmodels.nvme.model.queue.SubmissionQueue;

/**
 * Fetching (NVMe 1.4, Command Arbitration; §4.11 in 1.3): while the controller is ready and a command context is free,
 * arbitration picks a submission queue with entries whose class (admin or I/O) has a free context, and the controller
 * reads the entry at its head by DMA, which moves the head. So the controller's internal resources, not the SQ size,
 * bound what is inside: at most the device queue depth of I/O commands, and entries beyond it wait in their SQs,
 * where the host sees them as unfetched (the SQHD of a completion has not passed them).
 *
 * <p>A tail doorbell schedules one fetch pass after the fetch latency; in polled mode the device thread runs the pass
 * itself.
 */
final class Fetcher {

    private final Pipeline p;
    private final Scheduler scheduler;
    private final CommandPool pool;
    private final CommandFlow flow;
    private final long latency;
    private final boolean fatalPlanned;
    private final Action pass = ignored -> fetchAll();
    boolean polled;
    private boolean scheduled;
    private long event;
    private boolean running;
    /** Commands fetched so far; also each command's trace slice id. */
    long fetched;

    Fetcher(Pipeline pipeline) {
        this.p = pipeline;
        this.scheduler = pipeline.scheduler;
        this.pool = pipeline.pool;
        this.flow = pipeline.flow;
        this.latency = pipeline.config.fetchLatency();
        this.fatalPlanned = pipeline.faults.planned(FaultKinds.CONTROLLER_FATAL);
    }

    /** There may be something to fetch: schedule a pass unless one is pending or running. */
    void kick() {
        if (polled || scheduled || running) {
            return;
        }
        scheduled = true;
        event = scheduler.after(latency, pass, 0);
    }

    /** Cancels a pending pass (the controller halts). */
    void cancel() {
        if (scheduled) {
            scheduler.cancel(event);
            scheduled = false;
        }
    }

    /** Fetches while the controller is ready, a context is free and some SQ has entries. */
    void fetchAll() {
        scheduled = false;
        running = true;
        try {
            while (p.fetching) {
                SubmissionQueue sq = p.arbiter.next(pool.hasFreeAdmin(), pool.hasFreeIo());
                if (sq == null) {
                    break;
                }
                fetch(sq);
            }
        } finally {
            running = false;
        }
    }

    private void fetch(SubmissionQueue sq) {
        long now = p.now();
        if (fatalPlanned && p.faults.fires(FaultKinds.CONTROLLER_FATAL, FaultKinds.CONTROLLER, now)) {
            p.signals.fatalError("injected fatal controller error (fault \"" + FaultKinds.CONTROLLER_FATAL + "\")");
            return;
        }
        Command cmd = pool.take(sq.qid());
        if (!cmd.sqe.fetch(p.dma, sq.headSlot())) {
            pool.release(cmd);
            p.signals.fatalError("SQ " + sq.qid() + " slot " + sq.head() + " lies outside host memory");
            return;
        }
        sq.fetchedOne();
        cmd.sq = sq;
        cmd.fetchedAt = now;
        cmd.traceId = ++fetched;
        p.observer.fetched(sq.qid(), cmd.cid(), cmd.opcode(), now);
        p.trace.fetched(cmd, now);
        flow.fetched(cmd, now);
    }
}
