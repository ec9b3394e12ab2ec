package org.sysmodels.compositor.testing;

import java.util.List;
import org.sysmodels.compositor.model.CompositionLayer;
import org.sysmodels.compositor.pixel.Combine;
import org.sysmodels.compositor.pixel.Filter;
import org.sysmodels.compositor.pixel.Rect;
import org.sysmodels.compositor.pixel.SourceCrop;
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
 * The source image is the crop's bounds (the pixels a fractional crop touches), with PAD repeat (clamp to its edge
 * pixels), the layer's filter, and the 16.16 matrix of {@link #matrix} from frame-local display coordinates; each
 * composite starts at source (0, 0) and destination (frame left, frame top), so pixman clips partly off-screen frames
 * itself.
 */
public final class PixmanStack {

    /** pixman_repeat_t PIXMAN_REPEAT_PAD. */
    static final int REPEAT_PAD = 2;

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
            Rect b = l.crop().bounds();
            int[] sub = new int[b.width() * b.height()];
            for (int y = 0; y < b.height(); y++) {
                System.arraycopy(l.buffer().pixels(), (b.top() + y) * l.buffer().width() + b.left(), sub,
                        y * b.width(), b.width());
            }
            s.image(src, Pixman.A8R8G8B8, b.width(), b.height(), sub);
            s.view(opaque, src, Pixman.X8R8G8B8);
            int[] m = matrix(l.crop(), l.transform(), f.width(), f.height());
            for (int img : new int[] {src, opaque}) {
                s.transform(img, m).filter(img, l.filter() == Filter.BILINEAR).repeat(img, REPEAT_PAD);
            }
            int fx = f.left();
            int fy = f.top();
            switch (l.blend()) {
                case PREMULTIPLIED -> s.composite(Pixman.OP_OVER, src, 2, 0, 0, 0, 0, 0, fx, fy, f.width(),
                        f.height());
                case NONE -> s.composite(Pixman.OP_OVER, opaque, 2, 0, 0, 0, 0, 0, fx, fy, f.width(), f.height());
                case COVERAGE -> {
                    s.composite(Pixman.OP_SRC, src, 2, 1, 0, 0, 0, 0, fx, fy, f.width(), f.height());
                    s.composite(Pixman.OP_OVER, opaque, 1, 0, 0, 0, fx, fy, fx, fy, f.width(), f.height());
                }
            }
        }
    }

    /**
     * The 16.16 matrix (row-major 3×3) from the frame-local centre of a display pixel to the buffer position,
     * relative to the crop bounds' top-left, derived here independently of the model: the linear part is the HAL
     * transform's signed permutation of pixel indices ({@link Transform#sourceX}, {@link Transform#sourceY}) times the
     * scales crop/frame rounded half up to 16.16; the offset puts the transformed crop's top-left corner on the crop
     * corner the permutation sends there (the far edge on a reversed axis).
     */
    public static int[] matrix(SourceCrop crop, Transform t, int fw, int fh) {
        int cw = crop.width();
        int ch = crop.height();
        int sx0 = t.sourceX(0, 0, 3, 3);
        int sy0 = t.sourceY(0, 0, 3, 3);
        int axx = t.sourceX(1, 0, 3, 3) - sx0;
        int axy = t.sourceX(0, 1, 3, 3) - sx0;
        int ayx = t.sourceY(1, 0, 3, 3) - sy0;
        int ayy = t.sourceY(0, 1, 3, 3) - sy0;
        long tw = t.width(cw, ch);
        long th = t.height(cw, ch);
        int su = (int) Math.round((double) tw / fw);
        int sv = (int) Math.round((double) th / fh);
        Rect b = crop.bounds();
        int ox = crop.left() - (b.left() << 16);
        int oy = crop.top() - (b.top() << 16);
        return new int[] {axx * su, axy * sv, ox + (axx + axy < 0 ? cw : 0),
                ayx * su, ayy * sv, oy + (ayx + ayy < 0 ? ch : 0),
                0, 0, SourceCrop.ONE};
    }
}
