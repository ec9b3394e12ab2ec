package org.sysmodels.compositor.pixel;

/** {@link SpanBlender} one pixel at a time through {@link Combine}: the reference the vector kernels must match. */
public final class ScalarSpans implements SpanBlender {

    public static final ScalarSpans INSTANCE = new ScalarSpans();

    private ScalarSpans() {
    }

    @Override
    public void premultiplied(int[] src, int srcOff, int p, int[] dst, int dstOff, int n) {
        if (p == 255) {
            for (int i = 0; i < n; i++) {
                dst[dstOff + i] = Combine.over(src[srcOff + i], dst[dstOff + i]);
            }
        } else if (p != 0) {
            for (int i = 0; i < n; i++) {
                dst[dstOff + i] = Combine.premultiplied(src[srcOff + i], p, dst[dstOff + i]);
            }
        }
    }

    @Override
    public void none(int[] src, int srcOff, int p, int[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = Combine.none(src[srcOff + i], p, dst[dstOff + i]);
        }
    }

    @Override
    public void coverage(int[] src, int srcOff, int p, int[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = Combine.coverage(src[srcOff + i], p, dst[dstOff + i]);
        }
    }

    @Override
    public void solid(int color, int p, int[] dst, int dstOff, int n) {
        int s = Combine.in(color, p);
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = Combine.over(s, dst[dstOff + i]);
        }
    }

    @Override
    public void overStack(int[][] srcs, int[] srcOffs, int count, int[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            int d = dst[dstOff + i];
            for (int k = 0; k < count; k++) {
                d = Combine.over(srcs[k][srcOffs[k] + i], d);
            }
            dst[dstOff + i] = d;
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
