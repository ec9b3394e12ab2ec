package org.sysmodels.compositor.model;

import java.util.List;
import org.sysmodels.compositor.pixel.Image;
import org.sysmodels.compositor.pixel.Region;

/**
 * Client composition: RenderEngine drawing the CLIENT layers into the client target, one of three buffers that cycle
 * like the FramebufferSurface's BufferQueue. A target is reused after a few frames, so its contents are the frame it
 * was last drawn in: with damage tracking only the union of the damage of the frames since then is recomposed (the
 * EGL_EXT_buffer_age rule); a new target, or no damage tracking, means recomposing everything.
 */
public final class ClientComposition {

    /** What one composition did: the target, the region recomposed, and the pixels that took. */
    public record Result(Image target, Region recomposed, long pixels) {
    }

    /** Client targets in the cycle (the FramebufferSurface's BufferQueue, triple-buffered). */
    public static final int TARGETS = 3;
    private static final int HISTORY = 16;

    private final CompositionEngine engine;
    private final Image[] targets = new Image[TARGETS];
    private final long[] drawnAt = new long[TARGETS];
    private final Region[] history = new Region[HISTORY];
    private long frame;
    private int next;

    public ClientComposition(CompositionEngine engine, int width, int height) {
        this.engine = engine;
        for (int i = 0; i < TARGETS; i++) {
            targets[i] = new Image(width, height);
        }
    }

    /** Records a frame's damage; call once per SurfaceFlinger frame, composed or not. */
    public void noteFrame(Region damage) {
        frame++;
        history[(int) (frame % HISTORY)] = damage.copy();
    }

    /** Draws the CLIENT layers (bottom first) into the next target, over transparent black. */
    public Result compose(List<CompositionLayer> layers, boolean damageTracking) {
        int t = next;
        next = (next + 1) % TARGETS;
        Image target = targets[t];
        long age = drawnAt[t] == 0 ? 0 : frame - drawnAt[t];
        Region region;
        if (!damageTracking || age == 0 || age >= HISTORY) {
            region = Region.of(target.bounds());
        } else {
            region = new Region();
            for (long f = drawnAt[t] + 1; f <= frame; f++) {
                region.add(history[(int) (f % HISTORY)]);
            }
        }
        long before = engine.pixelsBlended();
        engine.compose(layers, target, 0, region);
        drawnAt[t] = frame;
        return new Result(target, region, engine.pixelsBlended() - before + region.area());
    }
}
