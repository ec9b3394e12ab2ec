package org.sysmodels.vcpu.model.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Guest RAM: {@code mem_size_mib} MiB at {@link #DRAM_START}, in 4 KiB pages that exist only once touched, as an
 * anonymous mmap of the guest's memory in Firecracker costs nothing until the guest writes to it (that is what lets a
 * microVM with 128 MiB start in milliseconds, and what lets this simulator create thousands a second). A page never
 * written reads as zeros.
 *
 * <p>Each page can also carry the pre-decoded form of the instructions in it (one {@code long} per 4-byte word, 0 =
 * not decoded yet); any store into the page clears the words it covers, so code that writes code stays correct.
 *
 * <p>Dirty pages are tracked, when enabled, one bit per page, as KVM's dirty log (KVM_GET_DIRTY_LOG, memslot flag
 * KVM_MEM_LOG_DIRTY_PAGES) does for guest writes and Firecracker's own bitmap does for device writes; a diff snapshot
 * writes only those pages ({@code track_dirty_pages} in Firecracker's machine-config).
 *
 * <p>Threads: with one thread per vCPU, harts and the VMM's devices share this memory as the real ones share the
 * mmap. Page allocation and dirty bits are atomic (CAS); data accesses are plain, as plain loads and stores are on
 * real hardware under RVWMO, and the guest orders them with {@code fence} (a full fence here) or atomics (VarHandle
 * volatile access modes here).
 */
public final class GuestMemory {

    /** Where RAM starts: Firecracker's aarch64 layout (DRAM_MEM_START) and QEMU's RISC-V virt machine. */
    public static final long DRAM_START = 0x8000_0000L;
    public static final int PAGE_SHIFT = 12;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    public static final int PAGE_MASK = PAGE_SIZE - 1;

    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle PAGES = MethodHandles.arrayElementVarHandle(byte[][].class);
    private static final VarHandle CODE = MethodHandles.arrayElementVarHandle(long[][].class);
    private static final VarHandle BITS = MethodHandles.arrayElementVarHandle(long[].class);

    private final long size;
    private final byte[][] pages;
    private final long[][] code;
    private final long[] dirty;
    private volatile boolean trackDirty;

    /** @param size bytes of RAM, a whole number of pages */
    public GuestMemory(long size) {
        if (size <= 0 || (size & PAGE_MASK) != 0 || size > (long) Integer.MAX_VALUE * PAGE_SIZE) {
            throw new IllegalArgumentException("guest memory must be a positive whole number of 4 KiB pages: " + size);
        }
        this.size = size;
        int n = (int) (size >>> PAGE_SHIFT);
        pages = new byte[n][];
        code = new long[n][];
        dirty = new long[(n + 63) >>> 6];
    }

    public long size() {
        return size;
    }

    public int pageCount() {
        return pages.length;
    }

    /** True if [addr, addr + len) lies in RAM. */
    public boolean contains(long addr, long len) {
        long off = addr - DRAM_START;
        return off >= 0 && len >= 0 && off <= size - len;
    }

    /** The page at index {@code i}, or null if never written. (Plain read: see the class comment.) */
    public byte[] page(int i) {
        return pages[i];
    }

    /** The page at index {@code i}, allocated (zeroed) on first use; concurrent first writers agree on one page. */
    public byte[] pageForWrite(int i) {
        byte[] p = pages[i];
        if (p != null) {
            return p;
        }
        byte[] fresh = new byte[PAGE_SIZE];
        // CAS: two harts touching a new page at once must not each get their own copy.
        byte[] witness = (byte[]) PAGES.compareAndExchange(pages, i, (byte[]) null, fresh);
        return witness == null ? fresh : witness;
    }

    /** The pre-decoded instructions of page {@code i}, created on first fetch. */
    public long[] codePage(int i) {
        long[] c = code[i];
        if (c != null) {
            return c;
        }
        long[] fresh = new long[PAGE_SIZE / 4];
        long[] witness = (long[]) CODE.compareAndExchange(code, i, (long[]) null, fresh);
        return witness == null ? fresh : witness;
    }

    /**
     * Bookkeeping after a store of {@code len} bytes at page offset {@code off} of page {@code i}: forget decoded
     * instructions there, and mark the page dirty when tracking.
     */
    public void stored(int i, int off, int len) {
        long[] c = code[i];
        if (c != null) {
            for (int w = off >>> 2, last = (off + len - 1) >>> 2; w <= last && w < c.length; w++) {
                c[w] = 0;
            }
        }
        if (trackDirty) {
            markDirty(i);
        }
    }

    // ------------------------------------------------------------------ access by guest physical address

    /** Reads {@code len} (1, 2, 4 or 8) bytes at {@code addr}, zero-extended; the range must be in RAM. */
    public long read(long addr, int len) {
        long off = addr - DRAM_START;
        int o = (int) (off & PAGE_MASK);
        if (o + len <= PAGE_SIZE) {
            byte[] p = pages[(int) (off >>> PAGE_SHIFT)];
            if (p == null) {
                return 0;
            }
            return switch (len) {
                case 1 -> p[o] & 0xFFL;
                case 2 -> (short) SHORT.get(p, o) & 0xFFFFL;
                case 4 -> (int) INT.get(p, o) & 0xFFFF_FFFFL;
                default -> (long) LONG.get(p, o);
            };
        }
        long v = 0;
        for (int k = 0; k < len; k++) {
            v |= (read(addr + k, 1) & 0xFF) << (8 * k);
        }
        return v;
    }

    /** Writes the low {@code len} (1, 2, 4 or 8) bytes of {@code value} at {@code addr}; the range must be in RAM. */
    public void write(long addr, int len, long value) {
        long off = addr - DRAM_START;
        int o = (int) (off & PAGE_MASK);
        int i = (int) (off >>> PAGE_SHIFT);
        if (o + len <= PAGE_SIZE) {
            byte[] p = pageForWrite(i);
            switch (len) {
                case 1 -> p[o] = (byte) value;
                case 2 -> SHORT.set(p, o, (short) value);
                case 4 -> INT.set(p, o, (int) value);
                default -> LONG.set(p, o, value);
            }
            stored(i, o, len);
            return;
        }
        for (int k = 0; k < len; k++) {
            write(addr + k, 1, value >>> (8 * k));
        }
    }

    /** Copies {@code len} bytes of RAM at {@code addr} into {@code dst}. */
    public void readBytes(long addr, byte[] dst, int dstOff, int len) {
        int done = 0;
        while (done < len) {
            long off = addr + done - DRAM_START;
            int o = (int) (off & PAGE_MASK);
            int n = Math.min(len - done, PAGE_SIZE - o);
            byte[] p = pages[(int) (off >>> PAGE_SHIFT)];
            if (p == null) {
                Arrays.fill(dst, dstOff + done, dstOff + done + n, (byte) 0);
            } else {
                System.arraycopy(p, o, dst, dstOff + done, n);
            }
            done += n;
        }
    }

    /** Copies {@code len} bytes of {@code src} into RAM at {@code addr} (a device's DMA write). */
    public void writeBytes(long addr, byte[] src, int srcOff, int len) {
        int done = 0;
        while (done < len) {
            long off = addr + done - DRAM_START;
            int o = (int) (off & PAGE_MASK);
            int n = Math.min(len - done, PAGE_SIZE - o);
            int i = (int) (off >>> PAGE_SHIFT);
            System.arraycopy(src, srcOff + done, pageForWrite(i), o, n);
            stored(i, o, n);
            done += n;
        }
    }

    /** A NUL-terminated string at {@code addr}, at most {@code max} bytes (for boot arguments and diagnostics). */
    public String readCString(long addr, int max) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < max && contains(addr + k, 1); k++) {
            int b = (int) read(addr + k, 1);
            if (b == 0) {
                break;
            }
            s.append((char) b);
        }
        return s.toString();
    }

    // ------------------------------------------------------------------ atomics (the A extension)

    /** Atomically replaces the aligned 4- or 8-byte value at {@code addr} if it equals {@code expected}. */
    public boolean compareAndSet(long addr, int len, long expected, long value) {
        long off = addr - DRAM_START;
        int i = (int) (off >>> PAGE_SHIFT);
        int o = (int) (off & PAGE_MASK);
        byte[] p = pageForWrite(i);
        boolean ok = len == 4 ? INT.compareAndSet(p, o, (int) expected, (int) value)
                : LONG.compareAndSet(p, o, expected, value);
        if (ok) {
            stored(i, o, len);
        }
        return ok;
    }

    /** A volatile read of the aligned 4- or 8-byte value at {@code addr} (LR, and the read half of an AMO). */
    public long readVolatile(long addr, int len) {
        long off = addr - DRAM_START;
        byte[] p = pageForWrite((int) (off >>> PAGE_SHIFT));
        int o = (int) (off & PAGE_MASK);
        return len == 4 ? (int) INT.getVolatile(p, o) : (long) LONG.getVolatile(p, o);
    }

    // ------------------------------------------------------------------ dirty pages

    public boolean trackingDirtyPages() {
        return trackDirty;
    }

    /** Starts or stops dirty-page tracking; starting clears the log. */
    public void trackDirtyPages(boolean on) {
        if (on && !trackDirty) {
            Arrays.fill(dirty, 0);
        }
        trackDirty = on;
    }

    public void markDirty(int i) {
        long bit = 1L << i;
        long w = dirty[i >>> 6];
        if ((w & bit) == 0) {
            // Atomic OR: two harts dirtying pages of one word must not lose each other's bit.
            BITS.getAndBitwiseOr(dirty, i >>> 6, bit);
        }
    }

    /** The dirty log since the last call (one bit per page), cleared as KVM_GET_DIRTY_LOG clears it. */
    public long[] takeDirtyLog() {
        long[] out = new long[dirty.length];
        for (int w = 0; w < dirty.length; w++) {
            out[w] = (long) BITS.getAndSet(dirty, w, 0L);
        }
        return out;
    }

    /** Number of pages ever written: the guest's real memory footprint. */
    public int residentPages() {
        int n = 0;
        for (byte[] p : pages) {
            if (p != null) {
                n++;
            }
        }
        return n;
    }

    /** Drops every decoded instruction (after memory is replaced wholesale, e.g. on restore). */
    public void forgetDecoded() {
        Arrays.fill(code, null);
    }

    /** Replaces page {@code i} with a copy of {@code data} (null = zeros), e.g. when loading a snapshot. */
    public void loadPage(int i, byte[] data) {
        pages[i] = data == null ? null : data.clone();
        code[i] = null;
    }

    /** True if both memories hold the same bytes (a page never written equals a page of zeros). */
    public boolean sameContents(GuestMemory other) {
        if (other.size != size) {
            return false;
        }
        byte[] zero = new byte[PAGE_SIZE];
        for (int i = 0; i < pages.length; i++) {
            byte[] a = pages[i] == null ? zero : pages[i];
            byte[] b = other.pages[i] == null ? zero : other.pages[i];
            if (!Arrays.equals(a, b)) {
                return false;
            }
        }
        return true;
    }
}
