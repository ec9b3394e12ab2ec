package org.sysmodels.compositor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sysmodels.core.testing.Props.property;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;
import org.sysmodels.compositor.pixel.Filter;
import org.sysmodels.compositor.pixel.Image;
import org.sysmodels.compositor.pixel.Rect;
import org.sysmodels.compositor.pixel.SourceCrop;
import org.sysmodels.compositor.pixel.SourceMap;
import org.sysmodels.compositor.pixel.Transform;

/**
 * The mapped damage is exactly the bounding box of the display pixels whose samples touch the damaged buffer
 * pixels, found here by brute force from the sampling rules: one pixel ⌊(p − e)⌋ for NEAREST, ⌊(p − ½)⌋ and the next
 * for BILINEAR, clamped to the crop's bounds.
 */
class DamageMapperTest {

    @Test
    void theMappedDamageIsTheBoundingBoxOfThePixelsThatSampleIt() {
        property(400).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int w = r.nextInt(1, 60);
            int h = r.nextInt(1, 45);
            for (CompositionLayer l : LayerStacks.random(r, w, h, 4, true)) {
                if (l.isSolid()) {
                    continue;
                }
                Rect b = l.crop().bounds();
                int x = r.nextInt(b.left(), b.right());
                int y = r.nextInt(b.top(), b.bottom());
                Rect d = new Rect(x, y, r.nextInt(x + 1, b.right() + 1), r.nextInt(y + 1, b.bottom() + 1));
                assertEquals(bruteForce(l, d), DamageMapper.toDisplay(l, d), () -> "seed " + seed + ": " + l
                        + " damage " + d);
            }
        });
    }

    /**
     * Positions that fall outside the crop's bounds (a frame much wider than a sliver of a crop, whose 16.16 scale
     * rounds far off) clamp to the edge pixel: damage there reaches every display pixel beyond the edge.
     */
    @Test
    void damageAtAnEdgeReachesThePixelsThatClampToIt() {
        Image one = new Image(1, 1);
        CompositionLayer flipped = new CompositionLayer("sliver", one, 0, new SourceCrop(0, 0, 60, SourceCrop.ONE),
                Rect.ofSize(100, 1), Transform.FLIP_H, BlendMode.PREMULTIPLIED, 255, Filter.NEAREST);
        assertEquals(Rect.ofSize(100, 1), DamageMapper.toDisplay(flipped, Rect.ofSize(1, 1)));
        assertEquals(bruteForce(flipped, Rect.ofSize(1, 1)), DamageMapper.toDisplay(flipped, Rect.ofSize(1, 1)));
        CompositionLayer stretched = new CompositionLayer("stretched", one, 0,
                new SourceCrop(0, 0, SourceCrop.ONE - 1, SourceCrop.ONE), Rect.ofSize(7709, 1), Transform.NONE,
                BlendMode.PREMULTIPLIED, 255, Filter.NEAREST);
        assertEquals(Rect.ofSize(7709, 1), DamageMapper.toDisplay(stretched, Rect.ofSize(1, 1)));
    }

    private static Rect bruteForce(CompositionLayer l, Rect d) {
        Rect b = l.crop().bounds();
        SourceMap m = l.map();
        boolean bilinear = l.filter() == Filter.BILINEAR && l.isResampled();
        long off = bilinear ? 1 << 15 : 1;
        Rect box = Rect.EMPTY;
        for (int j = 0; j < l.frame().height(); j++) {
            for (int i = 0; i < l.frame().width(); i++) {
                long fx = Math.floorDiv(m.x(i, j) - off, 1L << 16);
                long fy = Math.floorDiv(m.y(i, j) - off, 1L << 16);
                int extra = bilinear ? 1 : 0;
                if (meets(fx, extra, b.width(), d.left() - b.left(), d.right() - b.left())
                        && meets(fy, extra, b.height(), d.top() - b.top(), d.bottom() - b.top())) {
                    box = box.bounds(Rect.of(l.frame().left() + i, l.frame().top() + j, 1, 1));
                }
            }
        }
        return box;
    }

    /** Pixels f .. f + extra, clamped to 0..size−1, meet [d0, d1). */
    private static boolean meets(long f, int extra, int size, int d0, int d1) {
        for (long k = f; k <= f + extra; k++) {
            long c = Math.max(0, Math.min(size - 1, k));
            if (c >= d0 && c < d1) {
                return true;
            }
        }
        return false;
    }
}
