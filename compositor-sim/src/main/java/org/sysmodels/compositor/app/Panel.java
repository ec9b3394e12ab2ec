package org.sysmodels.compositor.app;

import org.sysmodels.compositor.pixel.Rect;

/** A dialog, toast or picture-in-picture window: a light card with a title and a few lines of text. Drawn once. */
public final class Panel extends App.Still {

    private final String title;
    private final int color;

    public Panel(String title, int color) {
        this.title = title;
        this.color = color;
    }

    @Override
    public void draw(Canvas c, long frame, long timeNs) {
        int w = c.width();
        int h = c.height();
        c.clear(Rect.ofSize(w, h), 0);
        int r = Math.max(2, Math.min(w, h) / 10);
        // A rounded card from pieces that do not overlap, so a translucent colour stays even.
        c.fill(new Rect(r, 0, w - r, h), color);
        c.fill(new Rect(0, r, r, h - r), color);
        c.fill(new Rect(w - r, r, w, h - r), color);
        c.clipped(Rect.of(0, 0, r, r)).disc(r, r, r, color);
        c.clipped(new Rect(w - r, 0, w, r)).disc(w - r, r, r, color);
        c.clipped(new Rect(0, h - r, r, h)).disc(r, h - r, r, color);
        c.clipped(new Rect(w - r, h - r, w, h)).disc(w - r, h - r, r, color);
        int s = Math.max(1, Math.min(h / 24, (w - 4 * r) / Math.max(1, BitmapFont.width(title, 1))));
        c.text(title, 2 * r, 2 * r, s, 0xff202020);
        for (int line = 0; line < 3 && 2 * r + (line + 2) * 10 * s < h - r; line++) {
            c.fill(Rect.of(2 * r, 2 * r + (line + 2) * 10 * s, w - 4 * r - line * w / 8, 5 * s), 0x60000000);
        }
    }
}
