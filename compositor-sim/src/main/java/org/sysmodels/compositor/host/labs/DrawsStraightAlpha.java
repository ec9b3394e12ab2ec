package org.sysmodels.compositor.host.labs;

import org.sysmodels.compositor.app.App;
import org.sysmodels.compositor.app.AppContext;
import org.sysmodels.compositor.app.Canvas;
import org.sysmodels.compositor.app.Producer;
import org.sysmodels.compositor.model.BufferQueue;
import org.sysmodels.compositor.pixel.Image;
import org.sysmodels.compositor.pixel.Rect;
import org.sysmodels.core.random.RandomStream;

/**
 * Bug lab {@code halo}: an app that draws straight (not premultiplied) colour into a layer whose blend mode says
 * PREMULTIPLIED. Where alpha is below 255 a colour channel is then above alpha; SRC_OVER adds the full colour on top
 * of what lies below, and every soft edge glows.
 */
public final class DrawsStraightAlpha extends Producer {

    public DrawsStraightAlpha(String name, App app, BufferQueue queue, RandomStream random, Timing timing,
                              AppContext context) {
        super(name, app, queue, random, timing, false, context);
    }

    @Override
    protected Canvas canvas(Image buffer, Rect dirty) {
        return new Canvas(buffer, dirty, true);
    }
}
