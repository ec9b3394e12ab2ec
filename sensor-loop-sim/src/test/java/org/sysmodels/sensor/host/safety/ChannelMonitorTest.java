package org.sysmodels.sensor.host.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Props;

/** {@link ChannelMonitor}'s verdicts: each kind from the read that should give it, and the rules that hold over any run. */
class ChannelMonitorTest {

    static final long MS = 1_000_000L;
    static final SafetyParameters P = SafetyParameters.defaults(Architecture.ONE_OUT_OF_TWO,
            List.of(new int[] {1, 0x76}, new int[] {1, 0x77}));

    @Test
    void eachVerdictFromItsRead() {
        ChannelMonitor m = new ChannelMonitor(P, 0);
        assertEquals(ChannelVerdict.NEW, m.check(MS, 2500, 1));
        assertEquals(ChannelVerdict.SAME, m.check(2 * MS, 2500, 1));
        assertEquals(ChannelVerdict.SAME, m.missed(3 * MS));
        assertEquals(ChannelVerdict.DISCARDED, m.check(4 * MS, 9000, 2));
        assertEquals(Dtc.SENSOR_RANGE, m.finding());
        assertEquals(2500, m.value());
        assertEquals(ChannelVerdict.NEW, m.check(5 * MS, 2501, 3));
        assertEquals(ChannelVerdict.FAILED, m.missed(5 * MS + P.staleUs() * 1000L + 1));
        assertEquals(Dtc.SENSOR_STALE, m.finding());
    }

    @Test
    void rawDataThatNeverChangesFails() {
        ChannelMonitor m = new ChannelMonitor(P, 0);
        assertEquals(ChannelVerdict.NEW, m.check(MS, 2500, 7));
        long frozen = MS + P.frozenUs() * 1000L;
        assertEquals(ChannelVerdict.SAME, m.check(frozen, 2500, 7));
        assertEquals(ChannelVerdict.FAILED, m.check(frozen + 1, 2500, 7));
        assertEquals(Dtc.SENSOR_FROZEN, m.finding());
    }

    /**
     * Over any sequence of reads (good, repeated, missed, out of range, jumping, after a long gap): a FAILED channel
     * stays failed and says so; a NEW verdict takes the read's temperature, SAME and DISCARDED keep the value (a
     * FAILED one may follow a jump the monitor took before counting it as noise).
     */
    @Test
    void failedIsForGoodAndOnlyNewMovesTheValue() {
        Props.property(500).forAll(lists().of(integers().between(0, 99)).ofSizeBetween(1, 200)).checkAssert(steps -> {
            ChannelMonitor m = new ChannelMonitor(P, 0);
            long now = 0;
            long raw = 0;
            int temp = 2500;
            boolean failedBefore = false;
            for (int i = 0; i < steps.size(); i++) {
                int s = steps.get(i);
                now += s >= 97 ? 30 * MS : MS;
                int before = m.value();
                int centiC = temp;
                ChannelVerdict v;
                if (s < 60) {
                    temp += s % 3 - 1;
                    centiC = temp;
                    v = m.check(now, centiC, ++raw);
                } else if (s < 75) {
                    v = m.check(now, centiC, raw);
                } else if (s < 85 || s >= 97) {
                    v = m.missed(now);
                } else if (s < 92) {
                    centiC = 9000;
                    v = m.check(now, centiC, ++raw);
                } else {
                    centiC = temp + 500;
                    v = m.check(now, centiC, ++raw);
                }
                String at = "read " + i + " of " + steps;
                if (failedBefore) {
                    assertEquals(ChannelVerdict.FAILED, v, at);
                }
                assertEquals(v == ChannelVerdict.FAILED, m.failed(), at);
                if (v == ChannelVerdict.NEW) {
                    assertEquals(centiC, m.value(), at);
                } else if (v != ChannelVerdict.FAILED) {
                    assertEquals(before, m.value(), at);
                }
                failedBefore = m.failed();
            }
            assertTrue(!failedBefore || m.finding() != null, "a failed channel names its finding");
        });
    }
}
