package org.sysmodels.core.metrics;

/** One figure a run reports: a count, a measured value with its unit, or a latency distribution. */
public sealed interface Metric {

    String name();

    /** How many times something happened. */
    record Count(String name, long value) implements Metric {
    }

    /** A measured or derived quantity, e.g. IOPS or a mean wait, with its unit ("IOPS", "ns", "%"). */
    record Value(String name, double value, String unit) implements Metric {
    }

    /** A latency distribution (ns). */
    record Latency(String name, LatencySummary summary) implements Metric {
    }
}
