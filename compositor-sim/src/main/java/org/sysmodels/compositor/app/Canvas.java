package org.sysmodels.compositor.app;

import org.sysmodels.compositor.pixel.Combine;
import org.sysmodels.compositor.pixel.Image;
import org.sysmodels.compositor.pixel.Rect;
import org.sysmodels.compositor.pixel.SpanBlender;
import org.sysmodels.compositor.pixel.Spans;
import org.sysmodels.compositor.pixel.Un8;
import org.sysmodels.compositor.pixel.Un8x4;

/**
 * What an app draws with: fills, gradients, antialiased discs, text in the {@link BitmapFont} and images, into a
 * buffer, clipped to a rectangle (the part that must be redrawn). Colours are given straight (not premultiplied)
 * and stored premultiplied, blended with SRC_OVER; {@link #clear} replaces pixels. A canvas made with
 * {@code straightAlpha} keeps the buffer in straight (not premultiplied) colour, blending correctly in that space:
 * right for a COVERAGE layer, and the bug behind the halo lab when the layer says PREMULTIPLIED.
 */
public final class Canvas {

    private final Image target;
    private final Rect clip;
    private final boolean straightAlpha;
    private final SpanBlender spans = Spans.best();

    public Canvas(Image target, Rect clip, boolean straightAlpha) {
        this.target = target;
        this.clip = clip.intersect(target.bounds());
        this.straightAlpha = straightAlpha;
    }

    public Canvas(Image target) {
        this(target, target.bounds(), false);
    }

    public int width() {
        return target.width();
    }

    public int height() {
        return target.height();
    }

    public Rect clip() {
        return clip;
    }

    /** A canvas on the same buffer whose clip is also limited to r. */
    public Canvas clipped(Rect r) {
        return new Canvas(target, clip.intersect(r), straightAlpha);
    }

    /** Replaces the pixels of r with a straight colour (transparent black for 0). */
    public void clear(Rect r, int straight) {
        target.fill(r.intersect(clip), store(straight));
    }

    /** SRC_OVER of a straight colour over r. */
    public void fill(Rect r, int straight) {
        Rect c = r.intersect(clip);
        if (c.isEmpty()) {
            return;
        }
        if (Un8x4.alpha(straight) == 255) {
            target.fill(c, store(straight));
            return;
        }
        if (straightAlpha) {
            int s = Combine.premultiply(straight);
            for (int y = c.top(); y < c.bottom(); y++) {
                for (int x = c.left(); x < c.right(); x++) {
                    overStraight(x, y, s);
                }
            }
            return;
        }
        int[] px = target.pixels();
        for (int y = c.top(); y < c.bottom(); y++) {
            spans.solid(straight | 0xff000000, Un8x4.alpha(straight), px, y * target.width() + c.left(), c.width());
        }
    }

    /** Replaces r with a vertical gradient from top to bottom colour (straight ARGB, interpolated per row). */
    public void verticalGradient(Rect r, int top, int bottom) {
        Rect c = r.intersect(clip);
        for (int y = c.top(); y < c.bottom(); y++) {
            int t = r.height() <= 1 ? 0 : (y - r.top()) * 255 / (r.height() - 1);
            int color = 0;
            for (int shift = 0; shift < 32; shift += 8) {
                int a = (top >>> shift) & 0xff;
                int b = (bottom >>> shift) & 0xff;
                color |= (a + ((b - a) * t + 127) / 255) << shift;
            }
            target.fill(new Rect(c.left(), y, c.right(), y + 1), store(color));
        }
    }

    /**
     * An antialiased disc: coverage from the distance of each pixel centre to the edge; the fully covered middle of
     * each row is filled as one span.
     */
    public void disc(double cx, double cy, double radius, int straight) {
        Rect box = new Rect((int) Math.floor(cx - radius - 1), (int) Math.floor(cy - radius - 1),
                (int) Math.ceil(cx + radius + 1), (int) Math.ceil(cy + radius + 1)).intersect(clip);
        double inner = radius - 0.5;
        for (int y = box.top(); y < box.bottom(); y++) {
            double dy = y + 0.5 - cy;
            int solidFrom = Integer.MAX_VALUE;
            int solidTo = Integer.MIN_VALUE;
            if (inner > 0 && Math.abs(dy) < inner) {
                double half = Math.sqrt(inner * inner - dy * dy);
                solidFrom = (int) Math.ceil(cx - half - 0.5);
                solidTo = (int) Math.floor(cx + half - 0.5);
            }
            for (int x = box.left(); x < box.right(); x++) {
                if (x == solidFrom && solidTo >= solidFrom) {
                    fill(new Rect(x, y, solidTo + 1, y + 1), straight);
                    x = solidTo;
                    continue;
                }
                double d = Math.hypot(x + 0.5 - cx, dy);
                int coverage = (int) Math.round(255 * Math.max(0, Math.min(1, radius - d + 0.5)));
                if (coverage > 0) {
                    blendPixel(x, y, straight, coverage);
                }
            }
        }
    }

    /** Text in the bitmap font, top-left at (x, y), each font pixel scale × scale screen pixels. */
    public void text(String s, int x, int y, int scale, int straight) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            int gx = x + i * BitmapFont.ADVANCE * scale;
            if (gx >= clip.right() || gx + BitmapFont.WIDTH * scale <= clip.left()) {
                continue;
            }
            for (int fy = 0; fy < BitmapFont.HEIGHT; fy++) {
                for (int fx = 0; fx < BitmapFont.WIDTH; fx++) {
                    if (BitmapFont.pixel(ch, fx, fy)) {
                        fill(Rect.of(gx + fx * scale, y + fy * scale, scale, scale), straight);
                    }
                }
            }
        }
    }

    /** SRC_OVER of a premultiplied image with its top-left at (x, y). */
    public void image(Image src, int x, int y) {
        Rect c = src.bounds().offset(x, y).intersect(clip);
        if (straightAlpha) {
            for (int row = c.top(); row < c.bottom(); row++) {
                for (int col = c.left(); col < c.right(); col++) {
                    overStraight(col, row, src.get(col - x, row - y));
                }
            }
            return;
        }
        for (int row = c.top(); row < c.bottom(); row++) {
            spans.premultiplied(src.pixels(), (row - y) * src.width() + c.left() - x, 255, target.pixels(),
                    row * target.width() + c.left(), c.width());
        }
    }

    private void blendPixel(int x, int y, int straight, int coverage) {
        int a = Un8.mul(Un8x4.alpha(straight), coverage);
        int withCoverage = (straight & 0x00ffffff) | a << 24;
        if (straightAlpha) {
            overStraight(x, y, Combine.premultiply(withCoverage));
        } else {
            target.set(x, y, Combine.over(Combine.premultiply(withCoverage), target.get(x, y)));
        }
    }

    /** SRC_OVER of a premultiplied source onto a straight-colour pixel, stored straight again. */
    private void overStraight(int x, int y, int premultipliedSource) {
        int below = Combine.premultiply(target.get(x, y));
        target.set(x, y, Combine.unpremultiply(Combine.over(premultipliedSource, below)));
    }

    private int store(int straight) {
        return straightAlpha ? straight : Combine.premultiply(straight);
    }
}
