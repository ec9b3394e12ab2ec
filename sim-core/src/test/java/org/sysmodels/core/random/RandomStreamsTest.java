package org.sysmodels.core.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Props;

class RandomStreamsTest {

    @Test
    void sameSeedAndNameGiveTheSameNumbers() {
        RandomStream a = new RandomStreams(42).stream("nvme/controller");
        RandomStream b = new RandomStreams(42).stream("nvme/controller");
        for (int i = 0; i < 1000; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
    }

    @Test
    void addingAComponentChangesNoOtherStream() {
        RandomStreams one = new RandomStreams(7);
        long first = one.stream("host").nextLong();
        RandomStreams two = new RandomStreams(7);
        two.stream("a-new-component").nextLong();
        two.stream("another").nextDouble();
        assertEquals(first, two.stream("host").nextLong());
    }

    @Test
    void streamsAreCachedByName() {
        RandomStreams s = new RandomStreams(1);
        assertSame(s.stream("x"), s.stream("x"));
    }

    @Test
    void differentNamesAndSeedsDiffer() {
        assertNotEquals(RandomStreams.seedFor(1, "a"), RandomStreams.seedFor(1, "b"));
        assertNotEquals(RandomStreams.seedFor(1, "a"), RandomStreams.seedFor(2, "a"));
    }

    @Test
    void knownSplitMix64Values() {
        // SplitMix64 from state 0: the first outputs are published test vectors of the algorithm.
        RandomStream r = new RandomStream(0);
        assertEquals(0xe220a8397b1dcdafL, r.nextLong());
        assertEquals(0x6e789e6aa1b965f4L, r.nextLong());
        assertEquals(0x06c45d188009454fL, r.nextLong());
    }

    @Test
    void boundedValuesStayInBounds() {
        Props.property(2000).forAll(longs().between(1, Long.MAX_VALUE), longs().all()).checkAssert((bound, seed) -> {
            RandomStream r = new RandomStream(seed);
            for (int i = 0; i < 20; i++) {
                long v = r.nextLong(bound);
                assertTrue(v >= 0 && v < bound, v + " outside [0," + bound + ")");
            }
        });
        assertThrows(IllegalArgumentException.class, () -> new RandomStream(1).nextLong(0));
    }

    @Test
    void smallBoundsAreUniform() {
        RandomStream r = new RandomStream(3);
        int[] counts = new int[6];
        int n = 600_000;
        for (int i = 0; i < n; i++) {
            counts[r.nextInt(6)]++;
        }
        for (int c : counts) {
            assertEquals(n / 6.0, c, n / 6.0 * 0.02);
        }
    }

    @Test
    void distributionMeansMatch() {
        RandomStream r = new RandomStream(11);
        int n = 400_000;
        double exp = 0;
        double norm = 0;
        double uni = 0;
        for (int i = 0; i < n; i++) {
            exp += r.exponential(100);
            norm += r.normal(50, 5);
            uni += r.nextDouble();
        }
        assertEquals(100, exp / n, 1.0);
        assertEquals(50, norm / n, 0.05);
        assertEquals(0.5, uni / n, 0.002);
        Distribution ln = new Distribution.LogNormal(1000, 0.5);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += ln.sample(r);
        }
        assertEquals(ln.expectedValue(), sum / n, ln.expectedValue() * 0.01);
    }
}
