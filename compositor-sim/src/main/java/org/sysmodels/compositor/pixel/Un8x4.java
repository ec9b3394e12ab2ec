package org.sysmodels.compositor.pixel;

/**
 * Exact arithmetic on four 8-bit channels packed in an ARGB8888 int, two channels at a time: the red and blue bytes
 * ({@code 0x00ff00ff}) and the alpha and green bytes (shifted down by 8) each fit in 16-bit halves of an int, so one
 * integer multiply serves two channels (the {@code UN8x4} operations of pixman's {@code pixman-combine32.h}, written
 * here from that header's formulas). Each result equals applying the {@link Un8} operation per channel.
 */
public final class Un8x4 {

    static final int RB = 0x00ff00ff;
    private static final int RB_HALF = 0x00800080;
    private static final int RB_CARRY = 0x01000100;
    private static final int RB_OVERFLOW = 0x00010001;

    private Un8x4() {
    }

    public static int alpha(int p) {
        return p >>> 24;
    }

    public static int argb(int a, int r, int g, int b) {
        return a << 24 | r << 16 | g << 8 | b;
    }

    /** Every channel of x times a/255, rounded: {@code Un8.mul} on each byte. */
    public static int mulUn8(int x, int a) {
        return rbMulUn8(x & RB, a) | rbMulUn8((x >>> 8) & RB, a) << 8;
    }

    /** Per-channel min(x + y, 255). */
    public static int addUn8x4(int x, int y) {
        return rbAdd(x & RB, y & RB) | rbAdd((x >>> 8) & RB, (y >>> 8) & RB) << 8;
    }

    /** x·a/255 + y per channel, saturating: the core of every "over" blend. */
    public static int mulUn8AddUn8x4(int x, int a, int y) {
        return addUn8x4(mulUn8(x, a), y);
    }

    /** Two channels in 16-bit halves, each times a/255 with rounding. */
    static int rbMulUn8(int rb, int a) {
        int t = rb * a + RB_HALF;
        return ((t + ((t >>> 8) & RB)) >>> 8) & RB;
    }

    /** Two channels in 16-bit halves, each added with saturation at 255. */
    static int rbAdd(int x, int y) {
        int t = x + y;
        t |= RB_CARRY - ((t >>> 8) & RB_OVERFLOW);
        return t & RB;
    }
}
