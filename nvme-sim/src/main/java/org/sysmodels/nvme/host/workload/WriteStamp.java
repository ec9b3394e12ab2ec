package org.sysmodels.nvme.host.workload;

import org.sysmodels.nvme.host.block.Request;
import org.sysmodels.nvme.model.memory.HostMemory;

/**
 * The data a write carries, as fio's verify headers do it: every 512-byte sector holds its byte offset in the
 * namespace at bytes 0–7, the write's generation at 8–15 and the offset's complement at 504–511, so a read that
 * returns the wrong sector, a stale one, or a torn one shows it.
 */
final class WriteStamp {

    static final int SECTOR = 512;

    private WriteStamp() {
    }

    /** Stamps {@code rq}'s buffer for LBA size {@code lbaSize} with generation {@code generation}. */
    static void fill(HostMemory m, Request rq, int lbaSize, long generation) {
        long first = rq.lba() * lbaSize;
        int start = rq.offset();
        for (int off = 0; off < rq.bytes(); off += SECTOR) {
            int at = start + off;
            if ((at & (HostMemory.PAGE_SIZE - 1)) == 0 && rq.bytes() - off >= HostMemory.PAGE_SIZE) {
                // The whole page is this write's: a fresh block instead of copying the old one first.
                m.freshFrame(rq.pfn(at >>> HostMemory.PAGE_SHIFT));
            }
            put64(m, rq, off, first + off);
            put64(m, rq, off + 8, generation);
            put64(m, rq, off + SECTOR - 8, ~(first + off));
        }
    }

    /** A qword at data byte {@code i}: one store, or two dword stores where it straddles a page boundary. */
    private static void put64(HostMemory m, Request rq, int i, long v) {
        long a = rq.address(i);
        if ((a & (HostMemory.PAGE_SIZE - 1)) <= HostMemory.PAGE_SIZE - 8) {
            m.write64(a, v);
        } else {
            m.write32(a, (int) v);
            m.write32(rq.address(i + 4), (int) (v >>> 32));
        }
    }
}
