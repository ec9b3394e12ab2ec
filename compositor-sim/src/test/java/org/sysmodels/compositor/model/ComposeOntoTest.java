package org.sysmodels.compositor.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.sysmodels.core.testing.Props.property;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;
import org.sysmodels.compositor.pixel.Image;
import org.sysmodels.compositor.pixel.Pixels;
import org.sysmodels.compositor.pixel.Rect;
import org.sysmodels.compositor.pixel.Region;

/** Composing onto an existing image: the layers go over what the target holds, and nothing else changes. */
class ComposeOntoTest {

    @Test
    void ontoAnImageOfTheBackgroundIsComposingOverTheBackground() {
        property(200).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int w = r.nextInt(1, 50);
            int h = r.nextInt(1, 40);
            int background = Pixels.randomPremultiplied(r);
            List<CompositionLayer> layers = LayerStacks.random(r, w, h, 5, true);
            CompositionEngine engine = new CompositionEngine();
            Image cleared = new Image(w, h);
            engine.compose(layers, cleared, background);
            Image onto = new Image(w, h);
            onto.fill(background);
            engine.composeOnto(layers, onto);
            assertArrayEquals(cleared.pixels(), onto.pixels(), () -> "seed " + seed);
        });
    }

    @Test
    void outsideTheRegionAndTheFramesThePreviousImageStays() {
        property(200).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int w = r.nextInt(1, 50);
            int h = r.nextInt(1, 40);
            Image previous = new Image(w, h);
            for (int i = 0; i < w * h; i++) {
                previous.pixels()[i] = Pixels.randomPremultiplied(r);
            }
            List<CompositionLayer> layers = LayerStacks.random(r, w, h, 5, true);
            Rect part = Rect.of(r.nextInt(w), r.nextInt(h), r.nextInt(1, w + 1), r.nextInt(1, h + 1));
            Image target = previous.copy();
            new CompositionEngine().composeOnto(layers, target, Region.of(part));
            Image whole = previous.copy();
            new CompositionEngine().composeOnto(layers, whole);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    Rect px = Rect.of(x, y, 1, 1);
                    boolean inPart = part.intersects(px);
                    boolean covered = layers.stream().anyMatch(l -> l.frame().intersects(px));
                    int want = inPart && covered ? whole.get(x, y) : previous.get(x, y);
                    org.junit.jupiter.api.Assertions.assertEquals(want, target.get(x, y),
                            "seed " + seed + " at (" + x + "," + y + ")");
                }
            }
        });
    }
}
