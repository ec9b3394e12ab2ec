package org.sysmodels.nvme.model.command;

import java.util.Arrays;
import org.sysmodels.nvme.model.command.ControllerObserver.DoorbellProblem;
import org.sysmodels.nvme.model.queue.CompletionQueue;
import org.sysmodels.nvme.model.queue.Ring;
import org.sysmodels.nvme.model.queue.SubmissionQueue;

/**
 * What a doorbell write does (NVMe 1.4 §3.1.24–3.1.25): an SQ tail doorbell publishes new entries and starts a fetch
 * pass; a CQ head doorbell returns slots to the controller, which then posts the completions that waited for room.
 *
 * <p>Checks, with the Error event causes of §5.2.1: a write for a queue that does not exist raises "Write to Invalid
 * Doorbell Register"; a value ≥ the queue size, an SQ tail adding more entries than there are free slots, or a CQ
 * head releasing more entries than were posted raises "Invalid Doorbell Write Value". In all those cases the write is
 * ignored. While the controller is not ready (or not finishing a normal shutdown) every doorbell write is ignored.
 *
 * <p>In polled mode the host thread only stores doorbell values ({@code Doorbells}, release) and the device thread
 * compares them with the last values it saw ({@link #poll}, acquire).
 */
final class DoorbellHandler {

    private final Pipeline p;
    private final int[] seen;
    private int[] polledDoorbells = new int[0];
    /** I/O SQ tail doorbell writes (the admin queue's not counted): doorbell batching makes them fewer than commands. */
    long ioSqTailWrites;

    DoorbellHandler(Pipeline pipeline) {
        this.p = pipeline;
        this.seen = new int[2 * (pipeline.maxQid() + 1)];
    }

    void polled(boolean on) {
        int n = 0;
        int[] active = new int[seen.length];
        for (int i = 0; i < seen.length; i++) {
            seen[i] = p.doorbells.lvValue(i);
            if ((i & 1) == 0 ? p.sqs[i >>> 1] != null : p.cqs[i >>> 1] != null) {
                active[n++] = i;
            }
        }
        // The doorbells of the queues that exist now: the queue set does not change while the device thread runs.
        polledDoorbells = Arrays.copyOf(active, n);
    }

    /** Device thread, polled mode: picks up doorbell values that changed, then fetches. */
    boolean poll() {
        boolean progress = false;
        int[] active = polledDoorbells;
        for (int k = 0; k < active.length; k++) {
            int i = active[k];
            int v = p.doorbells.lvValue(i);
            if (v != seen[i]) {
                seen[i] = v;
                written(i, v);
                progress = true;
            }
        }
        long before = p.fetcher.fetched;
        p.fetcher.fetchAll();
        return progress || p.fetcher.fetched != before;
    }

    void written(int index, int raw) {
        int qid = index >>> 1;
        boolean completion = (index & 1) != 0;
        int value = raw & 0xffff;
        long now = p.now();
        if (!completion && qid != 0) {
            ioSqTailWrites++;
        }
        p.trace.doorbell(qid, completion, value, now);
        if (!p.processing) {
            p.observer.doorbellWhileNotReady(qid, completion, value, now);
            return;
        }
        if (completion) {
            cqHead(qid, value, now);
        } else {
            sqTail(qid, value, now);
        }
    }

    void outsideTable(int index, int value) {
        long now = p.now();
        if (!p.processing) {
            p.observer.doorbellWhileNotReady(index >>> 1, (index & 1) != 0, value, now);
            return;
        }
        invalid(index >>> 1, (index & 1) != 0, value, DoorbellProblem.NO_SUCH_QUEUE, now);
    }

    private void sqTail(int qid, int value, long now) {
        SubmissionQueue sq = p.sq(qid);
        if (sq == null) {
            invalid(qid, false, value, DoorbellProblem.NO_SUCH_QUEUE, now);
            return;
        }
        if (value >= sq.size()) {
            invalid(qid, false, value, DoorbellProblem.VALUE_OUT_OF_RANGE, now);
            return;
        }
        int added = Ring.distance(sq.tail(), value, sq.size());
        if (sq.pending() + added > sq.size() - 1) {
            invalid(qid, false, value, DoorbellProblem.SQ_OVERFLOW, now);
            return;
        }
        sq.publish(value);
        p.trace.occupancy(sq, null, now);
        if (added > 0) {
            p.fetcher.kick();
        }
    }

    private void cqHead(int qid, int value, long now) {
        CompletionQueue cq = p.cq(qid);
        if (cq == null) {
            invalid(qid, true, value, DoorbellProblem.NO_SUCH_QUEUE, now);
            return;
        }
        if (value >= cq.size()) {
            invalid(qid, true, value, DoorbellProblem.VALUE_OUT_OF_RANGE, now);
            return;
        }
        if (Ring.distance(cq.head(), value, cq.size()) > cq.occupied()) {
            invalid(qid, true, value, DoorbellProblem.CQ_UNDERFLOW, now);
            return;
        }
        cq.release(value);
        p.completions.room(cq, now);
        p.trace.occupancy(null, cq, now);
    }

    private void invalid(int qid, boolean completion, int value, DoorbellProblem problem, long now) {
        p.observer.invalidDoorbell(qid, completion, value, problem, now);
        int info = problem == DoorbellProblem.NO_SUCH_QUEUE ? AsyncEvent.INVALID_DOORBELL_REGISTER
                : AsyncEvent.INVALID_DOORBELL_VALUE;
        p.errorLog.recordInvalidDoorbell(qid);
        p.events.raise(AsyncEvent.dw0(AsyncEvent.TYPE_ERROR, info, AsyncEvent.LOG_ERROR_INFORMATION));
    }

    /** A queue was created or deleted: its doorbell starts from 0. */
    void reset(int index) {
        p.doorbells.spValue(index, 0);
        seen[index] = 0;
    }

    /** Controller reset: every doorbell back to 0. */
    void resetAll() {
        for (int i = 0; i < seen.length; i++) {
            reset(i);
        }
    }
}
