package org.sysmodels.core.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.metrics.LatencyHistogram;

class PercentilePlotTest {

    @Test
    void eachCurveIsReadAtItsPercentilesPlacedByNinesAndEmptyOnesAreLeftOut() {
        LatencyHistogram flat = new LatencyHistogram("flat");
        flat.record(2_000, 10_000);
        LatencyHistogram tail = new LatencyHistogram("tail");
        tail.record(1_000, 990);
        tail.record(1_000_000, 10);
        Map<String, LatencyHistogram> curves = new LinkedHashMap<>();
        curves.put("flat", flat);
        curves.put("none", new LatencyHistogram("none"));
        curves.put("tail", tail);
        Plot p = PercentilePlot.of("lat", "Latency", curves);
        assertEquals(2, p.series().size(), "the empty histogram has no line");
        Series t = p.series().get(1);
        assertEquals("tail", t.name());
        assertArrayEquals(new double[] {0.301, 0.602, 1, 1.301, 2, 3, 4}, t.x(), 1e-3);
        assertEquals(1.0, t.y()[4], 0.01, "p99 is still the fast request (us)");
        assertEquals(1_000.0, t.y()[5], 1.0, "p99.9 is the slow one");
        assertEquals(2.0, p.series().get(0).y()[0], 0.01);
        assertTrue(p.logY());
    }
}
