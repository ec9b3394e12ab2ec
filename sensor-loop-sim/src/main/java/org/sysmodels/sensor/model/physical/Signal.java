package org.sysmodels.sensor.model.physical;

import java.util.Arrays;

/**
 * A physical quantity over virtual time, as the scenario describes it: a constant, a piecewise-linear profile
 * (ramps), a recording with timestamps (linearly interpolated, held at its ends), or any of these with process noise
 * added. Pure functions of time.
 */
public sealed interface Signal {

    /** The value at {@code ns}. */
    double at(long ns);

    /** A constant value. */
    record Constant(double value) implements Signal {
        @Override
        public double at(long ns) {
            return value;
        }
    }

    /**
     * Straight lines between points (t ns, value), held before the first and after the last: ramps, steps (two
     * points at the same time) and recordings.
     */
    record Piecewise(long[] times, double[] values) implements Signal {
        public Piecewise {
            if (times.length == 0 || times.length != values.length) {
                throw new IllegalArgumentException("a profile needs as many times as values, at least one");
            }
            for (int i = 1; i < times.length; i++) {
                if (times[i] < times[i - 1]) {
                    throw new IllegalArgumentException("profile times must not decrease (point " + i + ")");
                }
            }
            times = times.clone();
            values = values.clone();
        }

        @Override
        public double at(long ns) {
            if (ns <= times[0]) {
                return values[0];
            }
            int n = times.length;
            if (ns >= times[n - 1]) {
                return values[n - 1];
            }
            int i = Arrays.binarySearch(times, ns);
            if (i >= 0) {
                while (i + 1 < n && times[i + 1] == ns) {
                    i++;
                }
                return values[i];
            }
            int hi = -i - 1;
            int lo = hi - 1;
            double f = (double) (ns - times[lo]) / (times[hi] - times[lo]);
            return values[lo] + f * (values[hi] - values[lo]);
        }

        /** The first time at or after {@code from} at which the profile is above {@code level}, or −1. */
        public long firstAbove(double level, long from) {
            if (at(from) > level) {
                return from;
            }
            for (int i = 1; i < times.length; i++) {
                if (times[i] < from) {
                    continue;
                }
                double v0 = at(Math.max(from, times[i - 1]));
                double v1 = values[i];
                if (v1 > level && times[i] > times[i - 1]) {
                    long t0 = Math.max(from, times[i - 1]);
                    double f = (level - v0) / (v1 - v0);
                    long t = t0 + (long) Math.ceil(f * (times[i] - t0));
                    while (at(t) <= level && t < times[i]) {
                        t++;
                    }
                    return t;
                } else if (v1 > level) {
                    return times[i];
                }
            }
            return -1;
        }
    }

    /** {@code base} plus Gaussian process noise of {@code sigma}, a new sample every {@code intervalNs}. */
    record Noisy(Signal base, double sigma, long intervalNs, long seed) implements Signal {
        public Noisy {
            if (sigma < 0 || intervalNs <= 0) {
                throw new IllegalArgumentException("noise needs sigma ≥ 0 and an interval > 0");
            }
        }

        @Override
        public double at(long ns) {
            return base.at(ns) + sigma * Noise.normal(seed, ns / intervalNs);
        }
    }
}
