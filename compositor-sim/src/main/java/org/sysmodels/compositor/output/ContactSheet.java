package org.sysmodels.compositor.output;

import java.util.List;
import org.sysmodels.compositor.app.BitmapFont;
import org.sysmodels.compositor.app.Canvas;
import org.sysmodels.compositor.pixel.Filter;
import org.sysmodels.compositor.pixel.Image;
import org.sysmodels.compositor.pixel.Sampler;
import org.sysmodels.compositor.pixel.SourceCrop;
import org.sysmodels.compositor.pixel.SourceMap;
import org.sysmodels.compositor.pixel.Transform;

/** Frames shrunk side by side in a grid, each with a caption: the whole run at a glance, in one PNG. */
public final class ContactSheet {

    /** One cell: a thumbnail and its caption. */
    public record Cell(Image thumbnail, String caption) {
    }

    private ContactSheet() {
    }

    /** A copy of img scaled (bilinear) to fit within maxW × maxH, keeping its aspect ratio. */
    public static Image thumbnail(Image img, int maxW, int maxH) {
        double s = Math.min((double) maxW / img.width(), (double) maxH / img.height());
        int w = Math.max(1, (int) Math.round(img.width() * s));
        int h = Math.max(1, (int) Math.round(img.height() * s));
        Image t = new Image(w, h);
        SourceMap map = SourceMap.of(SourceCrop.of(img.bounds()), Transform.NONE, w, h);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            Sampler.fetch(img, img.bounds(), map, Filter.BILINEAR, y, 0, w, row);
            System.arraycopy(row, 0, t.pixels(), y * w, w);
        }
        return t;
    }

    public static Image render(String title, List<Cell> cells, int columns) {
        int cw = cells.stream().mapToInt(c -> c.thumbnail().width()).max().orElse(1);
        int ch = cells.stream().mapToInt(c -> c.thumbnail().height()).max().orElse(1);
        int pad = 8;
        int caption = 2 * (BitmapFont.HEIGHT + 3);
        int header = 3 * (BitmapFont.HEIGHT + 4);
        int rows = Math.max(1, (cells.size() + columns - 1) / columns);
        int w = Math.max(columns * (cw + pad) + pad, BitmapFont.width(title, 2) + 2 * pad);
        Image sheet = new Image(w, header + rows * (ch + caption + pad) + pad);
        Canvas c = new Canvas(sheet);
        c.clear(sheet.bounds(), 0xff20242a);
        c.text(title, pad, pad, 2, 0xffffffff);
        for (int i = 0; i < cells.size(); i++) {
            int x = pad + (i % columns) * (cw + pad);
            int y = header + (i / columns) * (ch + caption + pad);
            c.image(cells.get(i).thumbnail(), x, y);
            String text = cells.get(i).caption();
            int maxChars = Math.max(1, cw / (BitmapFont.ADVANCE));
            c.text(text.length() > maxChars ? text.substring(0, maxChars) : text, x, y + ch + 3, 1, 0xffd0d0d0);
        }
        return sheet;
    }
}
