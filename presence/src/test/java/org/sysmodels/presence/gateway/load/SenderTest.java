package org.sysmodels.presence.gateway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Props;

/**
 * The sender's schedule: what it owes by a time and when each update falls due, with and without a rate ramp.
 * Sending needs an event loop; the schedule does not.
 */
class SenderTest {

    private static Sender sender(double perSecond, long rampNs) {
        return new Sender(null, List.of(), perSecond, rampNs, null, 0, Long.MAX_VALUE);
    }

    @Test
    void withoutARampTheRateIsFlat() {
        Sender s = sender(20_200, 0);
        assertEquals(20_200, s.owedAt(1_000_000_000L));
        assertEquals(1_000_000_000L / 20_200.0, s.dueAfter(1), 1e-6);
    }

    @Test
    void aRampOwesHalfTheFlatRateOverItThenTheFullRate() {
        Sender s = sender(20_000, 10_000_000_000L);
        assertEquals(25_000, s.owedAt(5_000_000_000L), 1, "a quarter of the ramp's r·R/2 at its middle");
        assertEquals(100_000, s.owedAt(10_000_000_000L), 1, "r·R/2 at the ramp's end");
        assertEquals(120_000, s.owedAt(11_000_000_000L), 1, "then the full rate");
        assertEquals(20_000, s.owedAt(12_000_000_000L) - s.owedAt(11_000_000_000L), 1);
    }

    @Test
    void eachUpdateIsOwedOneNanosecondPastItsDueTimeAndNotBefore() {
        // the run loop schedules itself for ceil(dueAfter(k)) + 1 and sends what owedAt says: the two must agree
        Props.property().withExamples(2_000).forAll(integers().between(1, 200_000), longs().between(0, 30_000_000_000L),
                integers().between(1, 4_000_000)).checkAssert((rate, ramp, k) -> {
                    Sender s = sender(rate, ramp);
                    long due = (long) Math.ceil(s.dueAfter(k));
                    assertTrue(s.owedAt(due + 1) >= k, "update " + k + " not owed at its due time " + due);
                    assertTrue(s.owedAt(Math.max(0, due - 2)) < k || due < 2, "update " + k + " owed before " + due);
                });
    }
}
