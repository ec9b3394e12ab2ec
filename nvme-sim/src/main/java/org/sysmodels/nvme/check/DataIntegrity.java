package org.sysmodels.nvme.check;

import java.util.Arrays;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.nvme.host.block.Request;
import org.sysmodels.nvme.model.memory.BlockStore;
import org.sysmodels.nvme.model.memory.Blocks;
import org.sysmodels.nvme.model.memory.HostMemory;

/**
 * Read-after-write integrity, as fio's verify does it, kept as a reference model of the namespace: what each byte
 * should hold after the writes that completed. A write's buffer is snapshotted when it is submitted (its pages become
 * shared, so later host writes copy); its data becomes the expected content when it completes successfully. A read
 * is compared when it completes, unless a write to the same chunks was in flight at any time during the read, or the
 * content is ambiguous (two writes overlapped in flight, whose order NVMe leaves open, NVMe 1.4 §6.3; or a write
 * failed). Whole aligned pages compare by reference first, so a clean 4 KiB read costs a pointer comparison.
 *
 * <p>In threaded mode the host loop checks the LBA stamp of each block it reads and reports a wrong one here.
 */
public final class DataIntegrity implements NvmeCheck {

    public static final Rule RULE = new Rule("data-integrity", "data read back equals the data last written (writes "
            + "whose order NVMe leaves open, overlapping in flight, are not compared)",
            "fio HOWTO, verify; NVM Express Base Specification 1.4, §6.3 (command ordering)");

    private final HostMemory memory;
    private final Findings findings;
    private final boolean verify;
    private final int lbads;
    private final BlockStore expected;
    private final ChunkCounters writing;
    private final ChunkEpochs lastWrite;
    private final ChunkCounters ambiguous;
    /** Write-like submissions so far; also the epoch stamped on the chunks each one touches. */
    private long epoch;
    private long writesInFlight;
    private long ambiguousChunks;
    private byte[][][] snapshots = new byte[0][][];
    private long[] submittedAt = new long[0];
    private boolean[] alone = new boolean[0];
    private boolean[] check = new boolean[0];
    private long verified;
    private long skipped;

    public DataIntegrity(HostMemory memory, Findings findings, boolean verify, int lbaSize, long namespaceBytes) {
        this.memory = memory;
        this.findings = findings;
        this.verify = verify;
        this.lbads = Integer.numberOfTrailingZeros(lbaSize);
        long chunks = verify ? (namespaceBytes + Blocks.SIZE - 1) / Blocks.SIZE : 0;
        this.expected = new BlockStore(verify ? namespaceBytes : 0);
        this.writing = new ChunkCounters(chunks);
        this.lastWrite = new ChunkEpochs(chunks);
        this.ambiguous = new ChunkCounters(chunks);
    }

    // The two hooks run for every request; they stay small so the JIT inlines them, and a run without verify pays
    // one test per request instead of a call.

    @Override
    public void submitting(Request rq, long now) {
        if (verify && rq.op() != Request.FLUSH) {
            track(rq);
        }
    }

    @Override
    public void completed(Request rq, long now) {
        if (verify && rq.op() != Request.FLUSH) {
            settle(rq, now);
        }
    }

    private void track(Request rq) {
        grow(rq.id());
        long first = first(rq);
        long last = last(rq);
        if (rq.op() == Request.READ) {
            boolean ok = writesInFlight == 0 && ambiguousChunks == 0;
            if (!ok) {
                ok = true;
                for (long c = first; c <= last; c++) {
                    ok &= writing.get(c) == 0 && ambiguous.get(c) == 0;
                }
            }
            check[rq.id()] = ok;
            submittedAt[rq.id()] = epoch;
            return;
        }
        boolean lone = true;
        for (long c = first; c <= last; c++) {
            lone &= writing.get(c) == 0;
        }
        long mine = ++epoch;
        writesInFlight++;
        for (long c = first; c <= last; c++) {
            writing.add(c, 1);
            lastWrite.set(c, mine);
            if (!lone) {
                mark(c, 1);
            }
        }
        alone[rq.id()] = lone;
        submittedAt[rq.id()] = mine;
        if (rq.op() == Request.WRITE) {
            byte[][] snap = snapshots[rq.id()];
            if (snap == null || snap.length < rq.pageCount()) {
                snap = snapshots[rq.id()] = new byte[rq.pageCount()][];
            }
            for (int i = 0; i < rq.pageCount(); i++) {
                snap[i] = memory.shareFrame(rq.pfn(i));
            }
        }
    }

    private void settle(Request rq, long now) {
        long at = submittedAt[rq.id()];
        if (rq.op() == Request.READ && epoch == at) {
            // Fast path: no write at all since this read was submitted.
            if (rq.status() == 0 && check[rq.id()]) {
                compare(rq, now);
            } else {
                skipped++;
            }
            return;
        }
        long first = first(rq);
        long last = last(rq);
        if (rq.op() == Request.READ) {
            if (rq.status() == 0 && check[rq.id()] && untouchedSince(first, last, at)) {
                compare(rq, now);
            } else {
                skipped++;
            }
            return;
        }
        boolean quiet = alone[rq.id()] && untouchedSince(first, last, at);
        writesInFlight--;
        for (long c = first; c <= last; c++) {
            writing.add(c, -1);
        }
        long offset = rq.lba() << lbads;
        long len = (long) rq.blocks() << lbads;
        if (rq.status() != 0) {
            for (long c = first; c <= last; c++) {
                mark(c, 1);
            }
            return;
        }
        if (rq.op() == Request.WRITE) {
            apply(rq, offset, len);
            java.util.Arrays.fill(snapshots[rq.id()], null);
        } else {
            expected.zero(offset, len);
        }
        if (quiet) {
            for (long c = first; c <= last; c++) {
                mark(c, 0);
            }
        }
    }

    /** No write to chunks [first, last] was submitted after epoch {@code at}. */
    private boolean untouchedSince(long first, long last, long at) {
        if (epoch == at) {
            return true;
        }
        for (long c = first; c <= last; c++) {
            if (lastWrite.get(c) > at) {
                return false;
            }
        }
        return true;
    }
    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void wrongData(int qid, long lba, long stamp) {
        findings.violation(RULE, "queue " + qid + ": read of LBA " + lba + " returned a block stamped for LBA "
                + stamp, 0, "CQ " + qid);
    }

    public long verified() {
        return verified;
    }

    public long skipped() {
        return skipped;
    }

    private void apply(Request rq, long offset, long len) {
        byte[][] snap = snapshots[rq.id()];
        long done = 0;
        while (done < len) {
            long inBuffer = rq.offset() + done;
            int page = (int) (inBuffer / HostMemory.PAGE_SIZE);
            int inPage = (int) (inBuffer % HostMemory.PAGE_SIZE);
            long at = offset + done;
            int inChunk = (int) (at & (Blocks.SIZE - 1));
            int n = (int) Math.min(len - done, Math.min(HostMemory.PAGE_SIZE - inPage, Blocks.SIZE - inChunk));
            if (n == Blocks.SIZE) {
                expected.put(at >>> Blocks.SHIFT, snap[page]);
            } else {
                expected.write(at, snap[page], inPage, n);
            }
            done += n;
        }
    }

    private void compare(Request rq, long now) {
        long offset = rq.lba() << lbads;
        long len = (long) rq.blocks() << lbads;
        long done = 0;
        while (done < len) {
            long inBuffer = rq.offset() + done;
            int page = (int) (inBuffer / HostMemory.PAGE_SIZE);
            int inPage = (int) (inBuffer % HostMemory.PAGE_SIZE);
            long at = offset + done;
            int inChunk = (int) (at & (Blocks.SIZE - 1));
            int n = (int) Math.min(len - done, Math.min(HostMemory.PAGE_SIZE - inPage, Blocks.SIZE - inChunk));
            byte[] got = memory.frame(rq.pfn(page));
            byte[] want = expected.chunk(at >>> Blocks.SHIFT);
            boolean same = (n == Blocks.SIZE && got == want)
                    || Arrays.equals(got, inPage, inPage + n, want, inChunk, inChunk + n);
            if (!same) {
                int i = Arrays.mismatch(got, inPage, inPage + n, want, inChunk, inChunk + n);
                findings.violation(RULE, "read of LBA " + rq.lba() + " returned data that differs "
                        + "from what was last written, first at byte " + (at + Math.max(i, 0)) + " of the namespace",
                        now, "nsid " + rq.nsid());
                return;
            }
            done += n;
        }
        verified++;
    }

    private void mark(long chunk, int value) {
        int now = ambiguous.get(chunk);
        if (now != value) {
            ambiguous.add(chunk, value - now);
            ambiguousChunks += value - now;
        }
    }

    private long first(Request rq) {
        return (rq.lba() << lbads) >>> Blocks.SHIFT;
    }

    private long last(Request rq) {
        return ((rq.lba() << lbads) + ((long) rq.blocks() << lbads) - 1) >>> Blocks.SHIFT;
    }

    private void grow(int id) {
        if (id >= submittedAt.length) {
            int n = Math.max(id + 1, submittedAt.length * 2);
            snapshots = Arrays.copyOf(snapshots, n);
            submittedAt = Arrays.copyOf(submittedAt, n);
            alone = Arrays.copyOf(alone, n);
            check = Arrays.copyOf(check, n);
        }
    }
}
