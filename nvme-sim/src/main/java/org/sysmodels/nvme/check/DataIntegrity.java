package org.sysmodels.nvme.check;

import java.util.Arrays;
import org.sysmodels.core.run.Findings;
import org.sysmodels.nvme.host.IoObserver;
import org.sysmodels.nvme.host.Request;
import org.sysmodels.nvme.model.BlockStore;
import org.sysmodels.nvme.model.Blocks;
import org.sysmodels.nvme.model.HostMemory;

/**
 * Read-after-write integrity, as fio's verify does it, kept as a reference model of the namespace: what each byte
 * should hold after the writes that completed. A write's buffer is snapshotted when it is submitted (its pages become
 * shared, so later host writes copy); its data becomes the expected content when it completes successfully. A read
 * is compared when it completes, unless a write to the same chunks was in flight at any time during the read, or the
 * content is ambiguous (two writes overlapped in flight, whose order NVMe leaves open, NVMe 1.4 §6.3; or a write
 * failed). Whole aligned pages compare by reference first, so a clean 4 KiB read costs a pointer comparison.
 *
 * <p>Also reports requests that never completed ({@value Rules#LOST_REQUEST}).
 */
public final class DataIntegrity implements IoObserver {

    private final HostMemory memory;
    private final Findings findings;
    private final boolean verify;
    private final int lbads;
    private final BlockStore expected;
    private final ChunkCounters writing;
    private final ChunkCounters writes;
    private final ChunkCounters ambiguous;
    private byte[][][] snapshots = new byte[0][][];
    private long[] epoch = new long[0];
    private boolean[] alone = new boolean[0];
    private boolean[] check = new boolean[0];
    private long verified;
    private long skipped;

    public DataIntegrity(HostMemory memory, Findings findings, boolean verify, int lbaSize, long namespaceBytes) {
        this.memory = memory;
        this.findings = findings;
        this.verify = verify;
        this.lbads = Integer.numberOfTrailingZeros(lbaSize);
        long chunks = (namespaceBytes + Blocks.SIZE - 1) / Blocks.SIZE;
        this.expected = new BlockStore(verify ? namespaceBytes : 0);
        this.writing = new ChunkCounters(verify ? chunks : 0);
        this.writes = new ChunkCounters(verify ? chunks : 0);
        this.ambiguous = new ChunkCounters(verify ? chunks : 0);
    }

    @Override
    public void submitting(Request rq, long now) {
        if (!verify) {
            return;
        }
        grow(rq.id());
        long first = first(rq);
        long last = last(rq);
        if (rq.op() == Request.READ) {
            boolean ok = true;
            for (long c = first; c <= last; c++) {
                ok &= writing.get(c) == 0 && ambiguous.get(c) == 0;
            }
            check[rq.id()] = ok;
            epoch[rq.id()] = sum(first, last);
            return;
        }
        if (rq.op() == Request.FLUSH) {
            return;
        }
        boolean lone = true;
        for (long c = first; c <= last; c++) {
            lone &= writing.get(c) == 0;
        }
        for (long c = first; c <= last; c++) {
            writing.add(c, 1);
            writes.add(c, 1);
            if (!lone) {
                mark(c, 1);
            }
        }
        alone[rq.id()] = lone;
        epoch[rq.id()] = sum(first, last);
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

    @Override
    public void completed(Request rq, long now) {
        if (!verify || rq.op() == Request.FLUSH) {
            return;
        }
        long first = first(rq);
        long last = last(rq);
        if (rq.op() == Request.READ) {
            if (rq.status() == 0 && check[rq.id()] && sum(first, last) == epoch[rq.id()]) {
                compare(rq, now);
            } else {
                skipped++;
            }
            return;
        }
        boolean quiet = alone[rq.id()] && sum(first, last) == epoch[rq.id()];
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

    @Override
    public void lost(Request rq, long now) {
        findings.violation(Rules.LOST_REQUEST, Request.opName(rq.op()) + " of LBA " + rq.lba() + " (tag " + rq.tag()
                + ") never completed", now, "request " + rq.id());
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
            int page = (int) (done / HostMemory.PAGE_SIZE);
            int inPage = (int) (done % HostMemory.PAGE_SIZE);
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
            int page = (int) (done / HostMemory.PAGE_SIZE);
            int inPage = (int) (done % HostMemory.PAGE_SIZE);
            long at = offset + done;
            int inChunk = (int) (at & (Blocks.SIZE - 1));
            int n = (int) Math.min(len - done, Math.min(HostMemory.PAGE_SIZE - inPage, Blocks.SIZE - inChunk));
            byte[] got = memory.frame(rq.pfn(page));
            byte[] want = expected.chunk(at >>> Blocks.SHIFT);
            boolean same = (n == Blocks.SIZE && got == want)
                    || Arrays.equals(got, inPage, inPage + n, want, inChunk, inChunk + n);
            if (!same) {
                int i = Arrays.mismatch(got, inPage, inPage + n, want, inChunk, inChunk + n);
                findings.violation(Rules.DATA_INTEGRITY, "read of LBA " + rq.lba() + " returned data that differs "
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
        }
    }

    private long sum(long first, long last) {
        long s = 0;
        for (long c = first; c <= last; c++) {
            s += writes.get(c);
        }
        return s;
    }

    private long first(Request rq) {
        return (rq.lba() << lbads) >>> Blocks.SHIFT;
    }

    private long last(Request rq) {
        return ((rq.lba() << lbads) + ((long) rq.blocks() << lbads) - 1) >>> Blocks.SHIFT;
    }

    private void grow(int id) {
        if (id >= epoch.length) {
            int n = Math.max(id + 1, epoch.length * 2);
            snapshots = Arrays.copyOf(snapshots, n);
            epoch = Arrays.copyOf(epoch, n);
            alone = Arrays.copyOf(alone, n);
            check = Arrays.copyOf(check, n);
        }
    }
}
