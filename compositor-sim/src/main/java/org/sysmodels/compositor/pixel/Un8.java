package org.sysmodels.compositor.pixel;

/**
 * Exact arithmetic on one 8-bit channel, the building blocks every blender composes (the role of the {@code UN8}
 * macros in pixman's {@code pixman-combine32.h}, whose formulas these are, written here).
 *
 * <p>{@link #mul} is x·a/255 rounded to nearest: with t = x·a + 128, (t + t/256)/256 equals round(x·a/255) for all
 * 8-bit x and a, without a division (J. Blinn, "Three Wrongs Make a Right", IEEE CG&amp;A 1995).
 */
public final class Un8 {

    private Un8() {
    }

    /** round(x·a/255) for x, a in 0..255. */
    public static int mul(int x, int a) {
        int t = x * a + 0x80;
        return (t + (t >>> 8)) >>> 8;
    }

    /** min(x + y, 255): the saturating add. */
    public static int add(int x, int y) {
        return Math.min(x + y, 255);
    }

    /** 255 − a: the weight of what lies below a source of alpha a. */
    public static int inverse(int a) {
        return 255 - a;
    }

    /**
     * round(x·255/a), capped at 255: undoes {@link #mul} on a colour channel of alpha a (0 for a = 0). Used only to
     * write PNG files, which store straight (not premultiplied) alpha.
     */
    public static int divide(int x, int a) {
        if (a == 0) {
            return 0;
        }
        return Math.min(255, (x * 255 + (a >>> 1)) / a);
    }
}
