package org.sysmodels.nvme.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Simulated host DRAM, page-granular: an array of 4 KiB frames (PCIe and NVMe are little endian, and so is every
 * multi-byte access here). The CPU side (the driver) reads and writes it directly; the device side goes through the
 * {@code dma*} methods, which never throw: an address outside memory makes them return false, so the controller can
 * complete the command with Data Transfer Error.
 *
 * <p>Frames may be shared with namespace chunks (see {@link Blocks}): a frame flagged shared is immutable, and any
 * write, CPU or DMA, first replaces it with a private copy.
 *
 * <p>Memory ordering, for the threaded mode, follows the real driver: the host writes an SQE with plain stores and
 * publishes it with the doorbell's release store; the device writes CQE DW0–DW2 plain and DW3 (the phase tag) with
 * {@link #dmaWrite32Release}; the host reads DW3 with {@link #read32Acquire} before the rest (Linux reads the CQE
 * status, then issues dma_rmb()). References stored into {@code frames} by a transfer are published the same way.
 */
public final class HostMemory {

    public static final int PAGE_SHIFT = Blocks.SHIFT;
    public static final int PAGE_SIZE = Blocks.SIZE;

    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[][] frames;
    private final boolean[] shared;
    private final boolean[] allocated;
    private final long size;
    private DmaObserver observer = DmaObserver.NONE;

    /** @param bytes memory size, rounded up to whole pages */
    public HostMemory(long bytes) {
        int n = (int) ((bytes + PAGE_SIZE - 1) >>> PAGE_SHIFT);
        frames = new byte[n][];
        Arrays.fill(frames, Blocks.ZERO);
        shared = new boolean[n];
        Arrays.fill(shared, true);
        allocated = new boolean[n];
        Arrays.fill(allocated, true);
        size = (long) n << PAGE_SHIFT;
    }

    public long size() {
        return size;
    }

    public int frameCount() {
        return frames.length;
    }

    public void observe(DmaObserver o) {
        observer = o == null ? DmaObserver.NONE : o;
    }

    /** Whether a frame is currently owned by the host (set by the allocator; all frames are owned without one). */
    public boolean isAllocated(int pfn) {
        return allocated[pfn];
    }

    public void setAllocated(int pfn, boolean owned) {
        allocated[pfn] = owned;
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

    // ---------------------------------------------------------------- CPU side (the driver)

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

    /** Replaces a whole frame's content by a fresh private block (for a producer that writes all of it anyway). */
    public byte[] freshFrame(int pfn) {
        byte[] b = new byte[PAGE_SIZE];
        frames[pfn] = b;
        shared[pfn] = false;
        return b;
    }

    /**
     * CPU side: the private frame holding [a, a + len), which must lie within one page, for a sequence of stores
     * through {@link #putLong}/{@link #putInt} (an SQE: one lookup instead of sixteen).
     */
    public byte[] cpuFrameForWrite(long a, int len) {
        return writable(cpuPfn(a, len));
    }

    /** CPU side: the frame holding [a, a + len), within one page, for reading. */
    public byte[] cpuFrame(long a, int len) {
        return frames[cpuPfn(a, len)];
    }

    /** Device side: the frame holding [a, a + len) within one page for reading, or null if outside memory. */
    public byte[] dmaFrameForRead(long a, int len) {
        if (!inRange(a, len) || offset(a) + len > PAGE_SIZE) {
            return null;
        }
        int pfn = pfn(a);
        check(pfn, a, false);
        return frames[pfn];
    }

    /** Device side: the private frame holding [a, a + len) within one page for writing, or null if outside memory. */
    public byte[] dmaFrameForWrite(long a, int len) {
        if (!inRange(a, len) || offset(a) + len > PAGE_SIZE) {
            return null;
        }
        int pfn = pfn(a);
        check(pfn, a, true);
        return writable(pfn);
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

    private byte[] writable(int pfn) {
        if (shared[pfn]) {
            frames[pfn] = Blocks.copyOf(frames[pfn]);
            shared[pfn] = false;
        }
        return frames[pfn];
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

    // ---------------------------------------------------------------- device side (DMA); never throws

    /** True if [a, a + len) lies inside memory. */
    public boolean inRange(long a, long len) {
        return a >= 0 && len >= 0 && a + len <= size;
    }

    public int dmaRead32(long a) {
        int pfn = pfn(a);
        check(pfn, a, false);
        return (int) I32.get(frames[pfn], offset(a));
    }

    /** A plain qword load by the device (PRP list entries, 64-bit SQE fields). */
    public long dmaRead64(long a) {
        int pfn = pfn(a);
        check(pfn, a, false);
        return (long) I64.get(frames[pfn], offset(a));
    }

    public void dmaWrite32(long a, int v) {
        int pfn = pfn(a);
        check(pfn, a, true);
        I32.set(writable(pfn), offset(a), v);
    }

    /**
     * Store-release by the device: how it writes a CQE's DW3, which holds the phase tag, after DW0–DW2 and after the
     * data. {@link VarHandle#releaseFence()} (StoreStore | LoadStore before it) then a plain store, for the same
     * reason as {@link #read32Acquire}.
     */
    public void dmaWrite32Release(long a, int v) {
        int pfn = pfn(a);
        check(pfn, a, true);
        byte[] f = writable(pfn);
        VarHandle.releaseFence();
        I32.set(f, offset(a), v);
    }

    /** Copies into host memory. @return false if the range is outside memory (nothing written) */
    public boolean dmaWrite(long a, byte[] src, int off, int len) {
        if (!inRange(a, len)) {
            return false;
        }
        while (len > 0) {
            int pfn = pfn(a);
            int n = Math.min(len, PAGE_SIZE - offset(a));
            check(pfn, a, true);
            System.arraycopy(src, off, writable(pfn), offset(a), n);
            a += n;
            off += n;
            len -= n;
        }
        return true;
    }

    /** Copies out of host memory. @return false if the range is outside memory */
    public boolean dmaRead(long a, byte[] dst, int off, int len) {
        if (!inRange(a, len)) {
            return false;
        }
        while (len > 0) {
            int pfn = pfn(a);
            int n = Math.min(len, PAGE_SIZE - offset(a));
            check(pfn, a, false);
            System.arraycopy(frames[pfn], offset(a), dst, off, n);
            a += n;
            off += n;
            len -= n;
        }
        return true;
    }

    /** Zero-fills host memory from the device side (Identify padding, zeroed log pages). */
    public boolean dmaZero(long a, int len) {
        if (!inRange(a, len)) {
            return false;
        }
        while (len > 0) {
            int pfn = pfn(a);
            int n = Math.min(len, PAGE_SIZE - offset(a));
            check(pfn, a, true);
            if (n == PAGE_SIZE) {
                frames[pfn] = Blocks.ZERO;
                shared[pfn] = true;
            } else {
                Arrays.fill(writable(pfn), offset(a), offset(a) + n, (byte) 0);
            }
            a += n;
            len -= n;
        }
        return true;
    }

    /** A whole-page transfer into the host: the frame now refers to {@code block}, shared and immutable. */
    public void dmaPutFrame(int pfn, byte[] block) {
        check(pfn, (long) pfn << PAGE_SHIFT, true);
        // Store only what changes: an unchanged line stays clean in the other core's cache (threaded mode).
        if (!shared[pfn]) {
            shared[pfn] = true;
        }
        if (frames[pfn] != block) {
            frames[pfn] = block;
        }
    }

    /** A whole-page transfer out of the host: the block, now shared (the host copies before its next write). */
    public byte[] dmaTakeFrame(int pfn) {
        check(pfn, (long) pfn << PAGE_SHIFT, false);
        if (!shared[pfn]) {
            shared[pfn] = true;
        }
        return frames[pfn];
    }

    private void check(int pfn, long a, boolean write) {
        if (!allocated[pfn]) {
            observer.unallocatedAccess(a, write);
        }
    }
}
