package org.sysmodels.compositor.app;

import org.sysmodels.compositor.pixel.Rect;

/** A video decoder's output: opaque frames of moving colour bars with a frame counter. Every frame is new. */
public final class VideoPlayer implements App {

    private static final int[] BARS = {0xffc0c0c0, 0xffc0c000, 0xff00c0c0, 0xff00c000, 0xffc000c0, 0xffc00000,
            0xff0000c0};

    @Override
    public boolean wantsFrame(long frame, long timeNs) {
        return true;
    }

    @Override
    public Rect damage(long frame, int width, int height) {
        return Rect.ofSize(width, height);
    }

    @Override
    public void draw(Canvas c, long frame, long timeNs) {
        int w = c.width();
        int h = c.height();
        int shift = (int) (frame * 4 % w);
        int barW = Math.max(1, w / BARS.length);
        for (int i = -1; i <= BARS.length; i++) {
            int x = i * barW + shift % barW;
            c.clear(Rect.of(x, 0, barW, h * 2 / 3), BARS[Math.floorMod(i - shift / barW, BARS.length)]);
        }
        c.verticalGradient(new Rect(0, h * 2 / 3, w, h), 0xff101010, 0xff303030);
        int s = Math.max(1, h / 40);
        c.text("FRAME " + frame, 4 * s, h * 2 / 3 + 4 * s, s, 0xffffffff);
    }
}
