package org.sysmodels.compositor.scenario;

import org.sysmodels.core.scenario.Range;

/** A buffer size in a scenario file: {@code {"w": 1280, "h": 720}}. */
public record Size(@Range(min = 1, max = 8192) int w, @Range(min = 1, max = 8192) int h) {

    public Size scaled(int f) {
        return new Size(w * f, h * f);
    }
}
