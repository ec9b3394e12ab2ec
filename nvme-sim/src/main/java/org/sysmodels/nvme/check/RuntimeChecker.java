package org.sysmodels.nvme.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.nvme.host.AllocatorObserver;
import org.sysmodels.nvme.host.CompletionObserver;
import org.sysmodels.nvme.host.DriverObserver;
import org.sysmodels.nvme.model.AsyncEvent;
import org.sysmodels.nvme.model.ControllerObserver;
import org.sysmodels.nvme.model.ControllerState;
import org.sysmodels.nvme.model.DmaObserver;

/**
 * The protocol checks, fed by the controller, the driver, the allocator and host memory. Device-side events and
 * host-side events go to separate {@link Findings}, so in the threaded mode each thread writes only its own.
 *
 * <ul>
 *   <li>{@value Rules#CID_UNIQUE}: tracks the CIDs of each SQ between fetch and CQE, independently of the controller.
 *   <li>{@value Rules#SQ_OVERFLOW}, {@value Rules#PHASE}, {@value Rules#DOORBELL_VALUE}: doorbell writes the
 *       controller rejected; a CQ head moving past the entries posted means the host read stale entries as new.
 *   <li>{@value Rules#DOORBELL_BEFORE_READY}, {@value Rules#DMA_USE_AFTER_FREE}, {@value Rules#DOUBLE_FREE}.
 *   <li>{@value Rules#CQ_STALL}: a CQ full for longer than the stall limit, or still full when the run ends, means
 *       the device is stalled; it is reported, the run does not hang.
 *   <li>{@value Rules#UNKNOWN_COMPLETION}, {@value Rules#TIMEOUT}: seen by the driver.
 * </ul>
 */
public final class RuntimeChecker implements ControllerObserver, DriverObserver, AllocatorObserver, DmaObserver,
        CompletionObserver {

    private final Findings device = new Findings();
    private final Findings host = new Findings();
    private final boolean faultsInjected;
    private final long stallLimit;
    private final java.util.function.LongSupplier clock;
    private final long[][] cids = new long[1 << 16][];
    /** Per I/O SQ and CID: CQEs posted by the device not yet matched by a completion the host acted on. */
    private final byte[][] unmatched = new byte[1 << 16][];
    private final Map<Long, Integer> duplicates = new HashMap<>();
    private final Map<Integer, Long> stalledSince = new HashMap<>();
    private long fetched;
    private long posted;

    /**
     * @param faultsInjected the scenario injects faults, so timeouts and resets are expected (reported as INFO)
     * @param stallLimit     how long a CQ may stay full before it counts as a stall
     */
    public RuntimeChecker(boolean faultsInjected, long stallLimit, java.util.function.LongSupplier clock) {
        this.faultsInjected = faultsInjected;
        this.stallLimit = stallLimit;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ device side

    @Override
    public void fetched(int sqid, int cid, int opcode, long now) {
        fetched++;
        long[] bits = cids[sqid];
        if (bits == null) {
            bits = new long[1024];
            cids[sqid] = bits;
        }
        long bit = 1L << cid;
        if ((bits[cid >>> 6] & bit) != 0) {
            duplicates.merge(key(sqid, cid), 1, Integer::sum);
            device.violation(Rules.CID_UNIQUE, "SQ " + sqid + " has two commands with CID " + cid
                    + " in flight; a CID must be unique among a queue's outstanding commands", now, "SQ " + sqid);
            return;
        }
        bits[cid >>> 6] |= bit;
    }

    @Override
    public void posted(int cqid, int sqid, int cid, int status, long now) {
        posted++;
        if (!duplicates.isEmpty()) {
            Long k = key(sqid, cid);
            Integer dup = duplicates.get(k);
            if (dup != null) {
                if (dup == 1) {
                    duplicates.remove(k);
                } else {
                    duplicates.put(k, dup - 1);
                }
                return;
            }
        }
        long[] bits = cids[sqid];
        if (bits != null) {
            bits[cid >>> 6] &= ~(1L << cid);
        }
        if (sqid != 0) {
            byte[] u = unmatched[sqid];
            if (u == null) {
                u = unmatched[sqid] = new byte[1 << 16];
            }
            if (u[cid] < Byte.MAX_VALUE) {
                u[cid]++;
            }
        }
    }

    /**
     * A reset or a fatal error abandons every command inside the controller: their CIDs are free again and their
     * CQEs will never come. A CQ that was stalled until then counts as a stall if it lasted past the limit.
     */
    @Override
    public void stateChanged(ControllerState before, ControllerState after, long now) {
        if (after instanceof ControllerState.Resetting || after instanceof ControllerState.Disabled
                || after instanceof ControllerState.Failed) {
            java.util.Arrays.fill(unmatched, null);
            java.util.Arrays.fill(cids, null);
            duplicates.clear();
            for (Map.Entry<Integer, Long> e : new ArrayList<>(stalledSince.entrySet())) {
                if (now - e.getValue() > stallLimit) {
                    stall(e.getKey(), now - e.getValue(), now, "until the controller was reset");
                }
            }
            stalledSince.clear();
        }
    }

    @Override
    public void invalidDoorbell(int qid, boolean cq, int value, DoorbellProblem problem, long now) {
        String where = (cq ? "CQ " : "SQ ") + qid;
        switch (problem) {
            case SQ_OVERFLOW -> device.violation(Rules.SQ_OVERFLOW, "the SQ tail doorbell (" + value + ") adds more "
                    + "entries than SQ " + qid + " has free slots: the host wrote its tail past the head, over "
                    + "commands not yet fetched; the controller ignored the write", now, where);
            case CQ_UNDERFLOW -> device.violation(Rules.PHASE, "the CQ head doorbell (" + value + ") releases more "
                    + "entries than the controller posted to CQ " + qid + ": the host consumed stale entries as new "
                    + "(is its expected phase flipped when the head wraps?)", now, where);
            case VALUE_OUT_OF_RANGE -> device.violation(Rules.DOORBELL_VALUE, "doorbell value " + value
                    + " is not below the size of " + where, now, where);
            case NO_SUCH_QUEUE -> device.violation(Rules.DOORBELL_VALUE, "doorbell write for " + where
                    + ", which does not exist", now, where);
        }
    }

    @Override
    public void doorbellWhileNotReady(int qid, boolean cq, int value, long now) {
        device.violation(Rules.DOORBELL_BEFORE_READY, (cq ? "CQ " : "SQ ") + qid + " doorbell written (value " + value
                + ") while CSTS.RDY is not 1; the controller ignored it", now, (cq ? "CQ " : "SQ ") + qid);
    }

    @Override
    public void completionQueueFull(int cqid, long now) {
        stalledSince.put(cqid, now);
    }

    @Override
    public void completionQueueRoom(int cqid, long stalledNanos, long now) {
        Long since = stalledSince.remove(cqid);
        if (since != null && now - since > stallLimit) {
            stall(cqid, now - since, now, "until the host finally wrote its head doorbell");
        }
    }

    @Override
    public void unallocatedAccess(long address, boolean write) {
        device.violation(Rules.DMA_USE_AFTER_FREE, String.format("the device %s host memory at 0x%X, which the host "
                + "does not own (freed or never allocated)", write ? "wrote" : "read", address), clock.getAsLong(),
                String.format("page 0x%X", address >>> 12));
    }

    // ------------------------------------------------------------------ host side

    @Override
    public void completing(int hctx, int tag, long now) {
        matchCompletion(hctx + 1, tag, now);
    }

    @Override
    public void requeuing(int hctx, int tag, long now) {
        matchCompletion(hctx + 1, tag, now);
    }

    /**
     * Phase consistency, seen from what the host does: a request the driver hands back (queue q = hctx + 1, CID =
     * tag, the Linux convention) must match a CQE the device posted for it and that no earlier completion used.
     */
    private void matchCompletion(int qid, int cid, long now) {
        byte[] u = unmatched[qid];
        if (u == null || u[cid] == 0) {
            host.violation(Rules.PHASE, "the driver completed the request with CID " + cid + " on queue " + qid
                    + " but the device has posted no completion for it: a stale CQE was taken as new (is the "
                    + "expected phase tag flipped when the CQ head wraps?)", now, "CQ " + qid);
            return;
        }
        u[cid]--;
    }

    @Override
    public void doubleFree(int pfn, long now) {
        host.violation(Rules.DOUBLE_FREE, String.format("page 0x%X freed while not allocated", pfn), now, "allocator");
    }

    @Override
    public void unknownCompletion(int qid, int cid, long now) {
        host.violation(Rules.UNKNOWN_COMPLETION, "a completion arrived on queue " + qid + " for CID " + cid
                + ", which no command in flight has (Linux: \"invalid id " + cid + " completed on queue " + qid
                + "\")", now, "CQ " + qid);
    }

    @Override
    public void reset(String why, long now) {
        if (faultsInjected) {
            host.info(Rules.TIMEOUT, "controller reset: " + why, now, "driver");
        } else {
            host.violation(Rules.TIMEOUT, "controller reset without any injected fault: " + why, now, "driver");
        }
    }

    @Override
    public void abortResult(int qid, int cid, boolean aborted, long now) {
        String msg = "Abort of queue " + qid + " CID " + cid + (aborted ? ": aborted" : ": not aborted (the command "
                + "had already finished inside the device)");
        if (faultsInjected) {
            host.info(Rules.TIMEOUT, msg, now, "driver");
        } else {
            host.violation(Rules.TIMEOUT, "a command timed out without any injected fault; " + msg, now, "driver");
        }
    }

    @Override
    public void asyncEvent(int dw0, long now) {
        host.info(Rules.ASYNC_EVENT, "Asynchronous Event: " + AsyncEvent.describe(dw0), now, "driver");
    }

    public void probeFailed(String reason, long now) {
        host.violation(Rules.PROBE, reason, now, "driver");
    }

    // ------------------------------------------------------------------ end of run

    /** End-of-run checks: a CQ still full with completions waiting is a stalled device. */
    public void finish(java.util.function.IntUnaryOperator stalledCompletions, long now) {
        for (Map.Entry<Integer, Long> e : new ArrayList<>(stalledSince.entrySet())) {
            int waiting = stalledCompletions.applyAsInt(e.getKey());
            if (waiting > 0) {
                stall(e.getKey(), now - e.getValue(), now, "and still is at the end of the run, with " + waiting
                        + " completions waiting inside the controller");
            }
        }
    }

    private void stall(int cqid, long nanos, long now, String tail) {
        device.violation(Rules.CQ_STALL, "the device stalled: CQ " + cqid + " was full for " + SimTime.format(nanos)
                + " " + tail + "; the host is not writing the CQ head doorbell", now, "CQ " + cqid);
    }

    public long commandsFetched() {
        return fetched;
    }

    public long completionsPosted() {
        return posted;
    }

    /** Every finding, device side first. */
    public List<Finding> findings() {
        List<Finding> all = new ArrayList<>(device.list());
        all.addAll(host.list());
        return all;
    }

    public long violations() {
        return device.violations() + host.violations();
    }

    public long count(String rule) {
        return device.count(rule) + host.count(rule);
    }

    private static long key(int sqid, int cid) {
        return (long) sqid << 16 | cid;
    }
}
