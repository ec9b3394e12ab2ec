package org.sysmodels.nvme.host.platform;

import org.sysmodels.nvme.model.memory.HostMemory;

/**
 * Hands out host memory for DMA, the way a kernel's page allocator and DMA API do, and tells {@link HostMemory}
 * which frames the host owns, so a device access to any other frame is visible as a use-after-free.
 *
 * <p>Two regions. Queue memory is carved contiguously from the bottom (queues must be physically contiguous when
 * CAP.CQR = 1) and never freed: Linux also keeps queue memory across controller resets. Data pages come from a FIFO
 * free list: a freed page goes to the back, so it is reused as late as possible. That is KASAN's quarantine idea:
 * it gives a DMA that hits a freed buffer the longest window to be noticed. Frame 0 is never handed out, so a
 * null DMA address is always caught.
 */
public final class DmaAllocator {

    private final HostMemory memory;
    private final int contiguousEnd;
    private int contiguousNext = 1;
    private final int[] ring;
    private int head;
    private int count;
    private AllocatorObserver observer = AllocatorObserver.NONE;
    private java.util.function.LongSupplier clock = () -> 0;

    /** @param contiguousPages pages reserved for queues (from frame 1); the rest is the data page pool */
    public DmaAllocator(HostMemory memory, int contiguousPages) {
        this.memory = memory;
        this.contiguousEnd = 1 + contiguousPages;
        int frames = memory.frameCount();
        if (contiguousEnd >= frames) {
            throw new IllegalArgumentException("host memory of " + frames + " pages has no room for a data pool after "
                    + contiguousPages + " queue pages");
        }
        ring = new int[frames - contiguousEnd];
        for (int pfn = 0; pfn < frames; pfn++) {
            memory.setAllocated(pfn, false);
        }
        for (int pfn = contiguousEnd; pfn < frames; pfn++) {
            ring[count++] = pfn;
        }
    }

    public void observe(AllocatorObserver o, java.util.function.LongSupplier now) {
        observer = o == null ? AllocatorObserver.NONE : o;
        clock = now;
    }

    public HostMemory memory() {
        return memory;
    }

    /**
     * Contiguous, page-aligned, zeroed memory for a queue or another long-lived structure. @return its address
     * @throws IllegalStateException when the queue region is exhausted (a configuration error, not a device error)
     */
    public long allocContiguous(long bytes) {
        return allocContiguous(bytes, HostMemory.PAGE_SIZE);
    }

    /**
     * Contiguous, zeroed memory aligned to {@code alignment} bytes: a power of two of at least a page (the memory page
     * size CC.MPS selects, when it is larger than 4 KiB). The pages skipped to reach the alignment stay unused.
     * @return its address
     * @throws IllegalArgumentException for an alignment that is not a power of two of at least 4096
     * @throws IllegalStateException when the queue region is exhausted (a configuration error, not a device error)
     */
    public long allocContiguous(long bytes, long alignment) {
        if (alignment < HostMemory.PAGE_SIZE || Long.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment must be a power of two of at least 4096 bytes, got "
                    + alignment);
        }
        int pages = (int) ((bytes + HostMemory.PAGE_SIZE - 1) / HostMemory.PAGE_SIZE);
        int alignPages = (int) (alignment / HostMemory.PAGE_SIZE);
        int first = (contiguousNext + alignPages - 1) / alignPages * alignPages;
        if (first + pages > contiguousEnd) {
            throw new IllegalStateException("queue memory exhausted: " + bytes + " bytes aligned to " + alignment
                    + " wanted, " + (contiguousEnd - contiguousNext) + " pages left");
        }
        contiguousNext = first + pages;
        for (int p = first; p < first + pages; p++) {
            memory.setAllocated(p, true);
            memory.freshFrame(p);
        }
        return HostMemory.address(first, 0);
    }

    /** A data page. @return its frame number, or -1 if the pool is empty */
    public int allocPage() {
        if (count == 0) {
            observer.exhausted(clock.getAsLong());
            return -1;
        }
        int pfn = ring[head];
        head = head + 1 == ring.length ? 0 : head + 1;
        count--;
        memory.setAllocated(pfn, true);
        return pfn;
    }

    /** Returns a data page to the back of the pool. A page that is not allocated is reported, not freed twice. */
    public void freePage(int pfn) {
        if (pfn < contiguousEnd || pfn >= memory.frameCount() || !memory.isAllocated(pfn)) {
            observer.doubleFree(pfn, clock.getAsLong());
            return;
        }
        memory.setAllocated(pfn, false);
        int tail = head + count;
        ring[tail >= ring.length ? tail - ring.length : tail] = pfn;
        count++;
    }

    public int freePages() {
        return count;
    }

    public int poolPages() {
        return ring.length;
    }
}
