package org.sysmodels.compositor.model;

import org.sysmodels.compositor.pixel.Filter;
import org.sysmodels.compositor.pixel.Rect;
import org.sysmodels.compositor.pixel.SourceCrop;
import org.sysmodels.compositor.pixel.Transform;

/**
 * A layer as SurfaceFlinger describes it to the HWC for one frame (the {@code setLayer*} calls of hwcomposer2.h):
 * requested composition type, buffer (null for a solid colour), colour, source crop, display frame, transform, blend
 * mode, plane alpha (0..255), z-order (the list order) and, for RenderEngine, the scaling filter.
 */
public record HwcLayer(String name, Composition requested, GraphicBuffer buffer, int color, SourceCrop crop, Rect frame,
                       Transform transform, BlendMode blend, int planeAlpha, Filter filter) {

    public boolean isSolid() {
        return buffer == null;
    }

    /** The layer as the composition engine takes it; only for layers that passed validate's checks. */
    public CompositionLayer toCompositionLayer() {
        return new CompositionLayer(name, buffer == null ? null : buffer.image(), color, crop, frame, transform,
                blend, planeAlpha, filter);
    }

    /** What a plane must support to show this layer on a display of the given bounds. */
    public LayerNeeds needs(Rect display) {
        boolean scaled = !isSolid() && (!crop.isIntegral()
                || transform.width(crop.width(), crop.height()) != frame.width() << 16
                || transform.height(crop.width(), crop.height()) != frame.height() << 16);
        return new LayerNeeds(scaled, transform.rot90(), transform.flipH() || transform.flipV(),
                isSolid() ? BlendMode.PREMULTIPLIED : blend, planeAlpha < 255, isSolid(), !display.contains(frame));
    }
}
