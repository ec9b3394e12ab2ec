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

/**
 * Damage-aware composition equals full recomposition: after some layers' buffers change inside their damage
 * rectangles, recomposing only the mapped damage gives the same image as composing everything again. Scaled,
 * transformed, bilinear and off-screen layers included.
 */
class DamageAwareCompositionTest {

    @Test
    void recomposingTheMappedDamageEqualsAFullComposition() {
        property(300).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int w = r.nextInt(1, 60);
            int h = r.nextInt(1, 45);
            int background = Pixels.randomPremultiplied(r) | 0xff000000;
            List<CompositionLayer> layers = LayerStacks.random(r, w, h, 6, true);
            CompositionEngine engine = new CompositionEngine();
            Image incremental = new Image(w, h);
            engine.compose(layers, incremental, background);

            Region damage = new Region();
            int changes = r.nextInt(1, 4);
            for (int c = 0; c < changes; c++) {
                CompositionLayer l = layers.get(r.nextInt(layers.size()));
                if (l.isSolid()) {
                    continue;
                }
                Image buf = l.buffer();
                int x = r.nextInt(buf.width());
                int y = r.nextInt(buf.height());
                Rect d = Rect.of(x, y, r.nextInt(1, buf.width() - x + 1), r.nextInt(1, buf.height() - y + 1));
                for (int yy = d.top(); yy < d.bottom(); yy++) {
                    for (int xx = d.left(); xx < d.right(); xx++) {
                        buf.set(xx, yy, Pixels.randomPremultiplied(r));
                    }
                }
                damage.add(DamageMapper.toDisplay(l, d));
            }
            engine.compose(layers, incremental, background, damage);

            Image full = new Image(w, h);
            engine.compose(layers, full, background);
            assertArrayEquals(full.pixels(), incremental.pixels(), () -> "seed " + seed + ": " + layers);
        });
    }
}
