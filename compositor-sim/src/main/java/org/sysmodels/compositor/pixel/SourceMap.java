package org.sysmodels.compositor.pixel;

/**
 * Where each display pixel of a layer samples its buffer: the 16.16 fixed-point affine matrix a compositor hands
 * pixman ({@code pixman_transform_t}, pixman.h), from the frame-local centre (i + ½, j + ½) of display pixel (i, j) to
 * a position in the buffer, relative to the top-left of the crop's {@link SourceCrop#bounds() bounds}:
 * <pre>
 *   x = xx·(i + ½) + xy·(j + ½) + x0        y = yx·(i + ½) + yy·(j + ½) + y0
 * </pre>
 * Construction: the crop, after the transform (flips, then ROT_90 clockwise; {@link Transform}), is tw × th; each
 * scale is the 16.16 value nearest to crop/frame (tw·65536/fw rounded half up: pixman's fixed-point scale, so a
 * wide frame drifts by the rounding, as in pixman); a flip mirrors about the crop's far edge; ROT_90 takes the
 * buffer's x from the display's y and the buffer's y from the crop's height minus the display's x.
 *
 * <p>Positions are computed as {@code pixman_transform_point_3d} computes them (pixman-matrix.c): the products with
 * the half-pixel parts of the point are summed and rounded half up, {@code floor((xx + xy + 1) / 2)}, the rest is
 * exact. Stepping one display pixel right adds exactly {@code xx} and {@code yx}, as pixman's scanline fetchers do.
 * Every map here is axis-aligned: each buffer axis follows one display axis.
 */
public record SourceMap(int xx, int xy, int x0, int yx, int yy, int y0) {

    /** The map of a layer whose crop is shown in a fw × fh frame with transform t. */
    public static SourceMap of(SourceCrop crop, Transform t, int fw, int fh) {
        if (crop.isEmpty() || fw <= 0 || fh <= 0) {
            throw new IllegalArgumentException("empty crop " + crop + " or frame " + fw + "×" + fh);
        }
        int cw = crop.width();
        int ch = crop.height();
        Rect b = crop.bounds();
        int ox = crop.left() - (b.left() << 16);
        int oy = crop.top() - (b.top() << 16);
        int su = scale(t.rot90() ? ch : cw, fw);
        int sv = scale(t.rot90() ? cw : ch, fh);
        if (!t.rot90()) {
            return new SourceMap(t.flipH() ? -su : su, 0, ox + (t.flipH() ? cw : 0),
                    0, t.flipV() ? -sv : sv, oy + (t.flipV() ? ch : 0));
        }
        // ROT_90 after the flips: the flipped crop's x is the display's y, its y is ch minus the display's x.
        return new SourceMap(0, t.flipH() ? -sv : sv, ox + (t.flipH() ? cw : 0),
                t.flipV() ? su : -su, 0, oy + (t.flipV() ? 0 : ch));
    }

    /** round(size / extent) in 16.16, half up; {@code size} is 16.16, {@code extent} whole pixels. */
    static int scale(int size, int extent) {
        return (int) ((2L * size + extent) / (2L * extent));
    }

    /** Buffer x (16.16, from the crop bounds' left) sampled for display pixel (i, j) of the frame. */
    public long x(int i, int j) {
        return (long) xx * i + (long) xy * j + x0 + ((xx + (long) xy + 1) >> 1);
    }

    /** Buffer y (16.16, from the crop bounds' top) sampled for display pixel (i, j) of the frame. */
    public long y(int i, int j) {
        return (long) yx * i + (long) yy * j + y0 + ((yx + (long) yy + 1) >> 1);
    }

    /** The 3×3 matrix, row-major, as {@code pixman_transform_t} holds it. */
    public int[] matrix() {
        return new int[] {xx, xy, x0, yx, yy, y0, 0, 0, SourceCrop.ONE};
    }
}
