package org.sysmodels.compositor.model;

import org.sysmodels.compositor.pixel.Filter;
import org.sysmodels.compositor.pixel.Rect;
import org.sysmodels.compositor.pixel.SourceMap;

/**
 * Maps a layer's surface damage (a rectangle of buffer pixels that changed) to the display pixels that may change
 * with it: those whose samples ({@link org.sysmodels.compositor.pixel.Sampler}: one pixel for NEAREST, a 2×2 block
 * for BILINEAR, clamped to the crop's bounds) touch the damage. The positions are the layer's {@link SourceMap}, a
 * linear function per axis, so the range of display pixels on each axis follows exactly from two divisions. The
 * result is the exact set when the layer is not resampled; for a BILINEAR resampled layer it may hold a few pixels
 * whose 2×2 block meets the damage with weight 0, never fewer than needed.
 */
public final class DamageMapper {

    private DamageMapper() {
    }

    public static Rect toDisplay(CompositionLayer layer, Rect bufferDamage) {
        if (layer.isSolid()) {
            return layer.frame();
        }
        Rect bounds = layer.crop().bounds();
        Rect d = bufferDamage.intersect(bounds);
        if (d.isEmpty()) {
            return Rect.EMPTY;
        }
        Rect frame = layer.frame();
        SourceMap m = layer.map();
        boolean bilinear = layer.filter() == Filter.BILINEAR && layer.isResampled();
        // Each buffer axis follows one display axis: x from i when xx != 0, else from j (a rotation).
        Span bx = span(m.xx() != 0 ? m.xx() : m.xy(), m.x(0, 0), d.left() - bounds.left(),
                d.right() - bounds.left(), bounds.width(), bilinear);
        Span by = span(m.yy() != 0 ? m.yy() : m.yx(), m.y(0, 0), d.top() - bounds.top(),
                d.bottom() - bounds.top(), bounds.height(), bilinear);
        boolean xFollowsI = m.xx() != 0;
        Span si = xFollowsI ? bx : by;
        Span sj = xFollowsI ? by : bx;
        return new Rect(si.lo(), sj.lo(), si.hi(), sj.hi()).offset(frame.left(), frame.top()).intersect(frame);
    }

    /** Display pixels k (half-open [lo, hi)) whose sample footprint on one axis meets [d0, d1). */
    private record Span(int lo, int hi) {
    }

    /**
     * Position p(k) = slope·k + at0 (16.16). NEAREST reads pixel ⌊(p − e)⌋, BILINEAR pixels ⌊(p − ½)⌋ and the next;
     * indices clamp to 0..size−1, so damage at an edge reaches every display pixel beyond it.
     */
    private static Span span(long slope, long at0, int d0, int d1, int size, boolean bilinear) {
        long off = bilinear ? 1 << 15 : 1;
        // The footprint's first index is ⌊(p − off) / 65536⌋; it meets [d0, d1) when it lies in
        // [d0 − (bilinear ? 1 : 0), d1 − 1], i.e. p in [lowP, highP).
        long lowP = ((long) (d0 - (bilinear ? 1 : 0)) << 16) + off;
        long highP = ((long) d1 << 16) + off;
        if (slope == 0) {
            // Every display pixel samples the same place: all of them meet the damage, or none.
            long f = Math.floorDiv(at0 - off, 1L << 16);
            long first = Math.max(0, Math.min(size - 1, f));
            long last = Math.max(0, Math.min(size - 1, f + (bilinear ? 1 : 0)));
            return first <= d1 - 1 && last >= d0 ? new Span(Integer.MIN_VALUE / 2, Integer.MAX_VALUE / 2)
                    : new Span(0, 0);
        }
        long a;
        long b;
        if (slope > 0) {
            a = Math.ceilDiv(lowP - at0, slope);
            b = Math.ceilDiv(highP - at0, slope);
        } else {
            a = Math.ceilDiv(at0 - highP + 1, -slope);
            b = Math.ceilDiv(at0 - lowP + 1, -slope);
        }
        long lo = a;
        long hi = b;
        // Damage at the crop's first or last pixel also reaches the display pixels whose positions clamp to it.
        if (d0 <= 0) {
            if (slope > 0) {
                lo = Long.MIN_VALUE;
            } else {
                hi = Long.MAX_VALUE;
            }
        }
        if (d1 >= size) {
            if (slope > 0) {
                hi = Long.MAX_VALUE;
            } else {
                lo = Long.MIN_VALUE;
            }
        }
        return new Span(clampInt(lo), clampInt(hi));
    }

    /** Frame-local coordinates stay far inside int; the frame intersection cuts the rest. */
    private static int clampInt(long v) {
        return (int) Math.max(Integer.MIN_VALUE / 2, Math.min(Integer.MAX_VALUE / 2, v));
    }
}
