package org.sysmodels.compositor.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Scaling and transforms: what nearest and bilinear sampling must do, pixman's rules written out. */
class SamplerTest {

    private static Image random(SplittableRandom r, int w, int h) {
        Image img = new Image(w, h);
        for (int i = 0; i < w * h; i++) {
            img.pixels()[i] = Pixels.randomPremultiplied(r);
        }
        return img;
    }

    private static int[] row(Image src, Rect crop, Transform t, int fw, int fh, Filter f, int j) {
        return row(src, SourceCrop.of(crop), t, fw, fh, f, j);
    }

    private static int[] row(Image src, SourceCrop crop, Transform t, int fw, int fh, Filter f, int j) {
        int[] out = new int[fw];
        Sampler.fetch(src, crop.bounds(), SourceMap.of(crop, t, fw, fh), f, j, 0, fw, out);
        return out;
    }

    /** The first case: 2×1 shown in 1×1, nearest: the centre 1.0 lies between the pixels; the left wins. */
    @Test
    void nearestBreaksATieTowardsTheUpperLeftPixel() {
        Image src = new Image(2, 1);
        src.pixels()[0] = 0xff0000ff;
        src.pixels()[1] = 0xffff0000;
        assertEquals(0xff0000ff, row(src, src.bounds(), Transform.NONE, 1, 1, Filter.NEAREST, 0)[0]);
    }

    /** The second case: black, white stretched to 3×1, bilinear: 7-bit weight 64 of 128, truncated. */
    @Test
    void bilinearUsesSevenBitWeightsAndTruncates() {
        Image src = new Image(2, 1);
        src.pixels()[0] = 0xff000000;
        src.pixels()[1] = 0xffffffff;
        int[] out = row(src, src.bounds(), Transform.NONE, 3, 1, Filter.BILINEAR, 0);
        assertEquals(0xff7f7f7f, out[1]);
        assertEquals(0xff000000, out[0], "left of the first centre: clamped to the edge pixel");
        assertEquals(0xffffffff, out[2]);
    }

    @Test
    void theTieRuleHoldsInBufferOrientationUnderAFlip() {
        // Flipped, display pixel 0 samples buffer position 1.0 too: the tie still goes to buffer pixel 0.
        Image src = new Image(2, 1);
        src.pixels()[0] = 0xff0000ff;
        src.pixels()[1] = 0xffff0000;
        assertEquals(0xff0000ff, row(src, src.bounds(), Transform.FLIP_H, 1, 1, Filter.NEAREST, 0)[0]);
    }

    @Test
    void nearestDoublingRepeatsEachPixelTwice() {
        Image src = random(new SplittableRandom(1), 7, 5);
        for (int j = 0; j < 10; j++) {
            int[] out = row(src, src.bounds(), Transform.NONE, 14, 10, Filter.NEAREST, j);
            for (int i = 0; i < 14; i++) {
                assertEquals(src.get(i / 2, j / 2), out[i]);
            }
        }
    }

    @Test
    void nearestHalvingTakesTheFirstPixelOfEachPair() {
        Image src = random(new SplittableRandom(2), 8, 6);
        for (int j = 0; j < 3; j++) {
            int[] out = row(src, src.bounds(), Transform.NONE, 4, 3, Filter.NEAREST, j);
            for (int i = 0; i < 4; i++) {
                assertEquals(src.get(2 * i, 2 * j), out[i], "centre 2i + 1 is a tie between 2i and 2i + 1");
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
            int fw = r.nextInt(1, 30);
            int fh = r.nextInt(1, 30);
            for (int j = 0; j < fh; j++) {
                for (int v : row(src, src.bounds(), t, fw, fh, Filter.BILINEAR, j)) {
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
            int fw = r.nextInt(1, 40);
            int fh = r.nextInt(1, 40);
            int min = 255;
            int max = 0;
            for (int p : src.pixels()) {
                min = Math.min(min, p >>> 24);
                max = Math.max(max, p >>> 24);
            }
            for (int j = 0; j < fh; j++) {
                for (int v : row(src, src.bounds(), Transform.of(r.nextInt(8)), fw, fh, Filter.BILINEAR, j)) {
                    assertTrue(Combine.isPremultiplied(v), Integer.toHexString(v));
                    assertTrue((v >>> 24) >= min && (v >>> 24) <= max);
                }
            }
        }
    }

    @Test
    void unscaledTransformsPermutePixelsAsTheHalSays() {
        SplittableRandom r = new SplittableRandom(5);
        for (int round = 0; round < 40; round++) {
            Image src = random(r, r.nextInt(1, 9), r.nextInt(1, 9));
            Rect crop = Rect.of(r.nextInt(src.width()), r.nextInt(src.height()), 1, 1);
            crop = new Rect(crop.left(), crop.top(), r.nextInt(crop.left() + 1, src.width() + 1),
                    r.nextInt(crop.top() + 1, src.height() + 1));
            Transform t = Transform.of(r.nextInt(8));
            int fw = t.width(crop.width(), crop.height());
            int fh = t.height(crop.width(), crop.height());
            for (Filter f : Filter.values()) {
                for (int j = 0; j < fh; j++) {
                    int[] out = row(src, crop, t, fw, fh, f, j);
                    for (int i = 0; i < fw; i++) {
                        assertEquals(src.get(crop.left() + t.sourceX(i, j, crop.width(), crop.height()),
                                crop.top() + t.sourceY(i, j, crop.width(), crop.height())), out[i], t + " " + f);
                    }
                }
            }
        }
    }

    @Test
    void aFractionalCropSamplesBetweenPixelsAndClampsToThePixelsItTouches() {
        Image src = new Image(4, 1);
        src.pixels()[0] = 0xff000000;
        src.pixels()[1] = 0xffffffff;
        src.pixels()[2] = 0xff000000;
        src.pixels()[3] = 0xff102030;
        // Crop [0.5, 2.5): two display pixels sample positions 1.0 and 2.0 of the buffer.
        SourceCrop crop = SourceCrop.ofFloats(0.5, 0, 2.5, 1);
        assertEquals(new Rect(0, 0, 3, 1), crop.bounds());
        int[] bilinear = row(src, crop, Transform.NONE, 2, 1, Filter.BILINEAR, 0);
        assertEquals(0xff7f7f7f, bilinear[0], "halfway between black and white");
        assertEquals(0xff7f7f7f, bilinear[1], "halfway between white and black; pixel 3 is outside the bounds");
        int[] nearest = row(src, crop, Transform.NONE, 2, 1, Filter.NEAREST, 0);
        assertEquals(0xff000000, nearest[0], "position 1.0 is a tie: pixel 0");
        assertEquals(0xffffffff, nearest[1], "position 2.0 is a tie: pixel 1");
    }

    @Test
    void blend4IsTheWeightedSumPerChannelTruncated() {
        SplittableRandom r = new SplittableRandom(6);
        for (int round = 0; round < 20_000; round++) {
            int[] p = {r.nextInt(), r.nextInt(), r.nextInt(), r.nextInt()};
            int fx = r.nextInt(128) * 2;
            int fy = r.nextInt(128) * 2;
            int want = 0;
            for (int shift = 0; shift < 32; shift += 8) {
                long v = (long) (p[0] >>> shift & 0xff) * (256 - fx) * (256 - fy)
                        + (long) (p[1] >>> shift & 0xff) * fx * (256 - fy)
                        + (long) (p[2] >>> shift & 0xff) * (256 - fx) * fy + (long) (p[3] >>> shift & 0xff) * fx * fy;
                want |= (int) (v >> 16) << shift;
            }
            assertEquals(want, Sampler.blend4(p[0], p[1], p[2], p[3], fx, fy));
        }
    }

    @Test
    void theWeightIsTheTopSevenFractionBitsDoubled() {
        assertEquals(0, Sampler.weight(0));
        assertEquals(0, Sampler.weight(511));
        assertEquals(2, Sampler.weight(512));
        assertEquals(128, Sampler.weight(0x8000));
        assertEquals(254, Sampler.weight(0xffff));
        assertEquals(254, Sampler.weight(-1), "the fraction of a negative position is taken as pixman does");
    }
}
