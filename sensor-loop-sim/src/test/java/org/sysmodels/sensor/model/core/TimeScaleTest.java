package org.sysmodels.sensor.model.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Props;

/**
 * {@link TimeScale#periods} and the {@link Clock#ns} look-up give exactly what the floating-point expressions they
 * replace give: the traces depend on every bit.
 */
class TimeScaleTest {

    static long reference(long ns, double hz) {
        return (long) Math.floor(ns * hz / 1e9);
    }

    @Test
    void periodsEqualTheDoubleExpressionForWholeFrequencies() {
        Props.property(5_000).forAll(longs().between(0, (1L << 53) - 1), integers().between(0, 52),
                longs().between(1, 480_000_000L)).checkAssert((raw, bits, hz) -> {
                    long ns = raw >>> (52 - bits);    // spans of every magnitude, from 0 to 2⁵³ ns
                    assertEquals(reference(ns, hz), TimeScale.periods(ns, hz), "ns=" + ns + " hz=" + hz);
                });
    }

    /** Spans that put m = ns·hz just above or just below a multiple of 10⁹, where rounding could move the floor. */
    @Test
    void periodsEqualTheDoubleExpressionNextToAWholePeriod() {
        Props.property(5_000).forAll(longs().between(1, 5_000), longs().between(0, 1L << 33),
                longs().between(-3_000_000, 3_000_000)).checkAssert((hz, k, offset) -> {
                    long target = k * 1_000_000_000L + offset;
                    long ns = Math.max(0, Math.floorDiv(target, hz) + (offset % 3));
                    assertEquals(reference(ns, hz), TimeScale.periods(ns, hz), "ns=" + ns + " hz=" + hz);
                });
    }

    @Test
    void periodsEqualTheDoubleExpressionForAnyFrequency() {
        Props.property(5_000).forAll(longs().between(-1_000, 1L << 60), doubles().between(1e-3, 1e10))
                .checkAssert((ns, hz) -> assertEquals(reference(ns, hz), TimeScale.periods(ns, hz),
                        "ns=" + ns + " hz=" + hz));
    }

    @Test
    void lsiTicksAt32kHzAcrossHours() {
        Lsi lsi = Lsi.nominal();
        for (long ns = 0; ns < 4 * 3_600_000_000_000L; ns += 9_999_991) {
            assertEquals(reference(ns, 32_000), lsi.ticks(ns), "ns=" + ns);
        }
    }

    @Test
    void nsOfCyclesIsTheRoundedQuotientAfterEveryFrequencyChange() {
        Props.property(300).forAll(longs().between(1_000_000, 480_000_000L), doubles().between(0.05, 4.0),
                integers().between(0, 3_000)).checkAssert((nominal, factor, cycles) -> {
                    Clock c = new Clock(nominal);
                    assertEquals(Math.round(cycles * 1e9 / nominal), c.ns(cycles));
                    assertEquals(Math.round(cycles * 1e9 / nominal), c.ns(cycles));    // from the table
                    c.setFactor(factor, 0);
                    assertEquals(Math.round(cycles * 1e9 / (nominal * factor)), c.ns(cycles));
                    assertEquals(Math.round(cycles * 1e9 / (nominal * factor)), c.ns(cycles));
                    c.setFactor(1.0, 0);
                    assertEquals(Math.round(cycles * 1e9 / (double) nominal), c.ns(cycles));
                });
    }
}
