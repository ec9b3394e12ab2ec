package org.sysmodels.compositor.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Vector API kernels give the scalar kernels' bits, for every mode, plane alpha, length and offset. */
class VectorSpansTest {

    private SpanBlender vector;
    private final SpanBlender scalar = Spans.scalar();

    @BeforeEach
    void needVectorApi() {
        assumeTrue(Spans.vectorAvailable(), "skipped: run with --add-modules jdk.incubator.vector (the pom does)");
        vector = Spans.vector();
    }

    @Test
    void theBuildUsesTheVectorKernels() {
        assertEquals(vector.name(), Spans.best().name());
    }

    @Test
    void everyModeMatchesScalar() {
        SplittableRandom r = new SplittableRandom(11);
        for (int round = 0; round < 400; round++) {
            int n = r.nextInt(0, 200);
            int so = r.nextInt(0, 20);
            int d0 = r.nextInt(0, 20);
            int p = switch (r.nextInt(4)) {
                case 0 -> 255;
                case 1 -> 0;
                default -> r.nextInt(256);
            };
            boolean arbitrary = r.nextBoolean();
            int[] src = new int[so + n + 3];
            int[] dst = new int[d0 + n + 3];
            for (int i = 0; i < src.length; i++) {
                src[i] = arbitrary ? r.nextInt() : Pixels.randomPremultiplied(r);
            }
            for (int i = 0; i < dst.length; i++) {
                dst[i] = arbitrary ? r.nextInt() : Pixels.randomPremultiplied(r);
            }
            int color = r.nextInt();
            for (int mode = 0; mode < 4; mode++) {
                int[] a = dst.clone();
                int[] b = dst.clone();
                switch (mode) {
                    case 0 -> {
                        scalar.premultiplied(src, so, p, a, d0, n);
                        vector.premultiplied(src, so, p, b, d0, n);
                    }
                    case 1 -> {
                        scalar.none(src, so, p, a, d0, n);
                        vector.none(src, so, p, b, d0, n);
                    }
                    case 2 -> {
                        scalar.coverage(src, so, p, a, d0, n);
                        vector.coverage(src, so, p, b, d0, n);
                    }
                    default -> {
                        scalar.solid(color, p, a, d0, n);
                        vector.solid(color, p, b, d0, n);
                    }
                }
                assertArrayEquals(a, b, "mode " + mode + " p=" + p + " n=" + n);
            }
        }
    }

    @Test
    void theVectorKernelsSayWhatTheyAre() {
        assertTrue(vector.name().startsWith("vector ("), vector.name());
        assertEquals("scalar", scalar.name());
    }

    /**
     * UI stacks: each layer opaque over runs of pixels (whole vectors and parts of them) and translucent or empty
     * elsewhere, so the pass starts at the topmost opaque layer, chains up to three layers in registers, or leaves a
     * deep vector to the layer-by-layer pass.
     */
    @Test
    void overStackWithOpaqueRunsMatchesScalar() {
        SplittableRandom r = new SplittableRandom(13);
        for (int round = 0; round < 300; round++) {
            int n = r.nextInt(0, 200);
            int count = r.nextInt(1, 9);
            int[][] srcs = new int[count][];
            int[] offs = new int[count];
            for (int k = 0; k < count; k++) {
                offs[k] = r.nextInt(0, 17);
                srcs[k] = new int[offs[k] + n];
                int i = 0;
                while (i < srcs[k].length) {
                    int run = r.nextInt(1, 40);
                    int kind = r.nextInt(3);
                    for (int j = i; j < Math.min(srcs[k].length, i + run); j++) {
                        srcs[k][j] = switch (kind) {
                            case 0 -> Pixels.randomPremultiplied(r) | 0xff000000;
                            case 1 -> 0;
                            default -> Pixels.randomPremultiplied(r);
                        };
                    }
                    i += run;
                }
            }
            int[] dst = Pixels.randomPremultiplied(r, n + 5);
            int[] expected = dst.clone();
            for (int k = 0; k < count; k++) {
                scalar.premultiplied(srcs[k], offs[k], 255, expected, 5, n);
            }
            int[] b = dst.clone();
            vector.overStack(srcs, offs, count, b, 5, n);
            assertArrayEquals(expected, b, "round " + round);
        }
    }

    @Test
    void overStackMatchesLayerByLayerScalar() {
        SplittableRandom r = new SplittableRandom(12);
        for (int round = 0; round < 100; round++) {
            int n = r.nextInt(0, 300);
            int count = r.nextInt(1, 9);
            int[][] srcs = new int[count][];
            int[] offs = new int[count];
            for (int k = 0; k < count; k++) {
                offs[k] = r.nextInt(0, 17);
                srcs[k] = new int[offs[k] + n];
                for (int i = 0; i < srcs[k].length; i++) {
                    srcs[k][i] = r.nextInt(4) == 0 ? r.nextInt() : Pixels.randomPremultiplied(r);
                }
            }
            int[] dst = Pixels.randomPremultiplied(r, n + 5);
            int[] expected = dst.clone();
            for (int k = 0; k < count; k++) {
                scalar.premultiplied(srcs[k], offs[k], 255, expected, 5, n);
            }
            int[] a = dst.clone();
            int[] b = dst.clone();
            scalar.overStack(srcs, offs, count, a, 5, n);
            vector.overStack(srcs, offs, count, b, 5, n);
            assertArrayEquals(expected, a);
            assertArrayEquals(expected, b);
        }
    }
}
