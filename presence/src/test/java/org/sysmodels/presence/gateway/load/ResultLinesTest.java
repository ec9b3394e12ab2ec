package org.sysmodels.presence.gateway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** What {@code sim presence load} prints at the end. */
class ResultLinesTest {

    /** Rates are grouped like the counts beside them: "deliveries received: 148,720 (49254/s)" mixed the two. */
    @Test
    void ratesAreGroupedLikeCounts() {
        Histogram h = new Histogram(3_600_000_000L, 3);
        LoadResult r = new LoadResult(2000, 2000, 2000, 15_000, 1_487_200, 3.0, h, Map.of(), 0, 1, h, h, -1,
                List.of());
        assertEquals("updates sent: 15,000 (5,000/s); deliveries received: 1,487,200 (495,733/s)",
                ResultLines.of(r).get(1));
    }
}
