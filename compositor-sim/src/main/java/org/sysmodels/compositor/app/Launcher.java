package org.sysmodels.compositor.app;

import org.sysmodels.compositor.pixel.Image;
import org.sysmodels.compositor.pixel.Rect;

/**
 * The launcher: a transparent window with a grid of app icons (discs with a letter), a dock of icons blitted from an
 * image, and, at the top, a widget whose dot sweeps left and right every frame. Only the widget changes after the first frame, so that is its damage.
 */
public final class Launcher implements App {

    private static final String NAMES = "MCPSNWTGFRKD";

    private Image icon;

    static Rect widget(int w, int h) {
        return Rect.of(w / 10, h / 12, w * 8 / 10, h / 14);
    }

    /** A dock icon drawn once into its own premultiplied image, then blitted (an image draw, as apps do). */
    private Image dockIcon(int size) {
        if (icon == null || icon.width() != size) {
            icon = new Image(size, size);
            Canvas ic = new Canvas(icon);
            ic.disc(size / 2.0, size / 2.0, size / 2.0 - 1, 0xe0ffffff);
            ic.disc(size / 2.0, size / 2.0, size / 4.0, 0xff2a9d8f);
        }
        return icon;
    }

    @Override
    public boolean wantsFrame(long frame, long timeNs) {
        return true;
    }

    @Override
    public Rect damage(long frame, int width, int height) {
        return frame <= 1 ? Rect.ofSize(width, height) : widget(width, height);
    }

    @Override
    public void draw(Canvas c, long frame, long timeNs) {
        int w = c.width();
        int h = c.height();
        c.clear(Rect.ofSize(w, h), 0);
        int cell = w / 4;
        int r = cell * 3 / 10;
        int s = Math.max(1, r / 6);
        for (int i = 0; i < NAMES.length(); i++) {
            int cx = cell / 2 + (i % 4) * cell;
            int cy = h / 4 + (i / 4) * cell * 5 / 4;
            int hue = 0xff000000 | (0x40 + 37 * i % 0xa0) << 16 | (0x60 + 53 * i % 0x90) << 8 | (0x90 + 29 * i % 0x60);
            c.disc(cx, cy, r, hue);
            String letter = NAMES.substring(i, i + 1);
            c.text(letter, cx - BitmapFont.width(letter, s) / 2, cy - 7 * s / 2, s, 0xffffffff);
        }
        Image dockIcon = dockIcon(Math.max(8, cell / 2));
        for (int i = 0; i < 4; i++) {
            c.image(dockIcon, cell / 2 + i * cell - dockIcon.width() / 2, h * 7 / 8 - dockIcon.height() / 2);
        }
        Rect wd = widget(w, h);
        c.clear(wd, 0x60ffffff);
        double phase = (frame % 120) / 120.0;
        double x = wd.left() + wd.height() / 2.0 + (wd.width() - wd.height()) * (0.5 - 0.5 * Math.cos(2 * Math.PI * phase));
        c.disc(x, wd.top() + wd.height() / 2.0, wd.height() * 0.35, 0xffffb703);
    }
}
