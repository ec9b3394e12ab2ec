package org.sysmodels.compositor.pixel;

import java.util.Locale;

/**
 * A layer's source crop as HWC2 gives it ({@code hwc_frect_t}: float left, top, right, bottom, in buffer pixels),
 * held in 16.16 fixed point, pixman's coordinate type. A float crop of a buffer up to 8192 pixels converts exactly:
 * below 256 a float has at most 16 fraction bits, above it fewer. Integral crops are the common case; a fractional
 * one (a crop from a zoom or a scaled-down surface) is sampled between pixel centres.
 *
 * @param left   16.16
 * @param top    16.16
 * @param right  16.16, exclusive
 * @param bottom 16.16, exclusive
 */
public record SourceCrop(int left, int top, int right, int bottom) {

    /** 1.0 in 16.16. */
    public static final int ONE = 1 << 16;

    /** An integral crop. */
    public static SourceCrop of(Rect r) {
        return new SourceCrop(r.left() << 16, r.top() << 16, r.right() << 16, r.bottom() << 16);
    }

    /** The crop {@code hwc_frect_t} holds for these values (each rounded to a float first, as the HAL stores it). */
    public static SourceCrop ofFloats(double left, double top, double right, double bottom) {
        return new SourceCrop(fixed(left), fixed(top), fixed(right), fixed(bottom));
    }

    private static int fixed(double v) {
        double f = (float) v;
        if (!(Math.abs(f) < 32768)) {
            throw new IllegalArgumentException("crop coordinate " + v + " is outside ±32768");
        }
        return (int) Math.round(f * ONE);
    }

    /** Width in 16.16. */
    public int width() {
        return right - left;
    }

    /** Height in 16.16. */
    public int height() {
        return bottom - top;
    }

    public boolean isEmpty() {
        return right <= left || bottom <= top;
    }

    /** True when every edge lies on a pixel boundary. */
    public boolean isIntegral() {
        return ((left | top | right | bottom) & (ONE - 1)) == 0;
    }

    /** The pixels the crop touches: edges rounded outwards. Sampling clamps to these (pixman's PAD repeat). */
    public Rect bounds() {
        return new Rect(left >> 16, top >> 16, -(-right >> 16), -(-bottom >> 16));
    }

    /** True when the crop lies inside a w × h buffer. */
    public boolean fitsIn(int w, int h) {
        return left >= 0 && top >= 0 && right <= (long) w << 16 && bottom <= (long) h << 16;
    }

    @Override
    public String toString() {
        if (isIntegral()) {
            return Rect.of(left >> 16, top >> 16, width() >> 16, height() >> 16).toString();
        }
        return "[" + num(left) + "," + num(top) + " " + num(width()) + "×" + num(height()) + "]";
    }

    private static String num(int fixed) {
        String s = String.format(Locale.ROOT, "%.5f", fixed / (double) ONE);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
