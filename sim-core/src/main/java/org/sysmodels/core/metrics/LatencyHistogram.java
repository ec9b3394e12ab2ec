package org.sysmodels.core.metrics;

import org.HdrHistogram.Histogram;

/**
 * A latency distribution in nanoseconds, kept by HdrHistogram (Gil Tene) at three significant digits: recording is a
 * few array operations and allocates nothing once the value range has been seen, and percentiles come out exact to
 * 0.1%.
 */
public final class LatencyHistogram {

    private final String name;
    private final Histogram histogram = new Histogram(3);

    public LatencyHistogram(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Records one latency (ns, ≥ 0). */
    public void record(long nanos) {
        histogram.recordValue(nanos);
    }

    /** Records {@code count} latencies of {@code nanos} each (ns, ≥ 0): the same as {@code count} calls of
     * {@link #record(long)}, in one step. */
    public void record(long nanos, long count) {
        histogram.recordValueWithCount(nanos, count);
    }

    public long count() {
        return histogram.getTotalCount();
    }

    public double mean() {
        return histogram.getMean();
    }

    /** The value at a percentile in [0, 100]. */
    public long percentile(double p) {
        return histogram.getValueAtPercentile(p);
    }

    public long max() {
        return histogram.getMaxValue();
    }

    /** Adds every value recorded in {@code other} to this histogram (to report several classes together). */
    public void add(LatencyHistogram other) {
        histogram.add(other.histogram);
    }

    public void reset() {
        histogram.reset();
    }

    public LatencySummary summary() {
        if (count() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new LatencySummary(count(), histogram.getMinValue(), mean(), percentile(50), percentile(90),
                percentile(99), percentile(99.9), max());
    }
}
