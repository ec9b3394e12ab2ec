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
        c.fill(new Rect(r, 0, w - r, h), color);
        c.fill(new Rect(0, r, w, h - r), color);
        for (int[] corner : new int[][] {{r, r}, {w - r, r}, {r, h - r}, {w - r, h - r}}) {
            c.disc(corner[0], corner[1], r, color);
        }
        int s = Math.max(1, Math.min(h / 24, (w - 4 * r) / Math.max(1, BitmapFont.width(title, 1))));
        c.text(title, 2 * r, 2 * r, s, 0xff202020);
        for (int line = 0; line < 3 && 2 * r + (line + 2) * 10 * s < h - r; line++) {
            c.fill(Rect.of(2 * r, 2 * r + (line + 2) * 10 * s, w - 4 * r - line * w / 8, 5 * s), 0x60000000);
        }
    }
}
