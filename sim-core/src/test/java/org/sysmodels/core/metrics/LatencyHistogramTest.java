package org.sysmodels.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void addMergesCounts() {
        LatencyHistogram reads = new LatencyHistogram("reads");
        LatencyHistogram writes = new LatencyHistogram("writes");
        for (int i = 1; i <= 100; i++) {
            reads.record(i * 1000L);
        }
        writes.record(500_000);
        LatencyHistogram all = new LatencyHistogram("all");
        all.add(reads);
        all.add(writes);
        assertEquals(101, all.count());
        assertEquals(500_000, all.max(), 500);
        assertEquals(100, reads.count(), "the source is unchanged");
    }

    @Test
    void recordWithACountIsThatManyRecords() {
        LatencyHistogram once = new LatencyHistogram("once");
        LatencyHistogram each = new LatencyHistogram("each");
        long[][] values = {{1_234_567, 3}, {42, 1}, {9_000_000_000L, 5}, {777, 2}};
        for (long[] v : values) {
            once.record(v[0], v[1]);
            for (int k = 0; k < v[1]; k++) {
                each.record(v[0]);
            }
        }
        assertEquals(each.summary(), once.summary());
        for (double p : new double[] {0, 10, 50, 90, 99, 100}) {
            assertEquals(each.percentile(p), once.percentile(p), "p" + p);
        }
    }
}
