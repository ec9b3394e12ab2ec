package org.sysmodels.compositor.scenario;

import org.sysmodels.compositor.model.BlendMode;
import org.sysmodels.compositor.pixel.Transform;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.scenario.Range;

/**
 * A window-manager transaction at a vsync: a layer's frame, crop, transform, plane alpha, blend mode, visibility or
 * buffer size change from that frame on. Fields left out stay as they were.
 */
public record LayerEvent(@Range(min = 1, max = 1_000_000) long at, String layer, Box frame, CropBox crop,
                         Transform transform, @Range(min = 0, max = 255) Integer planeAlpha, BlendMode blend,
                         Boolean visible, Size buffer) {

    public LayerEvent {
        if (layer == null) {
            throw new InvalidFieldException("layer", "an event must name the layer it changes");
        }
    }

    public LayerEvent scaled(int f) {
        return new LayerEvent(at, layer, frame == null ? null : frame.scaled(f), crop == null ? null : crop.scaled(f),
                transform, planeAlpha, blend, visible, buffer == null ? null : buffer.scaled(f));
    }
}
