package org.sysmodels.sensor.model.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Props;

/** {@link Clock#ns} with its cache gives exactly what the floating-point expression gives: traces depend on every bit. */
class ClockTest {

    @Test
    void nsOfCyclesIsTheRoundedQuotientAfterEveryFrequencyChange() {
        Props.property(300).forAll(longs().between(1_000_000, 480_000_000L), doubles().between(0.05, 4.0),
                longs().between(-1, 5_000)).checkAssert((nominal, factor, cycles) -> {
                    Clock c = new Clock(nominal);
                    assertEquals(Math.round(cycles * 1e9 / nominal), c.ns(cycles));
                    assertEquals(Math.round(cycles * 1e9 / nominal), c.ns(cycles));    // from the cache
                    c.setFactor(factor, 0);
                    assertEquals(Math.round(cycles * 1e9 / (nominal * factor)), c.ns(cycles));
                    assertEquals(Math.round(cycles * 1e9 / (nominal * factor)), c.ns(cycles));
                    c.setFactor(1.0, 0);
                    assertEquals(Math.round(cycles * 1e9 / (double) nominal), c.ns(cycles));
                });
    }
}
