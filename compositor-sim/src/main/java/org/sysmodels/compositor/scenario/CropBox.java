package org.sysmodels.compositor.scenario;

import org.sysmodels.compositor.pixel.SourceCrop;
import org.sysmodels.core.scenario.Range;

/**
 * A source crop in a scenario file, in buffer pixels: {@code {"x": 0, "y": 0.5, "w": 640, "h": 359.5}}. As in HWC2's
 * {@code hwc_frect_t} the values may be fractional; they are stored as floats.
 */
public record CropBox(@Range(min = 0, max = 8192) double x, @Range(min = 0, max = 8192) double y,
                      @Range(min = 0, max = 8192) double w, @Range(min = 0, max = 8192) double h) {

    /** The crop in 16.16, as {@code hwc_frect_t} holds it. */
    public SourceCrop crop() {
        return SourceCrop.ofFloats(x, y, x + w, y + h);
    }

    public CropBox scaled(int f) {
        return new CropBox(x * f, y * f, w * f, h * f);
    }
}
