package org.sysmodels.presence.gateway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Props;

/** {@code /proc/stat}'s aggregate line read by proc(5)'s field order, and the steal share between two readings. */
class HostCpuTest {

    @Test
    void parsesTheAggregateLineByProcFiveFieldOrder() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        assertEquals(new HostCpu(100 + 2 + 30 + 6 + 7, 4000 + 5, 80), HostCpu.parse("cpu  100 2 30 4000 5 6 7 80 0 0"));
    }

    @Test
    void refusesAnotherLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HostCpu.parse("cpu0 1 2 3 4 5 6 7 8"));
        assertTrue(e.getMessage().contains("cpu0"), e.getMessage());
    }

    @Test
    void stealShareIsStealOverAllTheTimeBetweenTwoReadings() {
        Props.property().forAll(longs().between(0, 1_000_000), longs().between(0, 1_000_000),
                longs().between(0, 1_000_000)).checkAssert((busy, idle, steal) -> {
                    HostCpu before = new HostCpu(7, 11, 13);
                    HostCpu after = new HostCpu(7 + busy, 11 + idle, 13 + steal);
                    double all = busy + idle + steal;
                    assertEquals(all == 0 ? 0 : steal / all, after.stealShareSince(before), 0);
                });
    }

    /** A second without deliveries (the gateway gone) has no p99 to rank: "t=5s 0.0 ms" was listed among them. */
    @Test
    void theWorstSecondsAreThoseWithTheHighestP99WorstFirst() {
        List<SecondReport> s = List.of(new SecondReport(1, 0, 9, 5, 0), new SecondReport(2, 0, 9, 90, 0.08),
                new SecondReport(3, 0, 9, 12, 0), new SecondReport(4, 0, 9, 40, 0.01));
        assertEquals(List.of(2L, 4L), SecondReport.worst(s, 2).stream().map(SecondReport::t).toList());
        List<SecondReport> gone = List.of(new SecondReport(1, 5, 9, 7, 0), new SecondReport(2, 0, 0, 0, 0));
        assertEquals(List.of(1L), SecondReport.worst(gone, 5).stream().map(SecondReport::t).toList());
        assertTrue(s.get(1).line(0, 2_000).endsWith("p99 90.0 ms  errors 0  steal 8.0%"), s.get(1).line(0, 2_000));
        assertTrue(new SecondReport(1, 0, 0, 5, Double.NaN).line(0, 1).endsWith("errors 0"));
    }
}
