package org.sysmodels.compositor.pixel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A set of pixels as disjoint rectangles (Android's {@code ui::Region} and {@code hwc_region_t} play this role for
 * visible regions and damage). Adding a rectangle adds only the parts not already covered, so the rectangles never
 * overlap and {@link #area()} counts each pixel once; a compositor that recomposes rectangle by rectangle touches
 * every pixel once.
 */
public final class Region {

    private final List<Rect> rects = new ArrayList<>();

    public Region() {
    }

    public static Region of(Rect r) {
        Region g = new Region();
        g.add(r);
        return g;
    }

    public Region copy() {
        Region g = new Region();
        g.rects.addAll(rects);
        return g;
    }

    /** Adds r (union). */
    public Region add(Rect r) {
        if (r.isEmpty()) {
            return this;
        }
        List<Rect> pieces = List.of(r);
        for (Rect e : rects) {
            if (pieces.isEmpty()) {
                return this;
            }
            pieces = minus(pieces, e);
        }
        rects.addAll(pieces);
        return this;
    }

    public Region add(Region o) {
        for (Rect r : o.rects) {
            add(r);
        }
        return this;
    }

    /** Removes r (difference). */
    public Region subtract(Rect r) {
        if (r.isEmpty() || rects.isEmpty()) {
            return this;
        }
        List<Rect> kept = minus(rects, r);
        rects.clear();
        rects.addAll(kept);
        return this;
    }

    /** Keeps only the part inside r (intersection). */
    public Region intersect(Rect r) {
        List<Rect> kept = new ArrayList<>();
        for (Rect e : rects) {
            Rect c = e.intersect(r);
            if (!c.isEmpty()) {
                kept.add(c);
            }
        }
        rects.clear();
        rects.addAll(kept);
        return this;
    }

    public boolean isEmpty() {
        return rects.isEmpty();
    }

    public long area() {
        long a = 0;
        for (Rect r : rects) {
            a += r.area();
        }
        return a;
    }

    public Rect bounds() {
        Rect b = Rect.EMPTY;
        for (Rect r : rects) {
            b = b.bounds(r);
        }
        return b;
    }

    /** The disjoint rectangles, in the order they were added. */
    public List<Rect> rects() {
        return Collections.unmodifiableList(rects);
    }

    private static List<Rect> minus(List<Rect> from, Rect cut) {
        List<Rect> out = new ArrayList<>();
        for (Rect p : from) {
            Rect c = p.intersect(cut);
            if (c.isEmpty()) {
                out.add(p);
                continue;
            }
            // Up to four pieces of p around c: above, below, left and right of it.
            addIfAny(out, new Rect(p.left(), p.top(), p.right(), c.top()));
            addIfAny(out, new Rect(p.left(), c.bottom(), p.right(), p.bottom()));
            addIfAny(out, new Rect(p.left(), c.top(), c.left(), c.bottom()));
            addIfAny(out, new Rect(c.right(), c.top(), p.right(), c.bottom()));
        }
        return out;
    }

    private static void addIfAny(List<Rect> out, Rect r) {
        if (!r.isEmpty()) {
            out.add(r);
        }
    }

    @Override
    public String toString() {
        return rects.toString();
    }
}
