package org.sysmodels.compositor.app;

import org.sysmodels.compositor.pixel.Rect;

/** A home-screen wallpaper: an opaque gradient with a few soft discs. Drawn once. */
public final class Wallpaper extends App.Still {

    @Override
    public void draw(Canvas c, long frame, long timeNs) {
        int w = c.width();
        int h = c.height();
        c.verticalGradient(Rect.ofSize(w, h), 0xff1d3557, 0xff457b9d);
        c.disc(w * 0.2, h * 0.25, w * 0.18, 0x40f1faee);
        c.disc(w * 0.8, h * 0.55, w * 0.25, 0x30a8dadc);
        c.disc(w * 0.35, h * 0.8, w * 0.12, 0x38e63946);
    }
}
