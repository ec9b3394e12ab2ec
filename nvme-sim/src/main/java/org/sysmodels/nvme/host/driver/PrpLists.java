package org.sysmodels.nvme.host.driver;

import java.util.Arrays;
import org.sysmodels.nvme.host.block.Request;
import org.sysmodels.nvme.host.platform.DmaAllocator;
import org.sysmodels.nvme.model.memory.HostMemory;

/**
 * The data pointers of a Read or Write, as Linux {@code nvme_pci_setup_prps} builds them (NVMe 1.4 §4.3): PRP2 is
 * the second page when the transfer ends there, else a PRP list page holding the addresses of pages 2..n. The list
 * page is kept per (queue, tag) until the command completes or is cancelled ({@code nvme_free_prps}).
 */
final class PrpLists {

    private final DmaAllocator allocator;
    private final HostMemory memory;
    /** The list page of each (hardware queue, tag), -1 when the command has none. */
    private final int[][] listPage;

    PrpLists(DmaAllocator allocator, HostMemory memory, int queues) {
        this.allocator = allocator;
        this.memory = memory;
        this.listPage = new int[queues][];
    }

    /** Makes room for the tags of hardware queue {@code hctx} the first time it is set up. */
    void addQueue(int hctx, int tags) {
        if (listPage[hctx] == null) {
            listPage[hctx] = new int[tags];
            Arrays.fill(listPage[hctx], -1);
        }
    }

    /** PRP1 of the request: its first page and the offset into it. */
    static long firstPointer(Request rq) {
        return HostMemory.address(rq.pfn(0), rq.offset());
    }

    /** @return PRP2 of the request, 0 if it fits in one page, -1 if it needs a list page and none is free */
    long secondPointer(int hctx, Request rq) {
        if (rq.offset() + rq.bytes() <= HostMemory.PAGE_SIZE) {
            return 0;
        }
        int pages = pagesTouched(rq);
        if (pages == 2) {
            return HostMemory.address(rq.pfn(1), 0);
        }
        int list = allocator.allocPage();
        if (list < 0) {
            return -1;
        }
        long a = HostMemory.address(list, 0);
        for (int i = 1; i < pages; i++) {
            memory.write64(a + 8L * (i - 1), HostMemory.address(rq.pfn(i), 0));
        }
        listPage[hctx][rq.tag()] = list;
        return a;
    }

    /** Frees the request's list page, if it has one. */
    void release(Request rq) {
        int h = rq.hctx();
        if (pagesTouched(rq) > 2 && h >= 0 && rq.tag() >= 0 && listPage[h] != null && listPage[h][rq.tag()] >= 0) {
            allocator.freePage(listPage[h][rq.tag()]);
            listPage[h][rq.tag()] = -1;
        }
    }

    private static int pagesTouched(Request rq) {
        return (rq.offset() + rq.bytes() + HostMemory.PAGE_SIZE - 1) / HostMemory.PAGE_SIZE;
    }
}
