package org.sysmodels.compositor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.sysmodels.compositor.pixel.Filter;
import org.sysmodels.compositor.pixel.Image;
import org.sysmodels.compositor.pixel.Pixels;
import org.sysmodels.compositor.pixel.Rect;
import org.sysmodels.compositor.pixel.SourceCrop;
import org.sysmodels.compositor.pixel.Transform;

/**
 * Random layer stacks for tests: random buffers, crops (fractional ones too), frames (partly off-screen too),
 * transforms, filters and blends.
 */
final class LayerStacks {

    private LayerStacks() {
    }

    /**
     * @param scaled whether frames may differ in size from the transformed crop and crops may be fractional
     */
    static List<CompositionLayer> random(SplittableRandom r, int w, int h, int maxLayers, boolean scaled) {
        int count = r.nextInt(1, maxLayers + 1);
        List<CompositionLayer> layers = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int planeAlpha = switch (r.nextInt(4)) {
                case 0, 1 -> 255;
                case 2 -> r.nextInt(256);
                default -> r.nextInt(2) * 255;
            };
            if (r.nextInt(10) == 0) {
                Rect frame = Rect.of(r.nextInt(-5, w), r.nextInt(-5, h), r.nextInt(1, w + 1), r.nextInt(1, h + 1));
                layers.add(new CompositionLayer("solid" + k, null, r.nextInt(), (SourceCrop) null, frame, Transform.NONE,
                        BlendMode.PREMULTIPLIED, planeAlpha, Filter.NEAREST));
                continue;
            }
            Image buf = new Image(r.nextInt(1, 40), r.nextInt(1, 30));
            boolean arbitrary = r.nextInt(5) == 0;
            for (int i = 0; i < buf.pixels().length; i++) {
                buf.pixels()[i] = arbitrary ? r.nextInt() : Pixels.randomPremultiplied(r);
            }
            int cx = r.nextInt(buf.width());
            int cy = r.nextInt(buf.height());
            Rect whole = Rect.of(cx, cy, r.nextInt(1, buf.width() - cx + 1), r.nextInt(1, buf.height() - cy + 1));
            SourceCrop crop = scaled && r.nextInt(3) == 0 ? fractional(r, buf.width(), buf.height())
                    : SourceCrop.of(whole);
            Transform t = Transform.of(r.nextInt(8));
            int fw = t.width(crop.width(), crop.height()) >> 16;
            int fh = t.height(crop.width(), crop.height()) >> 16;
            if (scaled && (r.nextBoolean() || !crop.isIntegral())) {
                fw = r.nextInt(1, 2 * w);
                fh = r.nextInt(1, 2 * h);
            }
            Rect frame = Rect.of(r.nextInt(-fw + 1, w + 2), r.nextInt(-fh + 1, h + 2), fw, fh);
            BlendMode blend = BlendMode.values()[r.nextInt(3)];
            Filter filter = r.nextBoolean() ? Filter.NEAREST : Filter.BILINEAR;
            layers.add(new CompositionLayer("layer" + k, buf, 0, crop, frame, t, blend, planeAlpha, filter));
        }
        return layers;
    }

    /** A crop whose edges fall between pixels: quarters, 1/256ths or any 16.16 value, inside a w × h buffer. */
    static SourceCrop fractional(SplittableRandom r, int w, int h) {
        int[] x = edges(r, w);
        int[] y = edges(r, h);
        return new SourceCrop(x[0], y[0], x[1], y[1]);
    }

    private static int[] edges(SplittableRandom r, int size) {
        int step = switch (r.nextInt(3)) {
            case 0 -> SourceCrop.ONE / 4;
            case 1 -> SourceCrop.ONE / 256;
            default -> 1;
        };
        int slots = (size << 16) / step;
        int a = r.nextInt(slots);
        int b = r.nextInt(a + 1, slots + 1);
        return new int[] {a * step, b * step};
    }
}
