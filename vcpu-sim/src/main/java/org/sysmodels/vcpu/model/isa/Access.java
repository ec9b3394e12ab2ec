package org.sysmodels.vcpu.model.isa;

import static org.sysmodels.vcpu.model.memory.GuestMemory.PAGE_MASK;
import static org.sysmodels.vcpu.model.memory.GuestMemory.PAGE_SHIFT;

import org.sysmodels.vcpu.model.memory.GuestMemory;

/**
 * The fast path of a load or store, shared by the interpreter's cases and the translated blocks: a naturally aligned
 * access to a RAM page that needs no bookkeeping is a page-table read and one element of the page's {@code long[]}.
 * Every other access (misaligned, outside RAM, a page of zeros never written, a store to a page with code or not yet
 * in the dirty log) gets {@code null} for its page and is done by the interpreter's slow path.
 *
 * <p>Each method is a few bytecodes, so HotSpot inlines it where it is used (into the interpreter's dispatch loop and
 * into each translated block): no call is left in the compiled code, and an access size that is a constant where
 * it is used (as in a translated block) folds away.
 */
final class Access {

    private Access() {
    }

    /**
     * The load page for offset {@code off} into RAM (the address minus {@code DRAM_START}), or null when the access is
     * not the fast case. {@code sizeMinus1} is 0, 1, 3 or 7 (a load's {@code aux & 7}).
     */
    static long[] loadPage(GuestMemory mem, long off, int sizeMinus1) {
        if ((off & sizeMinus1) != 0 || Long.compareUnsigned(off, mem.size()) >= 0) {
            return null;
        }
        return mem.pages()[(int) (off >>> PAGE_SHIFT)];
    }

    /** What a load with this {@code aux} (size minus one, {@link Decoded#SIGNED}) reads at offset off of page p. */
    static long load(long[] p, long off, int aux) {
        int unused = 56 - ((aux & 7) << 3);
        long v = p[((int) off & PAGE_MASK) >>> 3] >>> ((off & 7) << 3) << unused;
        return (aux & Decoded.SIGNED) != 0 ? v >> unused : v >>> unused;
    }

    /** The store page for offset {@code off}, or null when the store is not the fast case (see the class comment). */
    static long[] storePage(GuestMemory mem, long off, int sizeMinus1) {
        if ((off & sizeMinus1) != 0 || Long.compareUnsigned(off, mem.size()) >= 0) {
            return null;
        }
        return mem.writablePages()[(int) (off >>> PAGE_SHIFT)];
    }

    /** Stores the low {@code sizeMinus1 + 1} bytes of {@code value} at {@code off} of page p. */
    static void store(long[] p, long off, int sizeMinus1, long value) {
        int w = ((int) off & PAGE_MASK) >>> 3;
        int shift = (int) (off & 7) << 3;
        long mask = (-1L >>> (56 - (sizeMinus1 << 3))) << shift;
        p[w] = p[w] & ~mask | (value << shift) & mask;
    }
}
