package org.sysmodels.compositor.pixel;

/**
 * Fetches the source pixels that land on a run of display pixels, for a layer whose cropped buffer is transformed
 * (flips, then rotation) and scaled onto its display frame: the "fetch" stage of a fetch / combine / store
 * compositor, bit-exact with pixman sampling the crop through its {@link SourceMap} with PAD repeat (clamp to the
 * crop's edge pixels, as texture clamp-to-edge does).
 *
 * <p>The rules, from pixman's sources (pixman/rounding.txt, pixman-bits-image.c, pixman-inlines.h):
 * <ul>
 *   <li>NEAREST takes pixel ⌊(p − 1/65536)⌋ of position p (16.16): a position exactly between two pixel centres
 *       takes the upper-left one ("round towards north-west"), in the buffer's orientation, whatever the
 *       transform;</li>
 *   <li>BILINEAR blends the 2×2 pixels around p − ½ with weights of BILINEAR_INTERPOLATION_BITS = 7 bits (the 16
 *       fraction bits truncated to 7, then doubled to 8: 0, 2, ..., 254 of 256), and truncates each channel's
 *       weighted sum (÷ 65536, no rounding). A blend of premultiplied pixels with equal weights per channel stays
 *       premultiplied.</li>
 * </ul>
 */
public final class Sampler {

    /** pixman_fixed_e: the smallest 16.16 step. */
    private static final int E = 1;
    private static final int HALF = SourceCrop.ONE / 2;
    /** BILINEAR_INTERPOLATION_BITS (pixman-private.h). */
    static final int WEIGHT_BITS = 7;

    private Sampler() {
    }

    /**
     * Writes into {@code out[0..n)} the samples for frame-local row j, columns i0..i0+n−1.
     *
     * @param bounds the crop's bounds in {@code src}: sampling clamps to these pixels
     * @param map    display pixel → position relative to the bounds' top-left
     */
    public static void fetch(Image src, Rect bounds, SourceMap map, Filter filter, int j, int i0, int n, int[] out) {
        if (filter == Filter.NEAREST || isPixelCentred(map)) {
            nearest(src, bounds, map, j, i0, n, out);
        } else {
            bilinear(src, bounds, map, j, i0, n, out);
        }
    }

    /**
     * True when every sample lands on a pixel centre (unit steps, integral offsets after the half-pixel rounding):
     * bilinear then equals nearest, which is cheaper.
     */
    static boolean isPixelCentred(SourceMap m) {
        return Math.abs(m.xx() + m.xy()) == SourceCrop.ONE && Math.abs(m.yx() + m.yy()) == SourceCrop.ONE
                && (m.x(0, 0) & 0xffff) == HALF && (m.y(0, 0) & 0xffff) == HALF;
    }

    private static void nearest(Image src, Rect bounds, SourceMap map, int j, int i0, int n, int[] out) {
        int[] px = src.pixels();
        int stride = src.width();
        int bw = bounds.width();
        int bh = bounds.height();
        int base = bounds.top() * stride + bounds.left();
        long x = map.x(i0, j) - E;
        long y = map.y(i0, j) - E;
        for (int i = 0; i < n; i++) {
            out[i] = px[base + clamp(y >> 16, bh) * stride + clamp(x >> 16, bw)];
            x += map.xx();
            y += map.yx();
        }
    }

    private static void bilinear(Image src, Rect bounds, SourceMap map, int j, int i0, int n, int[] out) {
        int[] px = src.pixels();
        int stride = src.width();
        int bw = bounds.width();
        int bh = bounds.height();
        int base = bounds.top() * stride + bounds.left();
        long x = map.x(i0, j) - HALF;
        long y = map.y(i0, j) - HALF;
        for (int i = 0; i < n; i++) {
            int row0 = base + clamp(y >> 16, bh) * stride;
            int row1 = base + clamp((y >> 16) + 1, bh) * stride;
            int col0 = clamp(x >> 16, bw);
            int col1 = clamp((x >> 16) + 1, bw);
            out[i] = blend4(px[row0 + col0], px[row0 + col1], px[row1 + col0], px[row1 + col1], weight(x),
                    weight(y));
            x += map.xx();
            y += map.yx();
        }
    }

    /** The 8-bit bilinear weight (0, 2, ..., 254) of a 16.16 position: its top 7 fraction bits, doubled. */
    static int weight(long p) {
        return ((int) (p >> (16 - WEIGHT_BITS)) & ((1 << WEIGHT_BITS) - 1)) << (8 - WEIGHT_BITS);
    }

    /** v clamped to 0..size−1 (pixman's PAD repeat). */
    static int clamp(long v, int size) {
        return v < 0 ? 0 : (int) Math.min(v, size - 1);
    }

    /**
     * Bilinear blend of the 2×2 block tl tr / bl br with 8-bit weights fx, fy (of 256): per channel
     * ⌊(tl·(256−fx)(256−fy) + tr·fx(256−fy) + bl·(256−fx)fy + br·fx·fy) / 65536⌋. Two channels share a long, 32
     * bits apart (each weighted sum is below 2^24), so four multiplies serve a pair.
     */
    static int blend4(int tl, int tr, int bl, int br, int fx, int fy) {
        long wtl = (long) (256 - fx) * (256 - fy);
        long wtr = (long) fx * (256 - fy);
        long wbl = (long) (256 - fx) * fy;
        long wbr = (long) fx * fy;
        long rb = pairRb(tl) * wtl + pairRb(tr) * wtr + pairRb(bl) * wbl + pairRb(br) * wbr;
        long ag = pairAg(tl) * wtl + pairAg(tr) * wtr + pairAg(bl) * wbl + pairAg(br) * wbr;
        return (int) (ag >>> 48) << 24 | (int) (rb >>> 48) << 16 | ((int) (ag >>> 16) & 0xff) << 8
                | (int) (rb >>> 16) & 0xff;
    }

    /** Red at bit 32, blue at bit 0. */
    private static long pairRb(int p) {
        return (long) (p >>> 16 & 0xff) << 32 | (p & 0xff);
    }

    /** Alpha at bit 32, green at bit 0. */
    private static long pairAg(int p) {
        return (long) (p >>> 24) << 32 | (p >>> 8 & 0xff);
    }
}
