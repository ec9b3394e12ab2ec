package org.sysmodels.compositor.pixel;

/**
 * Fetches the source pixels that land on a run of display pixels, for a layer whose cropped buffer is transformed
 * (flips, then rotation) and scaled onto its display frame: the "fetch" stage of a fetch / combine / store
 * compositor (pixman's architecture; RenderEngine does the same with texture sampling).
 *
 * <p>Display pixel x of a frame fw wide samples the transformed crop (tw wide) at its centre, u = (x + ½)·tw/fw.
 * NEAREST takes pixel ⌊u⌋, computed exactly in integers as ⌊(2x + 1)·tw / 2fw⌋. BILINEAR blends the four pixels
 * around u − ½ with weights quantised to 1/256, clamping at the crop's edges (texture clamp-to-edge), and rounds
 * each channel; a convex blend of premultiplied pixels with equal weights per channel stays premultiplied.
 */
public final class Sampler {

    private Sampler() {
    }

    /** True when no sampling is needed: the crop lands on the frame pixel for pixel. */
    public static boolean isIdentity(Rect crop, Transform t, Rect frame) {
        return t == Transform.NONE && crop.width() == frame.width() && crop.height() == frame.height();
    }

    /**
     * Writes into {@code out[0..n)} the samples for display row y, columns x0..x0+n−1, all inside frame.
     */
    public static void fetch(Image src, Rect crop, Transform t, Rect frame, Filter filter, int y, int x0, int n,
                             int[] out) {
        int cw = crop.width();
        int ch = crop.height();
        int tw = t.width(cw, ch);
        int th = t.height(cw, ch);
        if (filter == Filter.NEAREST || (tw == frame.width() && th == frame.height())) {
            nearest(src, crop, t, frame, tw, th, y, x0, n, out);
        } else {
            bilinear(src, crop, t, frame, tw, th, y, x0, n, out);
        }
    }

    private static void nearest(Image src, Rect crop, Transform t, Rect frame, int tw, int th, int y, int x0, int n,
                                int[] out) {
        int cw = crop.width();
        int ch = crop.height();
        int[] px = src.pixels();
        int stride = src.width();
        int ty = centreIndex(y - frame.top(), th, frame.height());
        long den = 2L * frame.width();
        long num = (2L * (x0 - frame.left()) + 1) * tw;
        int tx = (int) (num / den);
        long rem = num % den;
        long step = 2L * tw;
        for (int i = 0; i < n; i++) {
            int sx = crop.left() + t.sourceX(tx, ty, cw, ch);
            int sy = crop.top() + t.sourceY(tx, ty, cw, ch);
            out[i] = px[sy * stride + sx];
            rem += step;
            while (rem >= den) {
                rem -= den;
                tx++;
            }
        }
    }

    /** ⌊(2i + 1)·size / 2·extent⌋: the transformed index under the centre of frame pixel i. */
    static int centreIndex(int i, int size, int extent) {
        return (int) ((2L * i + 1) * size / (2L * extent));
    }

    private static void bilinear(Image src, Rect crop, Transform t, Rect frame, int tw, int th, int y, int x0, int n,
                                 int[] out) {
        int cw = crop.width();
        int ch = crop.height();
        long py = position(y - frame.top(), th, frame.height());
        int ty0 = clamp((int) (py >> 16), th);
        int ty1 = clamp((int) (py >> 16) + 1, th);
        int fy = (int) (py >> 8) & 0xff;
        for (int i = 0; i < n; i++) {
            long pxPos = position(x0 + i - frame.left(), tw, frame.width());
            int tx0 = clamp((int) (pxPos >> 16), tw);
            int tx1 = clamp((int) (pxPos >> 16) + 1, tw);
            int fx = (int) (pxPos >> 8) & 0xff;
            int a = sample(src, crop, t, tx0, ty0, cw, ch);
            int b = sample(src, crop, t, tx1, ty0, cw, ch);
            int c = sample(src, crop, t, tx0, ty1, cw, ch);
            int d = sample(src, crop, t, tx1, ty1, cw, ch);
            out[i] = blend4(a, b, c, d, fx, fy);
        }
    }

    /** (i + ½)·size/extent − ½ in 16.16 fixed point, floored. */
    static long position(int i, int size, int extent) {
        return Math.floorDiv((2L * i + 1) * size << 16, 2L * extent) - (1 << 15);
    }

    private static int clamp(int v, int size) {
        return v < 0 ? 0 : Math.min(v, size - 1);
    }

    private static int sample(Image src, Rect crop, Transform t, int tx, int ty, int cw, int ch) {
        return src.get(crop.left() + t.sourceX(tx, ty, cw, ch), crop.top() + t.sourceY(tx, ty, cw, ch));
    }

    /** Bilinear blend of the 2×2 block a b / c d at fractions fx, fy (0..255 of 256), per channel, rounded. */
    static int blend4(int a, int b, int c, int d, int fx, int fy) {
        int wa = (256 - fx) * (256 - fy);
        int wb = fx * (256 - fy);
        int wc = (256 - fx) * fy;
        int wd = fx * fy;
        int result = 0;
        for (int shift = 0; shift < 32; shift += 8) {
            int v = ((a >>> shift) & 0xff) * wa + ((b >>> shift) & 0xff) * wb + ((c >>> shift) & 0xff) * wc
                    + ((d >>> shift) & 0xff) * wd;
            result |= ((v + 0x8000) >>> 16) << shift;
        }
        return result;
    }
}
