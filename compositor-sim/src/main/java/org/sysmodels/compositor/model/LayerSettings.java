package org.sysmodels.compositor.model;

import java.util.Objects;
import org.sysmodels.compositor.pixel.Filter;
import org.sysmodels.compositor.pixel.Rect;
import org.sysmodels.compositor.pixel.SourceCrop;
import org.sysmodels.compositor.pixel.Transform;

/**
 * A layer's geometry and blending, as a window manager sets them through SurfaceControl transactions: source crop
 * (null: the whole buffer), display frame, buffer transform, blend mode, plane alpha (0..255), scaling filter, solid
 * colour (straight ARGB, for colour layers) and the composition type SurfaceFlinger will request.
 */
public record LayerSettings(SourceCrop crop, Rect frame, Transform transform, BlendMode blend, int planeAlpha,
                            Filter filter, int color, Composition requested) {

    public LayerSettings {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(transform, "transform");
        Objects.requireNonNull(blend, "blend");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(requested, "requested");
    }

    public static LayerSettings at(Rect frame) {
        return new LayerSettings(null, frame, Transform.NONE, BlendMode.PREMULTIPLIED, 255, Filter.BILINEAR, 0,
                Composition.DEVICE);
    }

    public LayerSettings withFrame(Rect f) {
        return new LayerSettings(crop, f, transform, blend, planeAlpha, filter, color, requested);
    }

    public LayerSettings withCrop(SourceCrop c) {
        return new LayerSettings(c, frame, transform, blend, planeAlpha, filter, color, requested);
    }

    public LayerSettings withTransform(Transform t) {
        return new LayerSettings(crop, frame, t, blend, planeAlpha, filter, color, requested);
    }

    public LayerSettings withBlend(BlendMode b) {
        return new LayerSettings(crop, frame, transform, b, planeAlpha, filter, color, requested);
    }

    public LayerSettings withPlaneAlpha(int a) {
        return new LayerSettings(crop, frame, transform, blend, a, filter, color, requested);
    }

    public LayerSettings withColor(int argb) {
        return new LayerSettings(crop, frame, transform, blend, planeAlpha, filter, argb, Composition.SOLID_COLOR);
    }

    public LayerSettings withRequested(Composition c) {
        return new LayerSettings(crop, frame, transform, blend, planeAlpha, filter, color, c);
    }
}
