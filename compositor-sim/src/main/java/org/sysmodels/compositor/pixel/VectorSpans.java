package org.sysmodels.compositor.pixel;

import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.NOT;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SpanBlender} on SIMD lanes with the Vector API (incubating: JEP 448 in JDK 21, JEP 508 in JDK 25): the
 * {@link Un8x4} arithmetic with one pixel per int lane. The two-channel halves are multiplied as 16-bit lanes
 * ({@code x·a ≤ 65025} fits), the rounding (t + t/256)/256 is two 16-bit shifts and an add, and the saturating add is
 * x + min(y, 255 − x) on bytes. Only operators present unchanged from JDK 21 to 25 are used (JDK 24 renamed the
 * unsigned comparisons). Tails shorter than a vector go through {@link Combine}. Bit-exact with {@link ScalarSpans};
 * the tests check both against each other and against pixman.
 *
 * <p>Loaded only by {@link Spans#vector()}, so nothing links against the incubator module unless it is present.
 */
final class VectorSpans implements SpanBlender {

    private static final VectorSpecies<Integer> I = species();
    private static final int RB = 0x00ff00ff;
    private static final int OPAQUE = 0xff000000;
    private static final short HALF = 0x80;
    private static final short HIGH_BYTE = (short) 0xff00;

    VectorSpans() {
    }

    /** The machine's preferred width, or {@code -Dsysmodels.compositor.vectorBits=128|256|512}. */
    private static VectorSpecies<Integer> species() {
        return switch (Integer.getInteger("sysmodels.compositor.vectorBits", 0)) {
            case 128 -> IntVector.SPECIES_128;
            case 256 -> IntVector.SPECIES_256;
            case 512 -> IntVector.SPECIES_512;
            default -> IntVector.SPECIES_PREFERRED;
        };
    }

    @Override
    public String name() {
        return "vector (" + I.vectorBitSize() + "-bit)";
    }

    /** Each channel of x times the lane's a/255, rounded; a in 0..255 per int lane. */
    static IntVector mulUn8(IntVector x, IntVector a) {
        return mulUn8(x, a.or(a.lanewise(LSHL, 16)).reinterpretAsShorts());
    }

    /** Each channel of x times a/255 with a2 holding a in both 16-bit halves of every int lane. */
    static IntVector mulUn8(IntVector x, ShortVector a2) {
        ShortVector rb = x.and(RB).reinterpretAsShorts().mul(a2).add(HALF);
        rb = rb.add(rb.lanewise(LSHR, 8)).lanewise(LSHR, 8);
        ShortVector ag = x.lanewise(LSHR, 8).and(RB).reinterpretAsShorts().mul(a2).add(HALF);
        ag = ag.add(ag.lanewise(LSHR, 8)).and(HIGH_BYTE);
        return rb.reinterpretAsInts().or(ag.reinterpretAsInts());
    }

    /**
     * Per-byte min(x + y, 255), as x + min(y, 255 − x): the unsigned min is a signed min after flipping the top bit
     * (v ^ 0x80), and (255 − x) ^ 0x80 is x ^ 0x7f.
     */
    static IntVector addUn8x4(IntVector x, IntVector y) {
        ByteVector xb = x.reinterpretAsBytes();
        ByteVector room = xb.lanewise(XOR, (byte) 0x7f);
        ByteVector capped = y.reinterpretAsBytes().lanewise(XOR, (byte) 0x80).min(room).lanewise(XOR, (byte) 0x80);
        return xb.add(capped).reinterpretAsInts();
    }

    /** s + d·(255 − s.a)/255 per channel, saturating. */
    static IntVector over(IntVector s, IntVector d) {
        return addUn8x4(s, mulUn8(d, s.lanewise(NOT).lanewise(LSHR, 24)));
    }

    private static ShortVector both(int p) {
        return IntVector.broadcast(I, p | p << 16).reinterpretAsShorts();
    }

    @Override
    public void premultiplied(int[] src, int srcOff, int p, int[] dst, int dstOff, int n) {
        if (p == 0) {
            return;
        }
        int i = 0;
        int bound = I.loopBound(n);
        if (p == 255) {
            for (; i < bound; i += I.length()) {
                IntVector s = IntVector.fromArray(I, src, srcOff + i);
                IntVector d = IntVector.fromArray(I, dst, dstOff + i);
                over(s, d).intoArray(dst, dstOff + i);
            }
        } else {
            ShortVector p2 = both(p);
            for (; i < bound; i += I.length()) {
                IntVector s = mulUn8(IntVector.fromArray(I, src, srcOff + i), p2);
                IntVector d = IntVector.fromArray(I, dst, dstOff + i);
                over(s, d).intoArray(dst, dstOff + i);
            }
        }
        for (; i < n; i++) {
            dst[dstOff + i] = Combine.premultiplied(src[srcOff + i], p, dst[dstOff + i]);
        }
    }

    @Override
    public void none(int[] src, int srcOff, int p, int[] dst, int dstOff, int n) {
        int i = 0;
        int bound = I.loopBound(n);
        if (p == 255) {
            for (; i < bound; i += I.length()) {
                IntVector.fromArray(I, src, srcOff + i).or(OPAQUE).intoArray(dst, dstOff + i);
            }
        } else {
            ShortVector p2 = both(p);
            for (; i < bound; i += I.length()) {
                IntVector s = mulUn8(IntVector.fromArray(I, src, srcOff + i).or(OPAQUE), p2);
                IntVector d = IntVector.fromArray(I, dst, dstOff + i);
                over(s, d).intoArray(dst, dstOff + i);
            }
        }
        for (; i < n; i++) {
            dst[dstOff + i] = Combine.none(src[srcOff + i], p, dst[dstOff + i]);
        }
    }

    @Override
    public void coverage(int[] src, int srcOff, int p, int[] dst, int dstOff, int n) {
        int i = 0;
        int bound = I.loopBound(n);
        IntVector pv = IntVector.broadcast(I, p);
        for (; i < bound; i += I.length()) {
            IntVector raw = IntVector.fromArray(I, src, srcOff + i);
            IntVector t = raw.lanewise(LSHR, 24).mul(pv).add(0x80);
            IntVector cov = t.add(t.lanewise(LSHR, 8)).lanewise(LSHR, 8);
            IntVector s = mulUn8(raw.or(OPAQUE), cov);
            IntVector d = IntVector.fromArray(I, dst, dstOff + i);
            over(s, d).intoArray(dst, dstOff + i);
        }
        for (; i < n; i++) {
            dst[dstOff + i] = Combine.coverage(src[srcOff + i], p, dst[dstOff + i]);
        }
    }

    @Override
    public void solid(int color, int p, int[] dst, int dstOff, int n) {
        int c = Combine.in(color, p);
        int i = 0;
        int bound = I.loopBound(n);
        IntVector s = IntVector.broadcast(I, c);
        ShortVector ia = both(255 - Un8x4.alpha(c));
        for (; i < bound; i += I.length()) {
            IntVector d = IntVector.fromArray(I, dst, dstOff + i);
            addUn8x4(s, mulUn8(d, ia)).intoArray(dst, dstOff + i);
        }
        for (; i < n; i++) {
            dst[dstOff + i] = Combine.over(c, dst[dstOff + i]);
        }
    }

    /** Above this many layers to blend, a vector waits for the layer-by-layer pass instead of one long chain. */
    private static final int CHAIN = 3;

    /**
     * The tiled pass. The topmost layer that is opaque across a vector hides everything below it (over(s, d) = s
     * exactly when s.a = 255), so blending starts there and lower layers are not read. A vector with at most
     * {@link #CHAIN} layers left is blended at once in registers; one with more would be a long dependency chain
     * (each over waits for the one below), so it is left to a second pass that goes layer by layer along the span
     * while the span stays in L1, where consecutive vectors are independent.
     */
    @Override
    public void overStack(int[][] srcs, int[] srcOffs, int count, int[] dst, int dstOff, int n) {
        int step = I.length();
        int vectors = n / step;
        int[] first = scratch(vectors);
        boolean deep = false;
        for (int j = 0, i = 0; j < vectors; j++, i += step) {
            int f = count - 1;
            while (f >= 0 && !isOpaque(IntVector.fromArray(I, srcs[f], srcOffs[f] + i))) {
                f--;
            }
            if (count - 1 - f <= CHAIN) {
                int[] base = f >= 0 ? srcs[f] : dst;
                int baseOff = f >= 0 ? srcOffs[f] : dstOff;
                IntVector d = IntVector.fromArray(I, base, baseOff + i);
                for (int k = f + 1; k < count; k++) {
                    d = over(IntVector.fromArray(I, srcs[k], srcOffs[k] + i), d);
                }
                d.intoArray(dst, dstOff + i);
                f = count;
            } else {
                deep = true;
            }
            first[j] = f;
        }
        if (deep) {
            for (int k = 0; k < count; k++) {
                int[] src = srcs[k];
                int off = srcOffs[k];
                for (int j = 0, i = 0; j < vectors; j++, i += step) {
                    int f = first[j];
                    if (k > f) {
                        IntVector d = IntVector.fromArray(I, dst, dstOff + i);
                        over(IntVector.fromArray(I, src, off + i), d).intoArray(dst, dstOff + i);
                    } else if (k == f) {
                        IntVector.fromArray(I, src, off + i).intoArray(dst, dstOff + i);
                    }
                }
            }
        }
        for (int i = vectors * step; i < n; i++) {
            int d = dst[dstOff + i];
            for (int k = 0; k < count; k++) {
                d = Combine.over(srcs[k][srcOffs[k] + i], d);
            }
            dst[dstOff + i] = d;
        }
    }

    private static final ThreadLocal<int[][]> SCRATCH = ThreadLocal.withInitial(() -> new int[][] {new int[256]});

    /** A per-thread int array of at least n entries, reused across calls. */
    private static int[] scratch(int n) {
        int[][] holder = SCRATCH.get();
        if (holder[0].length < n) {
            holder[0] = new int[Math.max(n, 2 * holder[0].length)];
        }
        return holder[0];
    }

    private static boolean isOpaque(IntVector s) {
        return s.or(0x00ffffff).compare(EQ, -1).allTrue();
    }
}
