package org.sysmodels.nvme.model.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Simulated host DRAM, page-granular, as the CPU (the driver) sees it: loads and stores of little-endian values (PCIe
 * and NVMe are little endian, and so is every multi-byte access here). A CPU access outside memory, or one load or
 * store across a page, is the simulated equivalent of a page fault in the driver: {@link HostMemoryFault}. The device
 * reaches the same frames through {@link #dma()}, which never throws.
 *
 * <p>Frames may be shared with namespace chunks (see {@link Blocks}): a frame flagged shared is immutable, and any
 * write, CPU or DMA, first replaces it with a private copy.
 *
 * <p>Memory ordering, for the threaded mode, follows the real driver: the host writes an SQE with plain stores and
 * publishes it with the doorbell's release store; the device writes CQE DW0–DW2 plain and DW3 (the phase tag) with
 * {@link Dma#write32Release}; the host reads DW3 with {@link #read32Acquire} before the rest (Linux reads the CQE
 * status, then issues dma_rmb()). References stored into the frame table by a transfer are published the same way.
 */
public final class HostMemory {

    public static final int PAGE_SHIFT = Blocks.SHIFT;
    public static final int PAGE_SIZE = Blocks.SIZE;

    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final PageFrames pages;
    private final byte[][] frames;
    private final boolean[] shared;
    private final long size;
    private final Dma dma;

    /** @param bytes memory size, rounded up to whole pages */
    public HostMemory(long bytes) {
        pages = new PageFrames(bytes);
        frames = pages.frames;
        shared = pages.shared;
        size = pages.size;
        dma = new Dma(pages);
    }

    /** The device's view of this memory (the controller's DMA engine). */
    public Dma dma() {
        return dma;
    }

    public long size() {
        return size;
    }

    public int frameCount() {
        return frames.length;
    }

    /** Who hears about device accesses to frames the host does not own (null: nobody). */
    public void observe(DmaObserver o) {
        pages.observer = o == null ? DmaObserver.NONE : o;
    }

    /** Whether a frame is currently owned by the host (set by the allocator; all frames are owned without one). */
    public boolean isAllocated(int pfn) {
        return pages.allocated[pfn];
    }

    public void setAllocated(int pfn, boolean owned) {
        pages.allocated[pfn] = owned;
    }

    public static int pfn(long address) {
        return (int) (address >>> PAGE_SHIFT);
    }

    public static int offset(long address) {
        return (int) (address & (PAGE_SIZE - 1));
    }

    public static long address(int pfn, int offset) {
        return ((long) pfn << PAGE_SHIFT) + offset;
    }

    // ---------------------------------------------------------------- loads and stores

    public int read32(long a) {
        return (int) I32.get(frames[cpuPfn(a, 4)], offset(a));
    }

    /**
     * Load-acquire of a dword: how the host reads a CQE's DW3 (phase tag) before the rest of the entry. A plain load
     * followed by {@link VarHandle#acquireFence()} (LoadLoad | LoadStore after it): since JDK 22, views of a heap
     * {@code byte[]} support only plain access, so the acquire is built from the JEP 171 fence.
     */
    public int read32Acquire(long a) {
        int v = (int) I32.get(frames[cpuPfn(a, 4)], offset(a));
        VarHandle.acquireFence();
        return v;
    }

    public long read64(long a) {
        return (long) I64.get(frames[cpuPfn(a, 8)], offset(a));
    }

    public int read8(long a) {
        return frames[cpuPfn(a, 1)][offset(a)] & 0xff;
    }

    public void write32(long a, int v) {
        I32.set(writable(cpuPfn(a, 4)), offset(a), v);
    }

    public void write64(long a, long v) {
        I64.set(writable(cpuPfn(a, 8)), offset(a), v);
    }

    public void write8(long a, int v) {
        writable(cpuPfn(a, 1))[offset(a)] = (byte) v;
    }

    /** Copies {@code len} bytes out of memory, across frames. */
    public void read(long a, byte[] dst, int off, int len) {
        cpuRange(a, len);
        while (len > 0) {
            int n = Math.min(len, PAGE_SIZE - offset(a));
            System.arraycopy(frames[pfn(a)], offset(a), dst, off, n);
            a += n;
            off += n;
            len -= n;
        }
    }

    /** Copies {@code len} bytes into memory, across frames. */
    public void write(long a, byte[] src, int off, int len) {
        cpuRange(a, len);
        while (len > 0) {
            int n = Math.min(len, PAGE_SIZE - offset(a));
            System.arraycopy(src, off, writable(pfn(a)), offset(a), n);
            a += n;
            off += n;
            len -= n;
        }
    }

    /**
     * Zero-fills a range. A whole page that is shared becomes the shared zero block; a private page is cleared in
     * place, so queue memory stays private to the host and the device never has to copy it.
     */
    public void zero(long a, long len) {
        cpuRange(a, len);
        while (len > 0) {
            int n = (int) Math.min(len, PAGE_SIZE - offset(a));
            if (n == PAGE_SIZE && shared[pfn(a)]) {
                frames[pfn(a)] = Blocks.ZERO;
            } else {
                Arrays.fill(writable(pfn(a)), offset(a), offset(a) + n, (byte) 0);
            }
            a += n;
            len -= n;
        }
    }

    // ---------------------------------------------------------------- whole frames

    /** Replaces a whole frame's content by a fresh private block (for a producer that writes all of it anyway). */
    public byte[] freshFrame(int pfn) {
        byte[] b = new byte[PAGE_SIZE];
        frames[pfn] = b;
        shared[pfn] = false;
        return b;
    }

    /**
     * The private frame holding [a, a + len), which must lie within one page, for a sequence of stores through
     * {@link #putLong}/{@link #putInt} (an SQE: one lookup instead of sixteen).
     */
    public byte[] cpuFrameForWrite(long a, int len) {
        return writable(cpuPfn(a, len));
    }

    /** The frame holding [a, a + len), within one page, for reading. */
    public byte[] cpuFrame(long a, int len) {
        return frames[cpuPfn(a, len)];
    }

    /** The frame's current block, for reading only (it may be shared). */
    public byte[] frame(int pfn) {
        return frames[pfn];
    }

    /**
     * The frame's block, marked shared so nobody writes it in place again: for a holder that keeps the reference
     * (the read-after-write checker snapshotting what a write command will store).
     */
    public byte[] shareFrame(int pfn) {
        shared[pfn] = true;
        return frames[pfn];
    }

    /** Little-endian accessors on a frame obtained above; {@code off} is the offset within the page. */
    public static int getInt(byte[] frame, int off) {
        return (int) I32.get(frame, off);
    }

    public static void putInt(byte[] frame, int off, int v) {
        I32.set(frame, off, v);
    }

    public static long getLong(byte[] frame, int off) {
        return (long) I64.get(frame, off);
    }

    public static void putLong(byte[] frame, int off, long v) {
        I64.set(frame, off, v);
    }

    private byte[] writable(int pfn) {
        return PageFrames.writable(frames, shared, pfn);
    }

    private int cpuPfn(long a, int width) {
        if (a < 0 || a + width > size) {
            throw new HostMemoryFault(a, width, size);
        }
        if (offset(a) + width > PAGE_SIZE) {
            throw new HostMemoryFault(a, width, size);
        }
        return pfn(a);
    }

    private void cpuRange(long a, long len) {
        if (a < 0 || len < 0 || a + len > size) {
            throw new HostMemoryFault(a, len, size);
        }
    }
}
