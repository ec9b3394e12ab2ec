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

    /**
     * Connections closed 4008 say what to change: a load of 500 updates/s over 5 connections (6,000 per connection
     * per minute) on a gateway allowing 120 events a minute ended with only "closes by code {4008=5}".
     */
    @Test
    void rateLimitedConnectionsSayWhatToChange() {
        Histogram h = new Histogram(3_600_000_000L, 3);
        LoadResult r = new LoadResult(5, 5, 0, 1_000, 2_000, 2.0, h, Map.of(4008, 5L), 0, 1, h, h, -1, List.of());
        List<String> lines = ResultLines.of(r);
        assertEquals("4008 (rate limited): each connection sent about 6,000 updates per 60 s, plus its heartbeats, "
                + "over the gateway's limit; start it with `sim presence serve --rate-limit N` (N above that, with "
                + "room for heartbeats), or spread the updates over more --connections", lines.get(lines.size() - 1));
    }
}
