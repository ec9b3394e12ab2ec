package org.sysmodels.nvme.model.register;

/**
 * Bit-field arithmetic on register and entry dwords, named like the spec's field notation {@code [hi:lo]}. Every
 * decoder in this package is written with these, so a field's position appears exactly once, as in the spec's figure.
 */
public final class Bits {

    private Bits() {
    }

    /** Bits {@code [hi:lo]} of a dword, right-aligned. */
    public static int field(int value, int hi, int lo) {
        return (int) ((value & 0xffff_ffffL) >>> lo) & (int) mask(hi - lo + 1);
    }

    /** Bits {@code [hi:lo]} of a qword, right-aligned. */
    public static long field(long value, int hi, int lo) {
        return (value >>> lo) & mask(hi - lo + 1);
    }

    /** {@code value} placed at bits {@code [hi:lo]}; bits of {@code value} beyond the field's width are dropped. */
    public static int place(int value, int hi, int lo) {
        return (int) ((value & mask(hi - lo + 1)) << lo);
    }

    /** {@code value} placed at bits {@code [hi:lo]} of a qword. */
    public static long place(long value, int hi, int lo) {
        return (value & mask(hi - lo + 1)) << lo;
    }

    /** True if bit {@code n} is set. */
    public static boolean bit(int value, int n) {
        return ((value >>> n) & 1) != 0;
    }

    /** A mask of the low {@code width} bits (width 1..64). */
    static long mask(int width) {
        return width >= 64 ? -1L : (1L << width) - 1;
    }
}
