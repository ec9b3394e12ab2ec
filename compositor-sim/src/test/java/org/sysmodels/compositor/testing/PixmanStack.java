package org.sysmodels.compositor.testing;

import java.util.List;
import org.sysmodels.compositor.model.CompositionLayer;
import org.sysmodels.compositor.pixel.Combine;
import org.sysmodels.compositor.pixel.Rect;
import org.sysmodels.compositor.pixel.Transform;

/**
 * Writes a layer stack as pixman calls: the mapping of each HWC2 blend mode onto pixman operators, which is the
 * specification the engine is tested against (see {@link org.sysmodels.compositor.pixel.Combine}):
 * <ul>
 *   <li>PREMULTIPLIED: OVER(src a8r8g8b8, mask solid(p));</li>
 *   <li>NONE: OVER(src as x8r8g8b8, mask solid(p));</li>
 *   <li>COVERAGE: SRC(src, mask solid(p)) into an a8 image gives the coverage s.a·p, then OVER(src as x8r8g8b8,
 *       mask that a8 image);</li>
 *   <li>solid colour: OVER(solid(premultiplied colour), mask solid(p)).</li>
 * </ul>
 * Transforms (unscaled) become pixman transforms mapping each display pixel centre onto its source pixel centre,
 * sampled with the nearest filter.
 */
public final class PixmanStack {

    private PixmanStack() {
    }

    /** Appends the commands that compose {@code layers} onto image 0 (w × h, already holding the background). */
    public static void compose(Pixman.Script s, List<CompositionLayer> layers, int w, int h) {
        s.image(1, Pixman.A8, w, h, new int[w * h]);
        int id = 4;
        for (CompositionLayer l : layers) {
            s.solid(2, l.planeAlpha() * 0x01000000);
            Rect f = l.frame();
            if (l.isSolid()) {
                s.solid(3, Combine.premultiply(l.color()));
                s.composite(Pixman.OP_OVER, 3, 2, 0, 0, 0, 0, 0, f.left(), f.top(), f.width(), f.height());
                continue;
            }
            int src = id++;
            int opaque = id++;
            s.image(src, Pixman.A8R8G8B8, l.buffer().width(), l.buffer().height(), l.buffer().pixels());
            s.view(opaque, src, Pixman.X8R8G8B8);
            int[] m = matrix(l);
            s.transform(src, m).transform(opaque, m);
            int fx = f.left();
            int fy = f.top();
            switch (l.blend()) {
                case PREMULTIPLIED -> s.composite(Pixman.OP_OVER, src, 2, 0, fx, fy, 0, 0, fx, fy, f.width(),
                        f.height());
                case NONE -> s.composite(Pixman.OP_OVER, opaque, 2, 0, fx, fy, 0, 0, fx, fy, f.width(), f.height());
                case COVERAGE -> {
                    s.composite(Pixman.OP_SRC, src, 2, 1, fx, fy, 0, 0, fx, fy, f.width(), f.height());
                    s.composite(Pixman.OP_OVER, opaque, 1, 0, fx, fy, fx, fy, fx, fy, f.width(), f.height());
                }
            }
        }
    }

    /**
     * The 16.16 matrix taking a display pixel centre (X + ½, Y + ½) to the centre of the source pixel the engine
     * reads for it; exact because the map is a signed permutation plus a half-integer offset.
     */
    static int[] matrix(CompositionLayer l) {
        Rect c = l.crop();
        Rect f = l.frame();
        Transform t = l.transform();
        int cw = c.width();
        int ch = c.height();
        int sx0 = t.sourceX(0, 0, cw, ch);
        int sy0 = t.sourceY(0, 0, cw, ch);
        int axx = t.sourceX(1, 0, cw, ch) - sx0;
        int axy = t.sourceX(0, 1, cw, ch) - sx0;
        int ayx = t.sourceY(1, 0, cw, ch) - sy0;
        int ayy = t.sourceY(0, 1, cw, ch) - sy0;
        // sx + ½ = c.left + sx0 + ½ + axx·(X + ½ − ½ − f.left) + axy·(Y + ½ − ½ − f.top), in units of ½.
        int bx2 = 2 * (c.left() + sx0) + 1 - axx * (1 + 2 * f.left()) - axy * (1 + 2 * f.top());
        int by2 = 2 * (c.top() + sy0) + 1 - ayx * (1 + 2 * f.left()) - ayy * (1 + 2 * f.top());
        int one = 1 << 16;
        return new int[] {axx * one, axy * one, bx2 * (one / 2), ayx * one, ayy * one, by2 * (one / 2), 0, 0, one};
    }
}
