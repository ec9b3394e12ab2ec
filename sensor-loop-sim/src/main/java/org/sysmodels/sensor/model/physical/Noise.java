package org.sysmodels.sensor.model.physical;

/**
 * Stateless noise: the k-th sample of a stream is a pure function of (seed, k), so a sensor's noise does not depend
 * on when or how often the firmware reads it. Samples are SplitMix64 hashes (Steele, Lea, Flood, OOPSLA 2014);
 * {@link #normal} sums four uniforms (Irwin–Hall), which matches a Gaussian to within a few percent inside ±3σ and
 * needs no logarithm, so a sensor can draw one per measurement on the hot path.
 */
public final class Noise {

    private static final double UNIT = 0x1.0p-53;
    /** Irwin–Hall with n = 4 has variance 4/12; this scales it to 1. */
    private static final double SCALE4 = Math.sqrt(3.0);

    private Noise() {
    }

    /** SplitMix64's finaliser of {@code seed + (k + 1)·γ}. */
    public static long hash(long seed, long k) {
        long z = seed + (k + 1) * 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public static double uniform(long seed, long k) {
        return (hash(seed, k) >>> 11) * UNIT;
    }

    /** Approximately N(0, 1): four 16-bit uniforms from one hash, summed and centred. */
    public static double normal(long seed, long k) {
        long h = hash(seed, k);
        double s = (h & 0xFFFF) + ((h >>> 16) & 0xFFFF) + ((h >>> 32) & 0xFFFF) + (h >>> 48);
        return (s / 65536.0 - 2.0) * SCALE4;
    }
}
