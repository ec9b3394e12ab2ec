package org.sysmodels.compositor.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sysmodels.compositor.testing.Pixman.A8;
import static org.sysmodels.compositor.testing.Pixman.A8R8G8B8;
import static org.sysmodels.compositor.testing.Pixman.OP_ADD;
import static org.sysmodels.compositor.testing.Pixman.OP_OVER;
import static org.sysmodels.compositor.testing.Pixman.OP_SRC;
import static org.sysmodels.compositor.testing.Pixman.X8R8G8B8;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sysmodels.compositor.testing.Pixman;

/**
 * Each tiny operation on its own against pixman: exhaustively over all 8-bit pairs where it takes two bytes, and on
 * random pixels (valid premultiplied ones and arbitrary ones, so saturation is exercised) where it takes pixels.
 */
class PixelOpsAgainstPixmanTest {

    private static final int N = 256;

    @BeforeEach
    void needPixman() {
        Pixman.require();
    }

    /** Pixel (x, a) of a 256×256 image: x in every channel. */
    private static int[] grey() {
        int[] px = new int[N * N];
        for (int a = 0; a < N; a++) {
            for (int x = 0; x < N; x++) {
                px[a * N + x] = x * 0x01010101;
            }
        }
        return px;
    }

    private static int[] rowValue() {
        int[] px = new int[N * N];
        for (int a = 0; a < N; a++) {
            for (int x = 0; x < N; x++) {
                px[a * N + x] = a;
            }
        }
        return px;
    }

    @Test
    void mulUn8IsPixmansInWithAnA8Mask() {
        int[] out = Pixman.script()
                .image(0, X8R8G8B8, N, N, grey()).image(1, A8, N, N, rowValue()).image(2, A8R8G8B8, N, N, new int[N * N])
                .composite(OP_SRC, 0, 1, 2, 0, 0, 0, 0, 0, 0, N, N).read(2, N * N).run().get(0);
        for (int a = 0; a < N; a++) {
            for (int x = 0; x < N; x++) {
                int p = out[a * N + x];
                assertEquals(Un8.mul(x, a), p & 0xff, "mul(" + x + ", " + a + ")");
                assertEquals(Un8x4.mulUn8(x * 0x00010101 | 0xff000000, a), p, "mulUn8(" + x + ", " + a + ")");
            }
        }
    }

    @Test
    void mulUn8OnRandomPixelsIsPixmansIn() {
        SplittableRandom r = new SplittableRandom(1);
        int[] src = r.ints(N * N).toArray();
        int[] mask = r.ints(N * N, 0, 256).toArray();
        int[] out = Pixman.script()
                .image(0, A8R8G8B8, N, N, src).image(1, A8, N, N, mask).image(2, A8R8G8B8, N, N, new int[N * N])
                .composite(OP_SRC, 0, 1, 2, 0, 0, 0, 0, 0, 0, N, N).read(2, N * N).run().get(0);
        for (int i = 0; i < N * N; i++) {
            assertEquals(Combine.in(src[i], mask[i]), out[i], "in at " + i);
        }
    }

    @Test
    void saturatingAddIsPixmansAdd() {
        int[] dst = rowValue();
        for (int i = 0; i < dst.length; i++) {
            dst[i] *= 0x01010101;
        }
        int[] out = Pixman.script()
                .image(0, A8R8G8B8, N, N, grey()).image(1, A8R8G8B8, N, N, dst)
                .composite(OP_ADD, 0, -1, 1, 0, 0, 0, 0, 0, 0, N, N).read(1, N * N).run().get(0);
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                assertEquals(Un8.add(x, y), out[y * N + x] & 0xff, "add(" + x + ", " + y + ")");
                assertEquals(Un8x4.addUn8x4(x * 0x01010101, y * 0x01010101), out[y * N + x]);
            }
        }
    }

    @Test
    void overIsPixmansOverOnValidAndArbitraryPixels() {
        SplittableRandom r = new SplittableRandom(2);
        int[] src = new int[N * N];
        int[] dst = new int[N * N];
        for (int i = 0; i < src.length; i++) {
            src[i] = i % 3 == 0 ? r.nextInt() : Pixels.randomPremultiplied(r);
            dst[i] = i % 5 == 0 ? r.nextInt() : Pixels.randomPremultiplied(r);
        }
        int[] out = Pixman.script()
                .image(0, A8R8G8B8, N, N, src).image(1, A8R8G8B8, N, N, dst.clone())
                .composite(OP_OVER, 0, -1, 1, 0, 0, 0, 0, 0, 0, N, N).read(1, N * N).run().get(0);
        for (int i = 0; i < src.length; i++) {
            assertEquals(Combine.over(src[i], dst[i]), out[i],
                    () -> "over " + Integer.toHexString(src[0]) + " onto " + Integer.toHexString(dst[0]));
        }
    }

    @Test
    void blendModesWithPlaneAlphaArePixmansOverWithAMask() {
        SplittableRandom r = new SplittableRandom(3);
        for (int p : new int[] {0, 1, 77, 128, 200, 254, 255}) {
            int[] src = new int[N * N];
            int[] dst = new int[N * N];
            for (int i = 0; i < src.length; i++) {
                src[i] = i % 4 == 0 ? r.nextInt() : Pixels.randomPremultiplied(r);
                dst[i] = Pixels.randomPremultiplied(r);
            }
            int color = Pixels.randomPremultiplied(r);
            List<int[]> out = Pixman.script()
                    .image(0, A8R8G8B8, N, N, src).view(1, 0, X8R8G8B8).solid(2, p * 0x01000000)
                    .image(3, A8R8G8B8, N, N, dst.clone()).image(4, A8R8G8B8, N, N, dst.clone())
                    .image(5, A8R8G8B8, N, N, dst.clone()).image(6, A8, N, N, new int[N * N])
                    .image(7, A8R8G8B8, N, N, dst.clone()).solid(8, color)
                    // PREMULTIPLIED: src IN p OVER dst
                    .composite(OP_OVER, 0, 2, 3, 0, 0, 0, 0, 0, 0, N, N)
                    // NONE: opaque src IN p OVER dst
                    .composite(OP_OVER, 1, 2, 4, 0, 0, 0, 0, 0, 0, N, N)
                    // COVERAGE: coverage = src.a IN p into an a8 mask, then opaque src IN coverage OVER dst
                    .composite(OP_SRC, 0, 2, 6, 0, 0, 0, 0, 0, 0, N, N)
                    .composite(OP_OVER, 1, 6, 5, 0, 0, 0, 0, 0, 0, N, N)
                    // solid color layer
                    .composite(OP_OVER, 8, 2, 7, 0, 0, 0, 0, 0, 0, N, N)
                    .read(3, N * N).read(4, N * N).read(5, N * N).read(7, N * N).run();
            for (int i = 0; i < src.length; i++) {
                int s = src[i];
                int d = dst[i];
                String at = " p=" + p + " s=" + Integer.toHexString(s) + " d=" + Integer.toHexString(d);
                assertEquals(Combine.premultiplied(s, p, d), out.get(0)[i], "PREMULTIPLIED" + at);
                assertEquals(Combine.none(s, p, d), out.get(1)[i], "NONE" + at);
                assertEquals(Combine.coverage(s, p, d), out.get(2)[i], "COVERAGE" + at);
                assertEquals(Combine.over(Combine.in(color, p), d), out.get(3)[i], "solid" + at);
            }
        }
    }
}
