package org.sysmodels.compositor.app;

import org.sysmodels.compositor.pixel.Rect;

/** The navigation bar: back, home and recents on a dark translucent strip. Drawn once. */
public final class NavBar extends App.Still {

    @Override
    public void draw(Canvas c, long frame, long timeNs) {
        int w = c.width();
        int h = c.height();
        c.clear(Rect.ofSize(w, h), 0xb0000000);
        int r = Math.max(3, h / 5);
        c.disc(w / 2.0, h / 2.0, r, 0xfff0f0f0);
        c.disc(w / 2.0, h / 2.0, r - Math.max(1, r / 4), 0xb0000000);
        c.fill(Rect.of(w / 4 - r, h / 2 - r / 4, 2 * r, Math.max(1, r / 2)), 0xfff0f0f0);
        c.fill(Rect.of(3 * w / 4 - r, h / 2 - r, 2 * r, 2 * r), 0xfff0f0f0);
        c.fill(Rect.of(3 * w / 4 - r + 2, h / 2 - r + 2, 2 * r - 4, 2 * r - 4), 0xff202020);
    }
}
