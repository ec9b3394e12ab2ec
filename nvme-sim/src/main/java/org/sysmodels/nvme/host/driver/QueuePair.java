package org.sysmodels.nvme.host.driver;

import org.sysmodels.nvme.model.queue.Cqe;
import org.sysmodels.nvme.model.memory.HostMemory;
import org.sysmodels.nvme.model.register.Mmio;
import org.sysmodels.nvme.model.register.Registers;
import org.sysmodels.nvme.model.queue.Ring;
import org.sysmodels.nvme.model.queue.Sqe;

/**
 * The host's side of one SQ/CQ pair (Linux {@code struct nvme_queue}): the rings in host memory, the SQ tail it
 * writes, the CQ head and expected phase it reads with, the SQ head learnt from each CQE's SQHD, and its two
 * doorbells. Writing an SQE and ringing the doorbell are separate, so several commands can share one doorbell write.
 *
 * <p>Reading the CQ follows {@code nvme_process_cq}: load DW3 with acquire, compare its phase tag with the expected
 * phase, and only then read the rest of the entry; flip the expected phase when the head wraps; write the head
 * doorbell once after the batch. A bug lab's queue pair overrides one of the protected steps.
 */
public class QueuePair {

    final int qid;
    final long sqBase;
    final long cqBase;
    final int entries;
    final int sqDoorbell;
    final int cqDoorbell;
    final int vector;
    private final HostMemory memory;
    private final Mmio bar;
    int sqTail;
    int sqHead;
    /** Entries written whose fetch no CQE has reported yet (SQHD not past them). */
    int sqUsed;
    int cqHead;
    int phase = 1;
    boolean tailDirty;
    int inFlight;
    boolean pollScheduled;
    long doorbellWrites;
    final Sqe sqe = new Sqe();

    protected QueuePair(int qid, long sqBase, long cqBase, int entries, int dstrd, int vector, HostMemory memory,
                        Mmio bar) {
        this.qid = qid;
        this.sqBase = sqBase;
        this.cqBase = cqBase;
        this.entries = entries;
        this.sqDoorbell = Registers.sqTailDoorbell(qid, dstrd);
        this.cqDoorbell = Registers.cqHeadDoorbell(qid, dstrd);
        this.vector = vector;
        this.memory = memory;
        this.bar = bar;
    }

    /** Back to the state of a freshly created queue: indexes 0, phase 1, CQ memory zeroed. */
    void reset() {
        sqTail = 0;
        sqHead = 0;
        sqUsed = 0;
        cqHead = 0;
        phase = 1;
        tailDirty = false;
        inFlight = 0;
        memory.zero(cqBase, (long) entries * Cqe.BYTES);
    }

    /** True when one more entry would break the one-empty-slot rule (NVMe 1.4 §4.1.2). */
    protected boolean sqFull() {
        return sqUsed >= entries - 1;
    }

    /** Entries written whose fetch no CQE has reported yet. */
    protected final int sqUsed() {
        return sqUsed;
    }

    /** Entries in each ring. */
    protected final int entries() {
        return entries;
    }

    /** The expected phase tag inverts each time the CQ head wraps to 0 (Linux {@code nvme_update_cq_head}). */
    protected void cqHeadWrapped() {
        phase ^= 1;
    }

    /** Tells the controller which CQ slots are free again: the CQ head doorbell. */
    protected void writeCqHeadDoorbell() {
        bar.write32(cqDoorbell, cqHead);
    }

    /** Writes {@link #sqe} into the slot at the tail and advances the tail; the doorbell waits for {@link #ring()}. */
    void push() {
        sqe.writeTo(memory, sqBase + (long) sqTail * Sqe.BYTES);
        sqTail = Ring.next(sqTail, entries);
        tailDirty = true;
        sqUsed++;
        inFlight++;
    }

    /** Fast path of {@link #push()} for Read and Write: encodes straight into the slot. */
    void pushReadWrite(int opcode, int cid, int nsid, long prp1, long prp2, long slba, int nlb0) {
        Sqe.writeReadWrite(memory, sqBase + (long) sqTail * Sqe.BYTES, opcode, cid, nsid, prp1, prp2, slba, nlb0);
        sqTail = Ring.next(sqTail, entries);
        tailDirty = true;
        sqUsed++;
        inFlight++;
    }

    /** Writes the SQ tail doorbell if entries were added since the last write. */
    void ring() {
        if (tailDirty) {
            tailDirty = false;
            doorbellWrites++;
            bar.write32(sqDoorbell, sqTail);
        }
    }

    /** Consumes every new CQE, then writes the CQ head doorbell once. @return entries consumed */
    int reap(CompletionHandler handler) {
        int n = 0;
        byte[] f = null;
        int framePage = -1;
        while (true) {
            long slot = cqBase + (long) cqHead * Cqe.BYTES;
            int page = HostMemory.pfn(slot);
            if (page != framePage) {
                f = memory.cpuFrame(slot, Cqe.BYTES);
                framePage = page;
            }
            int o = HostMemory.offset(slot);
            int dw3 = HostMemory.getInt(f, o + 12);
            // Load-acquire of DW3 (LoadLoad): the rest of the entry is read only after its phase tag (dma_rmb).
            java.lang.invoke.VarHandle.acquireFence();
            if (Cqe.phase(dw3) != phase) {
                break;
            }
            int dw2 = HostMemory.getInt(f, o + 8);
            int dw0 = HostMemory.getInt(f, o);
            int sqhd = Cqe.sqhd(dw2);
            sqUsed -= Ring.distance(sqHead, sqhd, entries);
            sqHead = sqhd;
            cqHead = Ring.next(cqHead, entries);
            if (cqHead == 0) {
                cqHeadWrapped();
            }
            n++;
            inFlight--;
            handler.completion(qid, Cqe.cid(dw3), Cqe.status(dw3), dw0, sqHead);
            if (n == entries) {
                break;
            }
        }
        if (n > 0) {
            writeCqHeadDoorbell();
        }
        return n;
    }
}
