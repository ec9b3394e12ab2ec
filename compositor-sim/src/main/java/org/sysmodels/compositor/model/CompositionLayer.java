package org.sysmodels.compositor.model;

import java.util.Objects;
import org.sysmodels.compositor.pixel.Filter;
import org.sysmodels.compositor.pixel.Image;
import org.sysmodels.compositor.pixel.Rect;
import org.sysmodels.compositor.pixel.SourceCrop;
import org.sysmodels.compositor.pixel.SourceMap;
import org.sysmodels.compositor.pixel.Transform;

/**
 * What the composition engine needs of one layer for one frame: its pixels (a buffer, or a solid colour when
 * {@code buffer} is null), the source crop in buffer pixels (fractional, as {@code hwc_frect_t}), the display frame,
 * the transform, the blend mode, the plane alpha (0..255) and the scaling filter. A solid colour is straight ARGB,
 * like {@code hwc_color_t}, and blends as PREMULTIPLIED after premultiplication.
 */
public record CompositionLayer(String name, Image buffer, int color, SourceCrop crop, Rect frame,
                               Transform transform, BlendMode blend, int planeAlpha, Filter filter) {

    public CompositionLayer {
        Objects.requireNonNull(name);
        Objects.requireNonNull(frame);
        Objects.requireNonNull(transform);
        Objects.requireNonNull(blend);
        Objects.requireNonNull(filter);
        if (planeAlpha < 0 || planeAlpha > 255) {
            throw new IllegalArgumentException(name + ": plane alpha " + planeAlpha + " outside 0..255");
        }
        if (buffer != null && (crop == null || crop.isEmpty() || !crop.fitsIn(buffer.width(), buffer.height()))) {
            throw new IllegalArgumentException(name + ": source crop " + crop + " is not inside its "
                    + buffer.width() + "×" + buffer.height() + " buffer");
        }
    }

    /** A buffer layer with an integral crop. */
    public CompositionLayer(String name, Image buffer, int color, Rect crop, Rect frame, Transform transform,
                            BlendMode blend, int planeAlpha, Filter filter) {
        this(name, buffer, color, crop == null ? null : SourceCrop.of(crop), frame, transform, blend, planeAlpha,
                filter);
    }

    /** A buffer layer shown at its own size, untransformed, premultiplied and opaque plane alpha. */
    public static CompositionLayer buffer(String name, Image buffer, int x, int y) {
        return new CompositionLayer(name, buffer, 0, SourceCrop.of(buffer.bounds()), buffer.bounds().offset(x, y),
                Transform.NONE, BlendMode.PREMULTIPLIED, 255, Filter.NEAREST);
    }

    public static CompositionLayer solid(String name, int straightArgb, Rect frame) {
        return new CompositionLayer(name, null, straightArgb, (SourceCrop) null, frame, Transform.NONE,
                BlendMode.PREMULTIPLIED, 255, Filter.NEAREST);
    }

    public boolean isSolid() {
        return buffer == null;
    }

    /** Where each display pixel samples the buffer (see {@link SourceMap}); only for a buffer layer. */
    public SourceMap map() {
        return SourceMap.of(crop, transform, frame.width(), frame.height());
    }

    /** True when the crop maps onto the frame pixel for pixel (integral crop, no scaling, no transform). */
    public boolean isIdentityMapped() {
        return buffer != null && transform == Transform.NONE && crop.isIntegral()
                && crop.width() == frame.width() << 16 && crop.height() == frame.height() << 16;
    }

    /** True when the tiled SRC_OVER pass can take this layer: premultiplied, opaque plane alpha, unscaled. */
    public boolean isPlainOver() {
        return blend == BlendMode.PREMULTIPLIED && planeAlpha == 255 && isIdentityMapped();
    }

    /**
     * True when the display pixels are not a permutation of buffer pixels: the transformed crop differs in size from
     * the frame, or the crop is fractional.
     */
    public boolean isResampled() {
        return buffer != null && (!crop.isIntegral()
                || transform.width(crop.width(), crop.height()) != frame.width() << 16
                || transform.height(crop.width(), crop.height()) != frame.height() << 16);
    }
}
