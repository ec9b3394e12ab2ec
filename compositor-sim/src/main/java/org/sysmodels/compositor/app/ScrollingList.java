package org.sysmodels.compositor.app;

import org.sysmodels.compositor.pixel.Rect;

/**
 * An app scrolling a list: an opaque window with a title bar and rows of text that move up a few pixels every
 * frame, so every frame damages the whole list. (How long each frame takes to render is the producer's business.)
 */
public final class ScrollingList implements App {

    private final int pixelsPerFrame;

    public ScrollingList(int pixelsPerFrame) {
        this.pixelsPerFrame = pixelsPerFrame;
    }

    static int titleHeight(int h) {
        return h / 12;
    }

    @Override
    public boolean wantsFrame(long frame, long timeNs) {
        return true;
    }

    @Override
    public Rect damage(long frame, int width, int height) {
        return frame <= 1 ? Rect.ofSize(width, height) : new Rect(0, titleHeight(height), width, height);
    }

    @Override
    public void draw(Canvas c, long frame, long timeNs) {
        int w = c.width();
        int h = c.height();
        int title = titleHeight(h);
        int s = Math.max(1, title / 14);
        c.clear(Rect.ofSize(w, title), 0xff2a9d8f);
        c.text("INBOX", 3 * s, (title - 7 * s) / 2, s * 2, 0xffffffff);
        int rowH = Math.max(8, h / 14);
        long offset = frame * pixelsPerFrame;
        // Rows never touch the title bar: the surface damage after the first frame says only the list changes.
        Canvas list = c.clipped(new Rect(0, title, w, h));
        long first = offset / rowH;
        for (long row = first; ; row++) {
            int y = (int) (title + row * rowH - offset);
            if (y >= h) {
                break;
            }
            list.clear(new Rect(0, y, w, y + rowH), row % 2 == 0 ? 0xfffafafa : 0xffeceff1);
            list.disc(rowH * 0.6, y + rowH / 2.0, rowH * 0.3, 0xff000000 | (int) (row * 0x3f5a7 & 0xffffff)
                    | 0x404040);
            list.text("MESSAGE " + row, rowH + 2 * s, y + rowH / 2 - 7 * s / 2, s, 0xff263238);
        }
    }
}
