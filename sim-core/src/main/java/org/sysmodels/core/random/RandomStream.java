package org.sysmodels.core.random;

/**
 * One component's stream of pseudo-random numbers: SplitMix64 (Steele, Lea, Flood, "Fast splittable pseudorandom
 * number generators", OOPSLA 2014), written out here so a seed gives the same numbers on every JDK. Distributions are
 * computed from {@link #nextDouble()} by their textbook formulas for the same reason: the JDK's own samplers may change
 * between releases.
 */
public final class RandomStream {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long state;
    private double spareNormal;
    private boolean hasSpareNormal;

    public RandomStream(long seed) {
        this.state = seed;
    }

    /** The SplitMix64 output function (a variant of MurmurHash3's 64-bit finaliser). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix64(state);
    }

    public int nextInt() {
        return (int) (nextLong() >>> 32);
    }

    /**
     * Uniform in [0, bound), bound > 0, without modulo bias: Lemire's multiply-shift with rejection ("Fast random
     * integer generation in an interval", ACM TOMACS 29(1), 2019). The high word of x·bound is the result; a low word
     * below 2^64 mod bound marks the few x that would bias it.
     */
    public long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        return belowUnsigned(bound);
    }

    /** Lemire's method for a bound read as an unsigned 64-bit number in [1, 2^64 - 1]. */
    private long belowUnsigned(long bound) {
        long x = nextLong();
        long low = x * bound;
        if (Long.compareUnsigned(low, bound) < 0) {
            long threshold = Long.remainderUnsigned(-bound, bound);
            while (Long.compareUnsigned(low, threshold) < 0) {
                x = nextLong();
                low = x * bound;
            }
        }
        return Math.unsignedMultiplyHigh(x, bound);
    }

    /** Uniform in [0, bound), bound > 0. */
    public int nextInt(int bound) {
        return (int) nextLong(bound);
    }

    /**
     * Uniform in [lo, hi], lo ≤ hi. The range may be wider than {@code Long.MAX_VALUE} (e.g. [0, Long.MAX_VALUE]): its
     * width is then an unsigned number, and the whole range of {@code long} is a draw as it is.
     */
    public long uniform(long lo, long hi) {
        if (hi < lo) {
            throw new IllegalArgumentException("empty range [" + lo + ", " + hi + "]");
        }
        long width = hi - lo + 1;
        return width == 0 ? nextLong() : lo + belowUnsigned(width);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /** True with probability p. */
    public boolean chance(double p) {
        return nextDouble() < p;
    }

    /** Exponential with the given mean, by inversion: −mean·ln(1 − U). */
    public double exponential(double mean) {
        return -mean * Math.log1p(-nextDouble());
    }

    /** Normal by the Marsaglia polar method; the second value of each pair is kept for the next call. */
    public double normal(double mean, double stdDev) {
        if (hasSpareNormal) {
            hasSpareNormal = false;
            return mean + stdDev * spareNormal;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * Math.log(s) / s);
        spareNormal = v * f;
        hasSpareNormal = true;
        return mean + stdDev * u * f;
    }

    /** Log-normal whose underlying normal has parameters mu and sigma. */
    public double logNormal(double mu, double sigma) {
        return Math.exp(normal(mu, sigma));
    }
}
