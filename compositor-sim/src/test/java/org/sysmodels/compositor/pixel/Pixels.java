package org.sysmodels.compositor.pixel;

import java.util.SplittableRandom;

/** Random pixels for tests: premultiplied ones, with opaque and transparent ones more often than chance. */
public final class Pixels {

    private Pixels() {
    }

    public static int randomPremultiplied(SplittableRandom r) {
        int kind = r.nextInt(8);
        if (kind == 0) {
            return 0;
        }
        int a = kind == 1 ? 255 : r.nextInt(256);
        return Un8x4.argb(a, r.nextInt(a + 1), r.nextInt(a + 1), r.nextInt(a + 1));
    }

    public static int[] randomPremultiplied(SplittableRandom r, int n) {
        int[] px = new int[n];
        for (int i = 0; i < n; i++) {
            px[i] = randomPremultiplied(r);
        }
        return px;
    }
}
