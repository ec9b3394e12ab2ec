package org.sysmodels.core.metrics;

import java.util.Arrays;

/** Samples (virtual time ns, value) in time order, kept in growable primitive arrays: no boxing, no per-sample object. */
public final class TimeSeries {

    private final String name;
    private long[] times = new long[64];
    private double[] values = new double[64];
    private int size;

    public TimeSeries(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void add(long time, double value) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        times[size] = time;
        values[size] = value;
        size++;
    }

    public int size() {
        return size;
    }

    public long time(int i) {
        return times[i];
    }

    public double value(int i) {
        return values[i];
    }

    public long[] times() {
        return Arrays.copyOf(times, size);
    }

    public double[] values() {
        return Arrays.copyOf(values, size);
    }
}
