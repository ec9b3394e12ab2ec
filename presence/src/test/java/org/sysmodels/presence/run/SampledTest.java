package org.sysmodels.presence.run;

import org.sysmodels.core.testing.Props;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;

/** The multiplication test of {@link Sampled} says the same as the remainder, for any slot and stride. */
class SampledTest {

    @Test
    void sameAsTheRemainder() {
        Props.property().forAll(integers().between(-1_000, Integer.MAX_VALUE), integers().between(1, Integer.MAX_VALUE))
                .check((s, stride) -> new Sampled(true, stride).test(s) == (s % stride == 0));
    }

    @Test
    void multiplesAndTheirNeighbours() {
        Props.property().forAll(integers().between(0, 1 << 20), integers().between(1, 1 << 11))
                .check((k, stride) -> {
                    Sampled t = new Sampled(true, stride);
                    long m = (long) k * stride;
                    return m > Integer.MAX_VALUE || t.test((int) m) && (stride == 1 || !t.test((int) m + 1)
                            && (m == 0 || !t.test((int) m - 1)));
                });
    }

    @Test
    void noneWhenNothingIsSampled() {
        Props.property().forAll(integers().all(), integers().between(1, Integer.MAX_VALUE))
                .check((s, stride) -> !new Sampled(false, stride).test(s));
    }
}
