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
}
