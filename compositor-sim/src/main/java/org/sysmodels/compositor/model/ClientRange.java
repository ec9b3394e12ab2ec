package org.sysmodels.compositor.model;

import java.util.List;

/**
 * Which layers go to the client target when planes run short, after drm_hwcomposer's planner
 * (backend/Backend.cpp: GetClientLayers, GetExtraClientRange, CalcPixOps): the CLIENT layers form one contiguous
 * z-range, because the client target is a single plane at one z position; it spans the first to the last layer that
 * must be CLIENT. When more layers remain than planes, one plane is kept for the client target and the range grows
 * by as many layers as do not fit, placed where the GPU has the fewest pixels to draw (the sum of display-frame
 * areas). The record is that range: [start, start + size).
 */
record ClientRange(int start, int size) {

    static final ClientRange NONE = new ClientRange(0, 0);

    boolean contains(int z) {
        return z >= start && z < start + size;
    }

    /**
     * @param forced per layer in z-order, whether it must be CLIENT
     * @param areas  per layer, its display-frame area in pixels
     * @param planes how many planes the display has
     */
    static ClientRange choose(List<Boolean> forced, long[] areas, int planes) {
        int n = forced.size();
        int start = forced.indexOf(true);
        int size = start < 0 ? 0 : forced.lastIndexOf(true) - start + 1;
        int avail = n > planes ? planes - 1 : planes;
        int extra = (n - size) - avail;
        if (extra <= 0) {
            return size == 0 ? NONE : new ClientRange(start, size);
        }
        int newSize = size + extra;
        int lo = size == 0 ? 0 : Math.max(0, start - extra);
        int hi = size == 0 ? n - newSize : Math.min(start, n - newSize);
        int best = lo;
        long bestPixels = Long.MAX_VALUE;
        for (int s = lo; s <= hi; s++) {
            long pixels = 0;
            for (int z = s; z < s + newSize; z++) {
                pixels += areas[z];
            }
            if (pixels < bestPixels) {
                bestPixels = pixels;
                best = s;
            }
        }
        return new ClientRange(best, newSize);
    }
}
