package org.sysmodels.compositor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sysmodels.compositor.pixel.Image;
import org.sysmodels.compositor.pixel.Pixels;
import org.sysmodels.compositor.pixel.Spans;
import org.sysmodels.compositor.testing.Pixman;
import org.sysmodels.compositor.testing.PixmanStack;

/**
 * Random layer stacks (buffers, crops, frames partly off-screen, all eight transforms, the three blend modes, plane
 * alpha, solid colours, arbitrary non-premultiplied pixels too) composed by the engine, with the scalar and with the
 * vector kernels, give pixman's bits.
 */
class LayerStackAgainstPixmanTest {

    @BeforeEach
    void needPixman() {
        Pixman.require();
    }

    @Test
    void randomStacksMatchPixman() {
        SplittableRandom r = new SplittableRandom(21);
        int cases = 300;
        List<Image> expectedFrom = new ArrayList<>();
        List<List<CompositionLayer>> stacks = new ArrayList<>();
        Pixman.Script script = Pixman.script();
        for (int c = 0; c < cases; c++) {
            int w = r.nextInt(1, 70);
            int h = r.nextInt(1, 50);
            Image background = new Image(w, h);
            for (int i = 0; i < w * h; i++) {
                background.pixels()[i] = Pixels.randomPremultiplied(r);
            }
            List<CompositionLayer> layers = LayerStacks.random(r, w, h, 8, false);
            script.image(0, Pixman.A8R8G8B8, w, h, background.pixels());
            PixmanStack.compose(script, layers, w, h);
            script.read(0, w * h);
            expectedFrom.add(background);
            stacks.add(layers);
        }
        List<int[]> expected = script.run();
        for (var engine : List.of(new CompositionEngine(Spans.scalar()), new CompositionEngine(Spans.best()))) {
            for (int c = 0; c < cases; c++) {
                Image target = expectedFrom.get(c).copy();
                composeOver(engine, stacks.get(c), target);
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
    }

    /** Composes over the existing target contents: the first "layer" is the background image itself. */
    private static void composeOver(CompositionEngine engine, List<CompositionLayer> layers, Image target) {
        List<CompositionLayer> withBackground = new ArrayList<>();
        withBackground.add(CompositionLayer.buffer("background", target.copy(), 0, 0));
        withBackground.addAll(layers);
        engine.compose(withBackground, target, 0);
    }
}
