package org.sysmodels.vcpu.model.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Guest RAM: {@code mem_size_mib} MiB at {@link #DRAM_START}, in 4 KiB pages that exist only once written, as an
 * anonymous mmap of guest memory in Firecracker costs nothing until the guest touches it (which is what lets a
 * microVM with 128 MiB start in milliseconds, and this simulator create thousands a second). A page never written
 * reads as zeros. Bytes are little-endian, as on RISC-V.
 *
 * <p>A page is a {@code long[512]}: 64-bit words, so that an aligned word is one array element and the A extension's
 * atomics are CAS on an element (a {@code byte[]} page cannot give atomic 4- and 8-byte access on current JDKs).
 * Loads and stores narrower than 8 bytes select bits of the element. With real threads ({@link #concurrent}), a
 * narrow store is a CAS loop on its element, so two harts storing neighbouring bytes never undo each other's store
 * (RISC-V byte stores are single-copy atomic and independent); on one thread it is a plain read-modify-write.
 *
 * <p>The interpreter keeps pre-decoded blocks of instructions ({@link DecodedCode}); memory remembers which 4-byte
 * words they were decoded from ({@link DecodedWords}), and a store to one of those words drops the decoded code of
 * its page, so code that writes code runs what it wrote.
 *
 * <p>Two page tables serve the interpreter's fast paths: {@link #pages()} for loads (null = a page of zeros), and
 * {@link #writablePages()} for stores, which holds a page only when a plain store there needs no bookkeeping: the page
 * exists, holds no decoded instructions, is already in the dirty log (or the log is off), and no other thread shares
 * the memory. Every other store takes {@link #store}, which does the bookkeeping and may put the page in the table.
 *
 * <p>Dirty pages are tracked, when enabled, one bit per page ({@link DirtyLog}), as KVM's dirty log (KVM_GET_DIRTY_LOG)
 * does for guest writes and Firecracker's own bitmap does for device writes; a diff snapshot writes only those pages.
 *
 * <p>Memory ordering: page allocation and dirty bits are atomic (CAS); data accesses are plain, as plain loads and
 * stores are under RVWMO, and the guest orders them with {@code fence} (a full fence here) or atomics (volatile and
 * CAS access here).
 */
public final class GuestMemory {

    /** Where RAM starts: Firecracker's aarch64 layout (DRAM_MEM_START) and QEMU's RISC-V virt machine. */
    public static final long DRAM_START = 0x8000_0000L;
    public static final int PAGE_SHIFT = 12;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    public static final int PAGE_MASK = PAGE_SIZE - 1;
    public static final int WORDS = PAGE_SIZE / 8;

    private static final VarHandle PAGES = MethodHandles.arrayElementVarHandle(long[][].class);
    private static final VarHandle WORD = MethodHandles.arrayElementVarHandle(long[].class);

    private final long size;
    private final long[][] pages;
    private final long[][] writable;
    private final DecodedWords decodedWords;
    private volatile DecodedCode decoded;
    private final DirtyLog dirty;
    private boolean trackDirty;
    private boolean concurrent;

    /** @param size bytes of RAM, a whole number of pages */
    public GuestMemory(long size) {
        if (size <= 0 || (size & PAGE_MASK) != 0 || size > (long) Integer.MAX_VALUE * PAGE_SIZE) {
            throw new IllegalArgumentException("guest memory must be a positive whole number of 4 KiB pages: " + size);
        }
        this.size = size;
        int n = (int) (size >>> PAGE_SHIFT);
        pages = new long[n][];
        writable = new long[n][];
        decodedWords = new DecodedWords(n);
        dirty = new DirtyLog(n);
    }

    public long size() {
        return size;
    }

    public int pageCount() {
        return pages.length;
    }

    /** Real threads share this memory (threaded mode): narrow stores become CAS loops. */
    public void concurrent(boolean on) {
        concurrent = on;
        if (on) {
            Arrays.fill(writable, null);
        }
    }

    /** True if [addr, addr + len) lies in RAM. */
    public boolean contains(long addr, long len) {
        long off = addr - DRAM_START;
        return off >= 0 && len >= 0 && off <= size - len;
    }

    /** The page at index {@code i}, or null if never written. */
    public long[] page(int i) {
        return pages[i];
    }

    /** The page at index {@code i}, allocated (zeroed) on first use; concurrent first writers agree on one page. */
    private long[] pageForWrite(int i) {
        long[] p = pages[i];
        if (p != null) {
            return p;
        }
        long[] fresh = new long[WORDS];
        long[] witness = (long[]) PAGES.compareAndExchange(pages, i, (long[]) null, fresh);
        return witness == null ? fresh : witness;
    }

    /** The load page table: entry i is page i, or null for a page never written (zeros). Read it, never write it. */
    public long[][] pages() {
        return pages;
    }

    /**
     * The store page table: entry i is page i when a plain store into it needs nothing else (see the class comment),
     * else null, and the store goes through {@link #store}. Read it, never write it.
     */
    public long[][] writablePages() {
        return writable;
    }

    // ------------------------------------------------------------------ decoded instructions

    /** The code decoded from this memory, or null if none yet. */
    public DecodedCode decodedCode() {
        return decoded;
    }

    /** Installs the decoded code of this memory unless another thread did first; returns the one installed. */
    public synchronized DecodedCode decodedCode(DecodedCode fresh) {
        if (decoded == null) {
            decoded = fresh;
        }
        return decoded;
    }

    /** Words {@code [first, first + count)} of page {@code i} were decoded: a store there must invalidate them. */
    public synchronized void markDecoded(int i, int first, int count) {
        decodedWords.mark(i, first, count);
        writable[i] = null;
    }

    /** Drops the decoded code of page {@code i}, if any. */
    private synchronized void invalidateDecoded(int i) {
        if (decodedWords.drop(i)) {
            DecodedCode d = decoded;
            if (d != null) {
                d.invalidatePage(i);
            }
        }
    }

    /**
     * Bookkeeping after a store of {@code len} bytes at page offset {@code off} of page {@code i}: forget decoded
     * instructions there, mark the page dirty when tracking, and let the next plain store go straight in if it may.
     *
     * @return true if the store overwrote decoded instructions
     */
    private boolean stored(int i, int off, int len) {
        boolean hit = false;
        long[] words = decodedWords.of(i);
        if (words != null) {
            hit = DecodedWords.hit(words, off, len);
            if (hit) {
                invalidateDecoded(i);
                words = null;
            }
        }
        if (trackDirty) {
            dirty.mark(i);
        }
        if (!concurrent && words == null) {
            writable[i] = pages[i];
        }
        return hit;
    }

    /**
     * Stores {@code bits} (already shifted into place) under {@code mask} into word {@code w} of page {@code p}: a
     * plain read-modify-write on one thread, a CAS loop when threads share the memory.
     */
    private void storeBits(long[] p, int w, long mask, long bits) {
        if (!concurrent) {
            p[w] = (p[w] & ~mask) | bits;
            return;
        }
        long old;
        do {
            old = (long) WORD.getVolatile(p, w);
        } while (!WORD.compareAndSet(p, w, old, (old & ~mask) | bits));
    }

    // ------------------------------------------------------------------ access by guest physical address

    /** Reads {@code len} (1, 2, 4 or 8) bytes at {@code addr}, zero-extended; the range must be in RAM. */
    public long read(long addr, int len) {
        long off = addr - DRAM_START;
        int o = (int) (off & PAGE_MASK);
        if ((o & 7) + len <= 8) {
            long[] p = pages[(int) (off >>> PAGE_SHIFT)];
            if (p == null) {
                return 0;
            }
            long v = p[o >>> 3] >>> ((o & 7) << 3);
            return len == 8 ? v : v & ((1L << (8 * len)) - 1);
        }
        long v = 0;
        for (int k = 0; k < len; k++) {
            v |= read(addr + k, 1) << (8 * k);
        }
        return v;
    }

    /** Writes the low {@code len} (1, 2, 4 or 8) bytes of {@code value} at {@code addr}; the range must be in RAM. */
    public void write(long addr, int len, long value) {
        store(addr, len, value);
    }

    /**
     * {@link #write}, telling whether it overwrote decoded instructions (the interpreter then leaves the block it is
     * in, so the next instruction is decoded afresh).
     */
    public boolean store(long addr, int len, long value) {
        long off = addr - DRAM_START;
        int o = (int) (off & PAGE_MASK);
        int i = (int) (off >>> PAGE_SHIFT);
        if ((o & 7) + len <= 8) {
            long[] p = pageForWrite(i);
            if (len == 8) {
                p[o >>> 3] = value;
            } else {
                int shift = (o & 7) << 3;
                long mask = ((1L << (8 * len)) - 1) << shift;
                storeBits(p, o >>> 3, mask, (value << shift) & mask);
            }
            return stored(i, o, len);
        }
        boolean hit = false;
        for (int k = 0; k < len; k++) {
            hit |= store(addr + k, 1, value >>> (8 * k));
        }
        return hit;
    }

    /** Copies {@code len} bytes of RAM at {@code addr} into {@code dst} (a device's DMA read). */
    public void readBytes(long addr, byte[] dst, int dstOff, int len) {
        Dma.read(this, addr, dst, dstOff, len);
    }

    /** Copies {@code len} bytes of {@code src} into RAM at {@code addr} (a device's DMA write). */
    public void writeBytes(long addr, byte[] src, int srcOff, int len) {
        Dma.write(this, addr, src, srcOff, len);
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

    /** A volatile read of the aligned 4- or 8-byte value at {@code addr}, sign-extended from 4 bytes. */
    public long readVolatile(long addr, int len) {
        long off = addr - DRAM_START;
        long[] p = pageForWrite((int) (off >>> PAGE_SHIFT));
        int o = (int) (off & PAGE_MASK);
        long v = (long) WORD.getVolatile(p, o >>> 3);
        return len == 8 ? v : (int) (v >>> ((o & 4) << 3));
    }

    /** Atomically replaces the aligned 4- or 8-byte value at {@code addr} if it equals {@code expected}. */
    public boolean compareAndSet(long addr, int len, long expected, long value) {
        long off = addr - DRAM_START;
        int i = (int) (off >>> PAGE_SHIFT);
        int o = (int) (off & PAGE_MASK);
        long[] p = pageForWrite(i);
        boolean ok;
        if (len == 8) {
            ok = WORD.compareAndSet(p, o >>> 3, expected, value);
        } else {
            int shift = (o & 4) << 3;
            long mask = 0xFFFF_FFFFL << shift;
            while (true) {
                long old = (long) WORD.getVolatile(p, o >>> 3);
                if ((int) (old >>> shift) != (int) expected) {
                    ok = false;
                    break;
                }
                if (WORD.compareAndSet(p, o >>> 3, old, (old & ~mask) | ((value & 0xFFFF_FFFFL) << shift))) {
                    ok = true;
                    break;
                }
            }
        }
        if (ok) {
            stored(i, o, len);
        }
        return ok;
    }

    // ------------------------------------------------------------------ dirty pages

    public boolean trackingDirtyPages() {
        return trackDirty;
    }

    /** Starts or stops dirty-page tracking (while no vCPU runs); starting clears the log. */
    public void trackDirtyPages(boolean on) {
        if (on && !trackDirty) {
            dirty.clear();
            Arrays.fill(writable, null);
        }
        trackDirty = on;
    }

    public void markDirty(int i) {
        dirty.mark(i);
    }

    /**
     * The dirty log since the last call (one bit per page), cleared as KVM_GET_DIRTY_LOG clears it (while no vCPU
     * runs: the next store to each page logs it again).
     */
    public long[] takeDirtyLog() {
        if (trackDirty) {
            Arrays.fill(writable, null);
        }
        return dirty.take();
    }

    /** Number of pages ever written: the guest's real memory footprint. */
    public int residentPages() {
        int n = 0;
        for (long[] p : pages) {
            if (p != null) {
                n++;
            }
        }
        return n;
    }

    /** Page {@code i} as bytes (null if never written). */
    public byte[] pageBytes(int i) {
        long[] p = pages[i];
        return p == null ? null : PageContents.toBytes(p);
    }

    /** Replaces page {@code i} with {@code data} (null = zeros), e.g. when loading a snapshot. */
    public void loadPage(int i, byte[] data) {
        pages[i] = data == null ? null : PageContents.toWords(data);
        writable[i] = null;
        invalidateDecoded(i);
    }

    /** True if both memories hold the same bytes (a page never written equals a page of zeros). */
    public boolean sameContents(GuestMemory other) {
        return other.size == size && PageContents.same(pages, other.pages);
    }

    /** The first address where the two memories differ, or -1. */
    public long firstDifference(GuestMemory other) {
        long word = PageContents.firstDifference(pages, other.pages);
        return word < 0 ? -1 : DRAM_START + 8L * word;
    }
}
