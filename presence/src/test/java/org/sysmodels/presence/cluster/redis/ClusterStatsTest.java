package org.sysmodels.presence.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The cluster's status line says what it knows of outages, and nothing empty. */
class ClusterStatsTest {

    /** While the first outage lasts nothing has been recovered: the line said "(0.0 s in all; last: )". */
    @Test
    void theFirstOutageIsShownAsNotOverYet() {
        ClusterStats s = new ClusterStats();
        assertTrue(s.line().endsWith("; no outage"), s.line());
        s.outages.incrementAndGet();
        assertTrue(s.line().endsWith("; outages 1 (0.0 s in all; none over yet)"), s.line());
        s.outageNanos.addAndGet(2_500_000_000L);
        s.recovered("back after 2.50 s");
        assertTrue(s.line().endsWith("; outages 1 (2.5 s in all; last: back after 2.50 s)"), s.line());
    }
}
