package org.sysmodels.core.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.testing.Props;

/** Each distribution's samples are its textbook formula applied to the stream, never negative; and its mean. */
class DistributionTest {

    @Test
    void fixedIsAlwaysItsValue() {
        Distribution d = new Distribution.Fixed(80_000);
        RandomStream r = new RandomStream(1);
        for (int i = 0; i < 10; i++) {
            assertEquals(80_000, d.sample(r));
        }
        assertEquals(80_000.0, d.expectedValue());
        RandomStream untouched = new RandomStream(1);
        d.sample(untouched);
        assertEquals(new RandomStream(1).nextLong(), untouched.nextLong(), "a fixed value draws nothing");
    }

    @Test
    void uniformIsTheStreamsUniformOnItsClosedRange() {
        Props.property(300).forAll(longs().between(0, 1_000_000), longs().between(0, 1_000_000), longs().all())
                .checkAssert((a, b, seed) -> {
                    long min = Math.min(a, b);
                    long max = Math.max(a, b);
                    Distribution d = new Distribution.Uniform(min, max);
                    assertEquals(new RandomStream(seed).uniform(min, max), d.sample(new RandomStream(seed)));
                    assertEquals((min + max) / 2.0, d.expectedValue());
                });
        assertEquals(7, new Distribution.Uniform(7, 7).sample(new RandomStream(3)), "min = max is allowed");
        Distribution all = new Distribution.Uniform(0, Long.MAX_VALUE);
        assertTrue(all.sample(new RandomStream(3)) >= 0);
        assertEquals(Long.MAX_VALUE / 2.0, all.expectedValue(), 1.0);
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> new Distribution.Uniform(5, 4));
        assertEquals("max", e.field());
        assertEquals("max (4) must be at least min (5)", e.getMessage());
    }

    @Test
    void exponentialIsTheRoundedInverseTransform() {
        Props.property(300).forAll(longs().between(0, 1L << 40), longs().all()).checkAssert((mean, seed) -> {
            Distribution d = new Distribution.Exponential(mean);
            assertEquals(Math.round(new RandomStream(seed).exponential(mean)), d.sample(new RandomStream(seed)));
            assertEquals((double) mean, d.expectedValue());
        });
    }

    @Test
    void normalIsTruncatedAtZero() {
        Distribution d = new Distribution.Normal(10, 1000);
        RandomStream r = new RandomStream(5);
        RandomStream ref = new RandomStream(5);
        int zeros = 0;
        for (int i = 0; i < 10_000; i++) {
            long v = d.sample(r);
            assertEquals(Math.max(0, Math.round(ref.normal(10, 1000))), v);
            assertTrue(v >= 0);
            zeros += v == 0 ? 1 : 0;
        }
        assertTrue(zeros > 4000 && zeros < 6000, "about half the samples fall below zero: " + zeros);
        assertEquals(10.0, d.expectedValue(), "the mean of the untruncated normal");
    }

    @Test
    void logNormalIsParameterisedByItsMedian() {
        Distribution d = new Distribution.LogNormal(1000, 0.5);
        Props.property(200).forAll(longs().all()).checkAssert(seed -> assertEquals(
                Math.round(new RandomStream(seed).logNormal(Math.log(1000), 0.5)), d.sample(new RandomStream(seed))));
        assertEquals(1000 * Math.exp(0.125), d.expectedValue(), 1e-9);
        RandomStream r = new RandomStream(8);
        int below = 0;
        for (int i = 0; i < 20_000; i++) {
            below += d.sample(r) < 1000 ? 1 : 0;
        }
        assertEquals(10_000, below, 300, "half the samples lie below the median");
    }
}
