package org.sysmodels.compositor.app;

import org.sysmodels.compositor.pixel.Rect;

/**
 * The status bar: a dark translucent strip with a clock (hours, minutes, seconds from simulated time, starting at
 * 09:41:00) and battery and signal icons. It draws a frame when the second changes, and its surface damage is the
 * clock's rectangle.
 */
public final class StatusBar implements App {

    private long lastSecond = -1;

    static String clock(long timeNs) {
        long s = 9 * 3600 + 41 * 60 + timeNs / 1_000_000_000L;
        return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", s / 3600 % 24, s / 60 % 60, s % 60);
    }

    private static int scale(int height) {
        return Math.max(1, (height - 4) / 9);
    }

    @Override
    public boolean wantsFrame(long frame, long timeNs) {
        long second = timeNs / 1_000_000_000L;
        if (frame == 0 || second != lastSecond) {
            lastSecond = second;
            return true;
        }
        return false;
    }

    @Override
    public Rect damage(long frame, int width, int height) {
        if (frame <= 1) {
            return Rect.ofSize(width, height);
        }
        int s = scale(height);
        return Rect.of(2 * s, 0, BitmapFont.width("00:00:00", s) + 2 * s, height);
    }

    @Override
    public void draw(Canvas c, long frame, long timeNs) {
        int h = c.height();
        int s = scale(h);
        Rect bar = Rect.ofSize(c.width(), h);
        c.clear(bar, 0xc0101418);
        c.text(clock(timeNs), 2 * s, (h - 7 * s) / 2, s, 0xffffffff);
        int right = c.width() - 3 * s;
        c.fill(Rect.of(right - 12 * s, h / 2 - 3 * s, 11 * s, 6 * s), 0xffe0e0e0);
        c.fill(Rect.of(right - s, h / 2 - s, s, 2 * s), 0xffe0e0e0);
        for (int i = 0; i < 4; i++) {
            c.fill(Rect.of(right - 24 * s + i * 2 * s, h / 2 + 3 * s - (i + 1) * 2 * s, s, (i + 1) * 2 * s),
                    0xffe0e0e0);
        }
    }
}
