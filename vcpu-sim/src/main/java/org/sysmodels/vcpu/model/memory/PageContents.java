package org.sysmodels.vcpu.model.memory;

import static org.sysmodels.vcpu.model.memory.GuestMemory.PAGE_SIZE;
import static org.sysmodels.vcpu.model.memory.GuestMemory.WORDS;

import java.util.Arrays;

/**
 * A page's bytes and its 64-bit words (little-endian, as on RISC-V), and comparisons of whole page tables, where a
 * page never written (null) equals a page of zeros: what snapshots write and load, and what the restore check compares.
 */
final class PageContents {

    private static final long[] ZERO = new long[WORDS];

    private PageContents() {
    }

    static byte[] toBytes(long[] p) {
        byte[] b = new byte[PAGE_SIZE];
        for (int w = 0; w < WORDS; w++) {
            long v = p[w];
            for (int k = 0; k < 8; k++) {
                b[8 * w + k] = (byte) (v >>> (8 * k));
            }
        }
        return b;
    }

    static long[] toWords(byte[] data) {
        long[] p = new long[WORDS];
        for (int w = 0; w < WORDS; w++) {
            long v = 0;
            for (int k = 0; k < 8; k++) {
                v |= (data[8 * w + k] & 0xFFL) << (8 * k);
            }
            p[w] = v;
        }
        return p;
    }

    /** True if both tables hold the same words; they have the same length. */
    static boolean same(long[][] a, long[][] b) {
        for (int i = 0; i < a.length; i++) {
            if (!Arrays.equals(orZero(a[i]), orZero(b[i]))) {
                return false;
            }
        }
        return true;
    }

    /** The first (page, word) where the tables differ as {@code page * WORDS + word}, or -1. */
    static long firstDifference(long[][] a, long[][] b) {
        for (int i = 0; i < a.length && i < b.length; i++) {
            int m = Arrays.mismatch(orZero(a[i]), orZero(b[i]));
            if (m >= 0) {
                return (long) i * WORDS + m;
            }
        }
        return -1;
    }

    private static long[] orZero(long[] p) {
        return p == null ? ZERO : p;
    }
}
