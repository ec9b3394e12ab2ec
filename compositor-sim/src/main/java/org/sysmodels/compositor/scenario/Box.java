package org.sysmodels.compositor.scenario;

import org.sysmodels.compositor.pixel.Rect;
import org.sysmodels.core.scenario.Range;

/** A rectangle in a scenario file: {@code {"x": 0, "y": 0, "w": 540, "h": 1200}}; x and y may be negative. */
public record Box(int x, int y, @Range(min = 0, max = 16384) int w, @Range(min = 0, max = 16384) int h) {

    public Rect rect() {
        return Rect.of(x, y, w, h);
    }

    public Box scaled(int f) {
        return new Box(x * f, y * f, w * f, h * f);
    }
}
