package org.sysmodels.compositor.scenario;

import org.sysmodels.compositor.pixel.Rect;
import org.sysmodels.core.scenario.Range;

/**
 * A rectangle in a scenario file: {@code {"x": 0, "y": 0, "w": 540, "h": 1200}}; x and y may be negative, within
 * ±16384 so that x + w stays an int (a frame further off-screen shows nothing anyway).
 */
public record Box(@Range(min = -16384, max = 16384) int x, @Range(min = -16384, max = 16384) int y,
                  @Range(min = 0, max = 16384) int w, @Range(min = 0, max = 16384) int h) {

    /** The largest |x|, |y|, w and h a scenario file may give (the ranges above). */
    static final int LIMIT = 16384;

    public Rect rect() {
        return Rect.of(x, y, w, h);
    }

    public Box scaled(int f) {
        return new Box(x * f, y * f, w * f, h * f);
    }
}
