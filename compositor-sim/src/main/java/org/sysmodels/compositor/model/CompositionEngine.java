package org.sysmodels.compositor.model;

import java.util.Arrays;
import java.util.List;
import org.sysmodels.compositor.pixel.Combine;
import org.sysmodels.compositor.pixel.Image;
import org.sysmodels.compositor.pixel.Rect;
import org.sysmodels.compositor.pixel.Region;
import org.sysmodels.compositor.pixel.Sampler;
import org.sysmodels.compositor.pixel.SourceMap;
import org.sysmodels.compositor.pixel.SpanBlender;
import org.sysmodels.compositor.pixel.Spans;

/**
 * Composes layers, bottom first, into a target image over a region: the RenderEngine stand-in that draws CLIENT
 * layers into the client target, and the display's plane blender that puts planes together at present. Pixels
 * outside the region are left alone, which is what makes damage-aware composition possible: every pixel inside is
 * recomposed from the background up, so recomposing a region gives exactly what a full composition gives there.
 * {@link #composeOnto} starts from what the target already holds instead of a background colour (a display's
 * previous frame, a wallpaper image), as pixman's composite onto an existing destination does.
 *
 * <p>The work is done row by row. A row is cut at every layer edge into segments that the same layers cover, and in
 * each segment consecutive plain SRC_OVER layers (premultiplied, plane alpha 255, unscaled) go through
 * {@link SpanBlender#overStack} in one tiled pass; any other layer is fetched (cropped, transformed, scaled by
 * {@link Sampler}) into a row buffer and blended with its own mode. Buffers are reused: composing allocates
 * nothing once they have grown. Not thread-safe.
 */
public final class CompositionEngine {

    private final SpanBlender spans;
    private CompositionLayer[] active = new CompositionLayer[8];
    private Rect[] visible = new Rect[8];
    private SourceMap[] maps = new SourceMap[8];
    private Rect[] bounds = new Rect[8];
    private int[] cuts = new int[18];
    private int[][] stackSrcs = new int[8][];
    private int[] stackOffs = new int[8];
    private int stackCount;
    private int[] fetched = new int[0];
    private long pixelsBlended;

    public CompositionEngine() {
        this(Spans.best());
    }

    public CompositionEngine(SpanBlender spans) {
        this.spans = spans;
    }

    /** Which kernels this engine uses ("vector (512-bit)" or "scalar"). */
    public String kernels() {
        return spans.name();
    }

    /** Layer-pixels blended so far: a measure of composition work, for cost models and reports. */
    public long pixelsBlended() {
        return pixelsBlended;
    }

    /** Composes every layer over the whole target, cleared to {@code background} (premultiplied ARGB) first. */
    public void compose(List<CompositionLayer> layers, Image target, int background) {
        compose(layers, target, background, Region.of(target.bounds()));
    }

    /**
     * Recomposes the pixels of {@code region} (clipped to the target) from {@code background} (premultiplied ARGB)
     * and the layers in order, bottom first.
     */
    public void compose(List<CompositionLayer> layers, Image target, int background, Region region) {
        composeRegion(layers, target, background, true, region);
    }

    /** Composes every layer, bottom first, over what the whole target holds now. */
    public void composeOnto(List<CompositionLayer> layers, Image target) {
        composeOnto(layers, target, Region.of(target.bounds()));
    }

    /** Composes the layers, bottom first, over what the target holds now, in {@code region} only. */
    public void composeOnto(List<CompositionLayer> layers, Image target, Region region) {
        composeRegion(layers, target, 0, false, region);
    }

    private void composeRegion(List<CompositionLayer> layers, Image target, int background, boolean clear,
                               Region region) {
        int count = layers.size();
        ensureLayers(count);
        for (Rect r : region.rects()) {
            Rect c = r.intersect(target.bounds());
            if (c.isEmpty()) {
                continue;
            }
            int n = 0;
            for (CompositionLayer l : layers) {
                Rect v = l.frame().intersect(c);
                if (!v.isEmpty()) {
                    active[n] = l;
                    visible[n] = v;
                    boolean sampled = !l.isSolid() && !l.isIdentityMapped();
                    maps[n] = sampled ? l.map() : null;
                    bounds[n] = sampled ? l.crop().bounds() : null;
                    n++;
                }
            }
            for (int y = c.top(); y < c.bottom(); y++) {
                if (clear) {
                    Arrays.fill(target.pixels(), y * target.width() + c.left(), y * target.width() + c.right(),
                            background);
                }
                composeRow(target, n, y, c.left(), c.right());
            }
        }
    }

    private void composeRow(Image target, int n, int y, int left, int right) {
        int[] dst = target.pixels();
        int rowBase = y * target.width();
        int cutCount = 0;
        cuts[cutCount++] = left;
        cuts[cutCount++] = right;
        for (int i = 0; i < n; i++) {
            Rect v = visible[i];
            if (y >= v.top() && y < v.bottom()) {
                cuts[cutCount++] = v.left();
                cuts[cutCount++] = v.right();
            }
        }
        Arrays.sort(cuts, 0, cutCount);
        for (int s = 0; s + 1 < cutCount; s++) {
            int a = cuts[s];
            int b = cuts[s + 1];
            if (a == b) {
                continue;
            }
            stackCount = 0;
            for (int i = 0; i < n; i++) {
                Rect v = visible[i];
                if (y < v.top() || y >= v.bottom() || v.left() > a || v.right() < b) {
                    continue;
                }
                CompositionLayer l = active[i];
                if (l.isPlainOver()) {
                    push(l, y, a);
                } else {
                    flush(dst, rowBase + a, b - a);
                    blend(l, i, dst, y, a, b, rowBase);
                }
            }
            flush(dst, rowBase + a, b - a);
        }
    }

    /** The offset in an identity-mapped layer's buffer of display pixel (x, y). */
    private static int offset(CompositionLayer l, int x, int y) {
        return ((l.crop().top() >> 16) + y - l.frame().top()) * l.buffer().width() + (l.crop().left() >> 16) + x
                - l.frame().left();
    }

    private void push(CompositionLayer l, int y, int x) {
        stackSrcs[stackCount] = l.buffer().pixels();
        stackOffs[stackCount] = offset(l, x, y);
        stackCount++;
    }

    private void flush(int[] dst, int dstOff, int len) {
        if (stackCount > 0) {
            spans.overStack(stackSrcs, stackOffs, stackCount, dst, dstOff, len);
            pixelsBlended += (long) stackCount * len;
            stackCount = 0;
        }
    }

    private void blend(CompositionLayer l, int index, int[] dst, int y, int a, int b, int rowBase) {
        int len = b - a;
        pixelsBlended += len;
        if (l.isSolid()) {
            spans.solid(Combine.premultiply(l.color()), l.planeAlpha(), dst, rowBase + a, len);
            return;
        }
        int[] src;
        int off;
        if (maps[index] == null) {
            src = l.buffer().pixels();
            off = offset(l, a, y);
        } else {
            if (fetched.length < len) {
                fetched = new int[Math.max(len, 2 * fetched.length)];
            }
            Sampler.fetch(l.buffer(), bounds[index], maps[index], l.filter(), y - l.frame().top(),
                    a - l.frame().left(), len, fetched);
            src = fetched;
            off = 0;
        }
        switch (l.blend()) {
            case PREMULTIPLIED -> spans.premultiplied(src, off, l.planeAlpha(), dst, rowBase + a, len);
            case NONE -> spans.none(src, off, l.planeAlpha(), dst, rowBase + a, len);
            case COVERAGE -> spans.coverage(src, off, l.planeAlpha(), dst, rowBase + a, len);
        }
    }

    private void ensureLayers(int count) {
        if (active.length < count) {
            int size = Math.max(count, 2 * active.length);
            active = Arrays.copyOf(active, size);
            visible = Arrays.copyOf(visible, size);
            maps = Arrays.copyOf(maps, size);
            bounds = Arrays.copyOf(bounds, size);
            stackSrcs = Arrays.copyOf(stackSrcs, size);
            stackOffs = Arrays.copyOf(stackOffs, size);
            cuts = new int[2 * size + 2];
        }
    }
}
