package org.sysmodels.bench.compositor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.sysmodels.compositor.model.CompositionLayer;
import org.sysmodels.compositor.pixel.Image;

/**
 * The blending headline's workload: 8 full-screen 1920×1080 premultiplied layers over an opaque background, SRC_OVER,
 * bottom first. One operation blends 8 × 1920 × 1080 layer-pixels.
 *
 * <p>Two kinds of content. UI: each layer is a mosaic of 64×64 tiles that are transparent, opaque or translucent
 * noise in turn (what app windows, bars and wallpapers look like to a compositor: mostly empty or solid, edges and
 * shadows translucent); pixman 0.42's {@code over_8888_8888} measured about 2,300 Mpix/s on this kind of content and
 * machine (the row measures pixman itself in the same run). Translucent: every pixel of every layer has a random
 * alpha, the worst case, with no pixel a blender could skip.
 */
public final class BlendWorkload {

    public static final int WIDTH = 1920;
    public static final int HEIGHT = 1080;
    public static final int LAYERS = 8;
    public static final int BACKGROUND = 0xff000000;
    public static final long LAYER_PIXELS = (long) LAYERS * WIDTH * HEIGHT;

    public final Image[] layers = new Image[LAYERS];

    public BlendWorkload(boolean translucent) {
        SplittableRandom r = new SplittableRandom(2024);
        for (int k = 0; k < LAYERS; k++) {
            Image img = new Image(WIDTH, HEIGHT);
            int[] px = img.pixels();
            for (int y = 0; y < HEIGHT; y++) {
                for (int x = 0; x < WIDTH; x++) {
                    int kind = translucent ? 2 : (x / 64 + 7 * (y / 64) + k) % 3;
                    int a = switch (kind) {
                        case 0 -> 0;
                        case 1 -> 255;
                        default -> r.nextInt(256);
                    };
                    px[y * WIDTH + x] = a << 24 | r.nextInt(a + 1) << 16 | r.nextInt(a + 1) << 8 | r.nextInt(a + 1);
                }
            }
            layers[k] = img;
        }
    }

    /** The layers as the composition engine takes them. */
    public List<CompositionLayer> compositionLayers() {
        List<CompositionLayer> out = new ArrayList<>();
        for (int k = 0; k < LAYERS; k++) {
            out.add(CompositionLayer.buffer("layer" + k, layers[k], 0, 0));
        }
        return out;
    }
}
