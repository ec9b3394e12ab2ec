package org.sysmodels.compositor.model;

import org.sysmodels.compositor.pixel.Filter;
import org.sysmodels.compositor.pixel.Rect;
import org.sysmodels.compositor.pixel.Transform;

/**
 * Maps a layer's surface damage (a rectangle of buffer pixels that changed) to the display pixels that may change
 * with it: clipped to the source crop, carried through the transform, scaled to the display frame. The result may be
 * a little larger than the exact set (it rounds outwards and, for bilinear sampling, grows by one source pixel), never
 * smaller, so recomposing it is enough.
 */
public final class DamageMapper {

    private DamageMapper() {
    }

    public static Rect toDisplay(CompositionLayer layer, Rect bufferDamage) {
        if (layer.isSolid()) {
            return layer.frame();
        }
        Rect crop = layer.crop();
        Rect d = bufferDamage.intersect(crop);
        if (d.isEmpty()) {
            return Rect.EMPTY;
        }
        int cw = crop.width();
        int ch = crop.height();
        Transform t = layer.transform();
        Rect local = d.offset(-crop.left(), -crop.top());
        Rect flipped = new Rect(
                t.flipH() ? cw - local.right() : local.left(), t.flipV() ? ch - local.bottom() : local.top(),
                t.flipH() ? cw - local.left() : local.right(), t.flipV() ? ch - local.top() : local.bottom());
        Rect moved = t.rot90()
                ? new Rect(ch - flipped.bottom(), flipped.left(), ch - flipped.top(), flipped.right())
                : flipped;
        int tw = t.width(cw, ch);
        int th = t.height(cw, ch);
        Rect frame = layer.frame();
        int grow = layer.filter() == Filter.BILINEAR && layer.isScaled() ? 1 : 0;
        int x0 = scaleDown(moved.left() - grow, frame.width(), tw);
        int x1 = scaleUp(moved.right() + grow, frame.width(), tw);
        int y0 = scaleDown(moved.top() - grow, frame.height(), th);
        int y1 = scaleUp(moved.bottom() + grow, frame.height(), th);
        return new Rect(x0 - grow, y0 - grow, x1 + grow, y1 + grow).offset(frame.left(), frame.top()).intersect(frame);
    }

    private static int scaleDown(int v, int frameSize, int size) {
        return (int) Math.floorDiv((long) v * frameSize, size);
    }

    private static int scaleUp(int v, int frameSize, int size) {
        return (int) -Math.floorDiv(-(long) v * frameSize, size);
    }
}
