package org.sysmodels.compositor.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Scaling and transforms: what nearest and bilinear sampling must do whatever the implementation. */
class SamplerTest {

    private static Image random(SplittableRandom r, int w, int h) {
        Image img = new Image(w, h);
        for (int i = 0; i < w * h; i++) {
            img.pixels()[i] = Pixels.randomPremultiplied(r);
        }
        return img;
    }

    private static int[] row(Image src, Rect crop, Transform t, Rect frame, Filter f, int y) {
        int[] out = new int[frame.width()];
        Sampler.fetch(src, crop, t, frame, f, y, frame.left(), frame.width(), out);
        return out;
    }

    @Test
    void nearestDoublingRepeatsEachPixelTwice() {
        Image src = random(new SplittableRandom(1), 7, 5);
        Rect frame = Rect.of(3, 2, 14, 10);
        for (int y = 0; y < 10; y++) {
            int[] out = row(src, src.bounds(), Transform.NONE, frame, Filter.NEAREST, frame.top() + y);
            for (int x = 0; x < 14; x++) {
                assertEquals(src.get(x / 2, y / 2), out[x]);
            }
        }
    }

    @Test
    void nearestHalvingTakesTheSecondPixelOfEachPair() {
        Image src = random(new SplittableRandom(2), 8, 6);
        Rect frame = Rect.of(0, 0, 4, 3);
        for (int y = 0; y < 3; y++) {
            int[] out = row(src, src.bounds(), Transform.NONE, frame, Filter.NEAREST, y);
            for (int x = 0; x < 4; x++) {
                assertEquals(src.get(2 * x + 1, 2 * y + 1), out[x], "centre (2x+1)·8/8 lands on pixel 2x+1");
            }
        }
    }

    @Test
    void bilinearOfAConstantImageIsThatConstant() {
        SplittableRandom r = new SplittableRandom(3);
        for (int round = 0; round < 50; round++) {
            int c = Pixels.randomPremultiplied(r);
            Image src = new Image(r.nextInt(1, 9), r.nextInt(1, 9));
            src.fill(c);
            Transform t = Transform.of(r.nextInt(8));
            Rect frame = Rect.of(0, 0, r.nextInt(1, 30), r.nextInt(1, 30));
            for (int y = 0; y < frame.height(); y++) {
                for (int v : row(src, src.bounds(), t, frame, Filter.BILINEAR, y)) {
                    assertEquals(c, v);
                }
            }
        }
    }

    @Test
    void bilinearStaysPremultipliedAndWithinItsNeighbours() {
        SplittableRandom r = new SplittableRandom(4);
        for (int round = 0; round < 50; round++) {
            Image src = random(r, r.nextInt(1, 12), r.nextInt(1, 12));
            Rect frame = Rect.of(0, 0, r.nextInt(1, 40), r.nextInt(1, 40));
            int min = 255;
            int max = 0;
            for (int p : src.pixels()) {
                min = Math.min(min, p >>> 24);
                max = Math.max(max, p >>> 24);
            }
            for (int y = 0; y < frame.height(); y++) {
                for (int v : row(src, src.bounds(), Transform.of(r.nextInt(8)), frame, Filter.BILINEAR, y)) {
                    assertTrue(Combine.isPremultiplied(v), Integer.toHexString(v));
                    assertTrue((v >>> 24) >= min && (v >>> 24) <= max);
                }
            }
        }
    }

    @Test
    void unscaledTransformsPermutePixels() {
        Image src = random(new SplittableRandom(5), 5, 3);
        // ROT_90: the crop's left column, read bottom to top, becomes the top row.
        int[] top = row(src, src.bounds(), Transform.ROT_90, Rect.of(0, 0, 3, 5), Filter.BILINEAR, 0);
        assertEquals(src.get(0, 2), top[0]);
        assertEquals(src.get(0, 1), top[1]);
        assertEquals(src.get(0, 0), top[2]);
        int[] flipped = row(src, src.bounds(), Transform.FLIP_H, Rect.of(0, 0, 5, 3), Filter.NEAREST, 1);
        for (int x = 0; x < 5; x++) {
            assertEquals(src.get(4 - x, 1), flipped[x]);
        }
        int[] rot180 = row(src, src.bounds(), Transform.ROT_180, Rect.of(0, 0, 5, 3), Filter.NEAREST, 0);
        assertEquals(src.get(4, 2), rot180[0]);
    }
}
