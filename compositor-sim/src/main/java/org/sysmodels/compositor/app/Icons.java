package org.sysmodels.compositor.app;

import org.sysmodels.compositor.pixel.Rect;

/**
 * A row of white round icons with soft (antialiased) edges on a transparent window, over a dark wallpaper: the
 * picture where a premultiplication mistake shows, as a bright halo around every icon.
 */
public final class Icons extends App.Still {

    @Override
    public void draw(Canvas c, long frame, long timeNs) {
        int w = c.width();
        int h = c.height();
        c.clear(Rect.ofSize(w, h), 0);
        double r = Math.min(w / 10.0, h / 3.0);
        for (int i = 0; i < 4; i++) {
            c.disc(w * (i + 0.5) / 4, h / 2.0, r, 0xfff0f8ff);
            c.disc(w * (i + 0.5) / 4, h / 2.0, r * 0.45, 0xff3a86ff);
        }
    }
}
