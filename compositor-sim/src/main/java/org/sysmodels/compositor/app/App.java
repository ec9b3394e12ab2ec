package org.sysmodels.compositor.app;

import org.sysmodels.compositor.pixel.Rect;

/**
 * The drawing side of an app: whether it has a new frame at a given time, which part of its buffer a frame changes
 * (its surface damage), and the drawing code. A producer ({@link Producer}) decides when and into which buffer.
 */
public interface App {

    /** Whether the app draws a new frame for the vsync at {@code timeNs}; {@code frame} frames were drawn so far. */
    boolean wantsFrame(long frame, long timeNs);

    /** The buffer pixels frame {@code frame} changes against the previous frame (frame 1: all of them). */
    Rect damage(long frame, int width, int height);

    /** Draws frame {@code frame}, for the vsync at {@code timeNs}; only pixels inside the canvas's clip change. */
    void draw(Canvas c, long frame, long timeNs);

    /** Drawn once, then never again. */
    abstract class Still implements App {
        @Override
        public boolean wantsFrame(long frame, long timeNs) {
            return frame == 0;
        }

        @Override
        public Rect damage(long frame, int width, int height) {
            return Rect.ofSize(width, height);
        }
    }
}
