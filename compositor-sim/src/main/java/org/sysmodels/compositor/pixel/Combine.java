package org.sysmodels.compositor.pixel;

/**
 * One pixel of each blend, composed from {@link Un8} and {@link Un8x4}. Pixels are premultiplied ARGB8888 unless a
 * method says otherwise. The three HWC2 blend modes, with a plane alpha p (hwcomposer2.h {@code hwc2_blend_mode_t};
 * the formulas as in the Linux DRM "pixel blend mode" property, drivers/gpu/drm/drm_blend.c):
 * <ul>
 *   <li>NONE: out = p·s.rgb + (1 − p)·d (the source alpha is ignored);</li>
 *   <li>PREMULTIPLIED: out = p·s + (1 − p·s.a)·d;</li>
 *   <li>COVERAGE: out = p·s.a·s.rgb + (1 − p·s.a)·d (the source is not premultiplied).</li>
 * </ul>
 * Each is "source IN mask, then OVER": NONE is an opaque source under the mask p, PREMULTIPLIED the source under p,
 * COVERAGE an opaque source under the mask p·s.a. That is also how the tests map them onto pixman's operators.
 */
public final class Combine {

    private static final int OPAQUE = 0xff000000;

    private Combine() {
    }

    /**
     * Porter-Duff SRC_OVER (Porter and Duff, "Compositing Digital Images", SIGGRAPH 1984): s + d·(1 − s.a). An opaque
     * source replaces d and a zero source keeps it, without special cases: d·0 = 0 and d·255/255 = d exactly.
     */
    public static int over(int s, int d) {
        return Un8x4.mulUn8AddUn8x4(d, Un8.inverse(Un8x4.alpha(s)), s);
    }

    /** s IN m: every channel of s scaled by the mask alpha m. */
    public static int in(int s, int m) {
        return Un8x4.mulUn8(s, m);
    }

    /** (s IN m) OVER d. */
    public static int inOver(int s, int m, int d) {
        return over(in(s, m), d);
    }

    /** HWC2 PREMULTIPLIED with plane alpha p. */
    public static int premultiplied(int s, int p, int d) {
        return inOver(s, p, d);
    }

    /** HWC2 NONE with plane alpha p: the source's alpha byte is ignored (an X8R8G8B8 source). */
    public static int none(int s, int p, int d) {
        return inOver(s | OPAQUE, p, d);
    }

    /** HWC2 COVERAGE with plane alpha p: s holds straight (not premultiplied) colour and its coverage in alpha. */
    public static int coverage(int s, int p, int d) {
        return inOver(s | OPAQUE, Un8.mul(Un8x4.alpha(s), p), d);
    }

    /** Straight ARGB to premultiplied: each colour channel times alpha/255, alpha kept. */
    public static int premultiply(int straight) {
        int a = Un8x4.alpha(straight);
        return Un8x4.mulUn8(straight | OPAQUE, a);
    }

    /** Premultiplied ARGB to straight, for PNG files (see {@link Un8#divide}). */
    public static int unpremultiply(int p) {
        int a = Un8x4.alpha(p);
        if (a == 255 || a == 0) {
            return a == 0 ? 0 : p;
        }
        return Un8x4.argb(a, Un8.divide((p >>> 16) & 0xff, a), Un8.divide((p >>> 8) & 0xff, a),
                Un8.divide(p & 0xff, a));
    }

    /** True when no colour channel exceeds alpha: the invariant every premultiplied pixel keeps. */
    public static boolean isPremultiplied(int p) {
        int a = Un8x4.alpha(p);
        return ((p >>> 16) & 0xff) <= a && ((p >>> 8) & 0xff) <= a && (p & 0xff) <= a;
    }
}
