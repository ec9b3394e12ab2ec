package org.sysmodels.bench.core;

import org.sysmodels.core.random.RandomStream;

/**
 * The classic hold model for event-set benchmarks (Vaucher and Duval, "A comparison of simulation event list
 * algorithms", CACM 18(4), 1975): keep N events pending; each step removes the earliest and inserts one at
 * now + an exponential increment. The increments are drawn once into a ring so that every implementation measured
 * sees the same sequence and none pays for random number generation inside the measurement.
 */
public final class HoldModel {

    public static final int INCREMENTS = 1 << 16;
    public static final double MEAN_INCREMENT_NS = 1_000;

    private HoldModel() {
    }

    public static long[] increments(long seed) {
        RandomStream r = new RandomStream(seed);
        long[] inc = new long[INCREMENTS];
        for (int i = 0; i < inc.length; i++) {
            inc[i] = 1 + Math.round(r.exponential(MEAN_INCREMENT_NS));
        }
        return inc;
    }

    /** Initial event times: N uniform draws over the span N events at the mean increment would cover. */
    public static long[] initialTimes(int pending, long seed) {
        RandomStream r = new RandomStream(seed ^ 0x5DEECE66DL);
        long[] t = new long[pending];
        for (int i = 0; i < pending; i++) {
            t[i] = r.nextLong((long) (MEAN_INCREMENT_NS * 4));
        }
        return t;
    }
}
