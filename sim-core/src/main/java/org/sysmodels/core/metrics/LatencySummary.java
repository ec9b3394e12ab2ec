package org.sysmodels.core.metrics;

/** The usual figures of a latency distribution, in nanoseconds. */
public record LatencySummary(long count, long min, double mean, long p50, long p90, long p99, long p999, long max) {
}
