package org.sysmodels.nvme.model.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Host memory as the device reaches it: DMA reads and writes of {@link HostMemory}'s frames. Nothing here throws: a
 * range outside memory makes a transfer return false (or null for a frame), so the controller can complete the
 * command with Data Transfer Error, as real hardware reports a failed bus transaction. An access to a frame the host's
 * allocator does not own is still performed, and told to the {@link DmaObserver} (what an IOMMU or KASAN would
 * report as a DMA use-after-free).
 */
public final class Dma {

    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int PAGE_SIZE = Blocks.SIZE;

    private final PageFrames pages;
    private final byte[][] frames;
    private final boolean[] shared;
    private final boolean[] allocated;
    private final long size;

    Dma(PageFrames pages) {
        this.pages = pages;
        this.frames = pages.frames;
        this.shared = pages.shared;
        this.allocated = pages.allocated;
        this.size = pages.size;
    }

    /** True if [a, a + len) lies inside memory. */
    public boolean inRange(long a, long len) {
        return a >= 0 && len >= 0 && a + len <= size;
    }

    /** The frame holding [a, a + len) within one page for reading, or null if outside memory. */
    public byte[] frameForRead(long a, int len) {
        if (!inRange(a, len) || HostMemory.offset(a) + len > PAGE_SIZE) {
            return null;
        }
        int pfn = HostMemory.pfn(a);
        check(pfn, a, false);
        return frames[pfn];
    }

    /** The private frame holding [a, a + len) within one page for writing, or null if outside memory. */
    public byte[] frameForWrite(long a, int len) {
        if (!inRange(a, len) || HostMemory.offset(a) + len > PAGE_SIZE) {
            return null;
        }
        int pfn = HostMemory.pfn(a);
        check(pfn, a, true);
        return writable(pfn);
    }

    public int read32(long a) {
        int pfn = HostMemory.pfn(a);
        check(pfn, a, false);
        return (int) I32.get(frames[pfn], HostMemory.offset(a));
    }

    /** A plain qword load (PRP list entries, 64-bit SQE fields). */
    public long read64(long a) {
        int pfn = HostMemory.pfn(a);
        check(pfn, a, false);
        return (long) I64.get(frames[pfn], HostMemory.offset(a));
    }

    public void write32(long a, int v) {
        int pfn = HostMemory.pfn(a);
        check(pfn, a, true);
        I32.set(writable(pfn), HostMemory.offset(a), v);
    }

    /**
     * Store-release: how the device writes a CQE's DW3, which holds the phase tag, after DW0–DW2 and after the data.
     * {@link VarHandle#releaseFence()} (StoreStore | LoadStore before it) then a plain store, for the reason given at
     * {@link HostMemory#read32Acquire}.
     */
    public void write32Release(long a, int v) {
        int pfn = HostMemory.pfn(a);
        check(pfn, a, true);
        byte[] f = writable(pfn);
        VarHandle.releaseFence();
        I32.set(f, HostMemory.offset(a), v);
    }

    /** Copies into host memory. @return false if the range is outside memory (nothing written) */
    public boolean write(long a, byte[] src, int off, int len) {
        if (!inRange(a, len)) {
            return false;
        }
        while (len > 0) {
            int pfn = HostMemory.pfn(a);
            int n = Math.min(len, PAGE_SIZE - HostMemory.offset(a));
            check(pfn, a, true);
            System.arraycopy(src, off, writable(pfn), HostMemory.offset(a), n);
            a += n;
            off += n;
            len -= n;
        }
        return true;
    }

    /** Copies out of host memory. @return false if the range is outside memory */
    public boolean read(long a, byte[] dst, int off, int len) {
        if (!inRange(a, len)) {
            return false;
        }
        while (len > 0) {
            int pfn = HostMemory.pfn(a);
            int n = Math.min(len, PAGE_SIZE - HostMemory.offset(a));
            check(pfn, a, false);
            System.arraycopy(frames[pfn], HostMemory.offset(a), dst, off, n);
            a += n;
            off += n;
            len -= n;
        }
        return true;
    }

    /** Zero-fills host memory (Identify padding, zeroed log pages). @return false if outside memory */
    public boolean zero(long a, int len) {
        if (!inRange(a, len)) {
            return false;
        }
        while (len > 0) {
            int pfn = HostMemory.pfn(a);
            int n = Math.min(len, PAGE_SIZE - HostMemory.offset(a));
            check(pfn, a, true);
            if (n == PAGE_SIZE) {
                frames[pfn] = Blocks.ZERO;
                shared[pfn] = true;
            } else {
                Arrays.fill(writable(pfn), HostMemory.offset(a), HostMemory.offset(a) + n, (byte) 0);
            }
            a += n;
            len -= n;
        }
        return true;
    }

    /** A whole-page transfer into the host: the frame now refers to {@code block}, shared and immutable. */
    public void putFrame(int pfn, byte[] block) {
        check(pfn, (long) pfn << Blocks.SHIFT, true);
        // Store only what changes: an unchanged line stays clean in the other core's cache (threaded mode).
        if (!shared[pfn]) {
            shared[pfn] = true;
        }
        if (frames[pfn] != block) {
            frames[pfn] = block;
        }
    }

    /** A whole-page transfer out of the host: the block, now shared (the host copies before its next write). */
    public byte[] takeFrame(int pfn) {
        check(pfn, (long) pfn << Blocks.SHIFT, false);
        if (!shared[pfn]) {
            shared[pfn] = true;
        }
        return frames[pfn];
    }

    private byte[] writable(int pfn) {
        return PageFrames.writable(frames, shared, pfn);
    }

    private void check(int pfn, long a, boolean write) {
        if (!allocated[pfn]) {
            pages.observer.unallocatedAccess(a, write);
        }
    }
}
