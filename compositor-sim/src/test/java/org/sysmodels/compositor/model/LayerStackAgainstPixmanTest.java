package org.sysmodels.compositor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sysmodels.compositor.pixel.Filter;
import org.sysmodels.compositor.pixel.Image;
import org.sysmodels.compositor.pixel.Pixels;
import org.sysmodels.compositor.pixel.SourceCrop;
import org.sysmodels.compositor.pixel.SourceMap;
import org.sysmodels.compositor.pixel.Spans;
import org.sysmodels.compositor.pixel.Transform;
import org.sysmodels.compositor.testing.Pixman;
import org.sysmodels.compositor.testing.PixmanStack;

/**
 * Random layer stacks composed by the engine, with the scalar and with the vector kernels, give pixman's bits:
 * buffers, crops (fractional ones too), frames partly off-screen, all eight transforms, nearest and bilinear scaling
 * at every scale, the three blend modes, plane alpha, solid colours, arbitrary non-premultiplied pixels too. Each
 * stack is composed onto an existing image (a random background), as pixman composites onto its destination.
 */
class LayerStackAgainstPixmanTest {

    @BeforeEach
    void needPixman() {
        Pixman.require();
    }

    @Test
    void unscaledStacksMatchPixman() {
        Compared c = compare(21, 300, false);
        assertTrue(c.pixels() > 100_000, c.toString());
    }

    @Test
    void scaledStacksMatchPixman() {
        Compared c = compare(22, 400, true);
        assertTrue(c.resampled() > 400, "stacks with scaled or fractional-crop layers: " + c);
        System.out.println("pixman comparison, scaled stacks: " + c);
    }

    @Test
    void theModelsMatrixIsTheOneDerivedIndependentlyForPixman() {
        SplittableRandom r = new SplittableRandom(23);
        for (int round = 0; round < 20_000; round++) {
            int bw = r.nextInt(1, 50);
            int bh = r.nextInt(1, 50);
            SourceCrop crop = LayerStacks.fractional(r, bw, bh);
            Transform t = Transform.of(r.nextInt(8));
            int fw = r.nextInt(1, 200);
            int fh = r.nextInt(1, 200);
            assertEquals(Arrays.toString(PixmanStack.matrix(crop, t, fw, fh)),
                    Arrays.toString(SourceMap.of(crop, t, fw, fh).matrix()), crop + " " + t + " " + fw + "×" + fh);
        }
    }

    /** What a comparison covered: stacks, layers, resampled layers, pixels compared per kernel set. */
    record Compared(int stacks, int layers, int resampled, int bilinear, long pixels) {
    }

    private static Compared compare(long seed, int cases, boolean scaled) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Image> expectedFrom = new ArrayList<>();
        List<List<CompositionLayer>> stacks = new ArrayList<>();
        Pixman.Script script = Pixman.script();
        int layerCount = 0;
        int resampled = 0;
        int bilinear = 0;
        long pixels = 0;
        for (int c = 0; c < cases; c++) {
            int w = r.nextInt(1, 70);
            int h = r.nextInt(1, 50);
            Image background = new Image(w, h);
            for (int i = 0; i < w * h; i++) {
                background.pixels()[i] = Pixels.randomPremultiplied(r);
            }
            List<CompositionLayer> layers = LayerStacks.random(r, w, h, 8, scaled);
            for (CompositionLayer l : layers) {
                layerCount++;
                if (l.isResampled()) {
                    resampled++;
                    bilinear += l.filter() == Filter.BILINEAR ? 1 : 0;
                }
            }
            script.image(0, Pixman.A8R8G8B8, w, h, background.pixels());
            PixmanStack.compose(script, layers, w, h);
            script.read(0, w * h);
            expectedFrom.add(background);
            stacks.add(layers);
            pixels += (long) w * h;
        }
        List<int[]> expected = script.run();
        for (var engine : List.of(new CompositionEngine(Spans.scalar()), new CompositionEngine(Spans.best()))) {
            for (int c = 0; c < cases; c++) {
                Image target = expectedFrom.get(c).copy();
                engine.composeOnto(stacks.get(c), target);
                int[] want = expected.get(c);
                for (int i = 0; i < want.length; i++) {
                    int at = i;
                    int caseNo = c;
                    assertEquals(want[i], target.pixels()[i], () -> engine.kernels() + " case " + caseNo + " pixel ("
                            + at % target.width() + "," + at / target.width() + ") of " + target + ": "
                            + stacks.get(caseNo));
                }
            }
        }
        return new Compared(cases, layerCount, resampled, bilinear, pixels);
    }
}
