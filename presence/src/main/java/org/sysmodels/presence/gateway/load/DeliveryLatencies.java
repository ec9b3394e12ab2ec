package org.sysmodels.presence.gateway.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Fan-out latency of the deliveries this process receives, in µs up to an hour, with three significant digits: all of
 * them, and, against several gateways, split by whether the update was sent to the receiving connection's gateway or
 * another one. Event loops record (HdrHistogram's {@link Recorder}: wait-free writers); one reporting thread reads
 * intervals and adds them to the measured phase's totals.
 */
final class DeliveryLatencies {

    private static final long MAX_US = 3_600_000_000L;

    private final Recorder all = new Recorder(MAX_US, 3);
    private final Recorder sameNode = new Recorder(MAX_US, 3);
    private final Recorder crossNode = new Recorder(MAX_US, 3);
    final Histogram total = new Histogram(MAX_US, 3);
    final Histogram same = new Histogram(MAX_US, 3);
    final Histogram cross = new Histogram(MAX_US, 3);

    /** One delivery at {@code node} of an update sent to {@code sentTo} (-1: one gateway, not split). */
    void record(long us, long sentTo, int node) {
        all.recordValue(us);
        if (sentTo >= 0) {
            (sentTo == node ? sameNode : crossNode).recordValue(us);
        }
    }

    /** Drops what was recorded since the last read; the totals are untouched. */
    void forget() {
        all.getIntervalHistogram();
        sameNode.getIntervalHistogram();
        crossNode.getIntervalHistogram();
    }

    /** What was recorded since the last read, without adding it to the totals (the warm-up's line). */
    Histogram interval() {
        return all.getIntervalHistogram();
    }

    /** Adds what was recorded since the last read to the totals, and returns its part of {@link #total}. */
    Histogram collect() {
        Histogram h = all.getIntervalHistogram();
        total.add(h);
        same.add(sameNode.getIntervalHistogram());
        cross.add(crossNode.getIntervalHistogram());
        return h;
    }
}
