package org.sysmodels.core.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Props;

/**
 * The exact numbers a seed gives (a run must be a pure function of its seed on every JDK), checked against
 * references written here from the papers: Lemire's bounded integers with BigInteger arithmetic, the polar method's
 * location and scale, FNV-1a with its published test vectors.
 */
class RandomStreamTest {

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private static BigInteger unsigned(long x) {
        return new BigInteger(Long.toUnsignedString(x));
    }

    /** Lemire (2019), Algorithm 5, in exact arithmetic: reject x while (x·bound mod 2^64) < 2^64 mod bound. */
    private static long lemire(RandomStream raw, long bound) {
        BigInteger b = unsigned(bound);
        BigInteger threshold = TWO_64.mod(b);
        while (true) {
            BigInteger m = unsigned(raw.nextLong()).multiply(b);
            if (m.mod(TWO_64).compareTo(threshold) >= 0) {
                return m.shiftRight(64).longValue(); // below 2^64: as an unsigned long
            }
        }
    }

    /** Inverse of x ^= x >>> shift. */
    private static long unXorShift(long y, int shift) {
        long x = y;
        for (int s = shift; s < 64; s += shift) {
            x ^= y >>> s;
        }
        return x;
    }

    private static long inverse(long odd) {
        return unsigned(odd).modInverse(TWO_64).longValue();
    }

    /** The inverse of SplitMix64's output function (a bijection). */
    static long unmix64(long z) {
        z = unXorShift(z, 31);
        z *= inverse(0x94d049bb133111ebL);
        z = unXorShift(z, 27);
        z *= inverse(0xbf58476d1ce4e5b9L);
        return unXorShift(z, 30);
    }

    /** A stream whose next {@code nextLong()} is {@code x}: lets a test put a draw exactly on a boundary. */
    static RandomStream nextLongIs(long x) {
        return new RandomStream(unmix64(x) - GOLDEN_GAMMA);
    }

    @Test
    void aStreamCanBeSetUpToDrawAChosenValue() {
        Props.property(500).forAll(longs().all()).checkAssert(x -> {
            assertEquals(x, RandomStream.mix64(unmix64(x)));
            assertEquals(x, nextLongIs(x).nextLong());
        });
    }

    @Test
    void nextIntIsTheHighHalfOfNextLong() {
        Props.property(300).forAll(longs().all()).checkAssert(seed -> {
            RandomStream a = new RandomStream(seed);
            RandomStream b = new RandomStream(seed);
            for (int i = 0; i < 10; i++) {
                assertEquals((int) (b.nextLong() >>> 32), a.nextInt());
            }
        });
        assertEquals(0xe220a839, new RandomStream(0).nextInt(), "SplitMix64's first output from 0, high half");
    }

    @Test
    void boundedValuesAreExactlyLemiresMethod() {
        // Bounds where rejection is common (3·2^61: a quarter of all draws) or rare, small and up to Long.MAX_VALUE.
        long[] bounds = {1, 2, 3, 6, 7, 1000, (1L << 32) + 1, 3L << 61, (1L << 62) + 1, (1L << 62) - 1,
            (1L << 62) + (1L << 61), Long.MAX_VALUE, Long.MAX_VALUE - 1};
        for (long bound : bounds) {
            RandomStream r = new RandomStream(bound * 31);
            RandomStream raw = new RandomStream(bound * 31);
            for (int i = 0; i < 2000; i++) {
                assertEquals(lemire(raw, bound), r.nextLong(bound), "bound " + bound + ", draw " + i);
            }
        }
        Props.property(500).forAll(longs().between(1, Long.MAX_VALUE), longs().all()).checkAssert((bound, seed) -> {
            RandomStream r = new RandomStream(seed);
            RandomStream raw = new RandomStream(seed);
            for (int i = 0; i < 20; i++) {
                assertEquals(lemire(raw, bound), r.nextLong(bound));
            }
        });
    }

    @Test
    void aDrawOnTheRejectionThresholdIsAccepted() {
        // Bound 3·2^61: the threshold is 2^64 mod bound = 2^62, and x·bound mod 2^64 = 2^61·(3x mod 8).
        long bound = 3L << 61;
        // x = 6: 3x mod 8 = 2, the low word is exactly the threshold: accepted, floor(6·3·2^61 / 2^64) = 2.
        assertEquals(2, nextLongIs(6).nextLong(bound));
        // x = 3: 3x mod 8 = 1, below the threshold: rejected (it would give floor(9/8) = 1); the next draw decides.
        long fromNext = nextLongIs(3).nextLong(bound);
        assertEquals(lemire(nextLongIs(3), bound), fromNext);
        assertNotEquals(1, fromNext);
    }

    @Test
    void nonPositiveBoundsAreRefused() {
        for (long bad : new long[] {0, -1, Long.MIN_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new RandomStream(1).nextLong(bad));
            assertEquals("bound must be positive: " + bad, e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new RandomStream(1).nextInt(0));
    }

    @Test
    void uniformCoversItsClosedRangeAndNothingElse() {
        RandomStream r = new RandomStream(4);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            long v = r.uniform(10, 12);
            assertTrue(v >= 10 && v <= 12, "outside [10, 12]: " + v);
            seen.add(v);
        }
        assertEquals(Set.of(10L, 11L, 12L), seen);
        assertEquals(5, new RandomStream(9).uniform(5, 5));
        assertEquals(-3, new RandomStream(9).uniform(-3, -3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RandomStream(1).uniform(5, 4));
        assertEquals("empty range [5, 4]", e.getMessage());
    }

    @Test
    void uniformIsLoPlusABoundedDraw() {
        Props.property(500).forAll(longs().between(-1_000_000, 1_000_000), longs().between(0, 1L << 40), longs().all())
                .checkAssert((lo, width, seed) -> {
                    RandomStream a = new RandomStream(seed);
                    RandomStream b = new RandomStream(seed);
                    assertEquals(lo + b.nextLong(width + 1), a.uniform(lo, lo + width));
                });
    }

    @Test
    void uniformTakesRangesWiderThanTheLargestLong() {
        // [0, Long.MAX_VALUE] has 2^63 values and [MIN, MAX] 2^64: the width does not fit a positive long.
        Props.property(300).forAll(longs().all()).checkAssert(seed -> {
            RandomStream r = new RandomStream(seed);
            assertTrue(r.uniform(0, Long.MAX_VALUE) >= 0);
            long v = r.uniform(-1, Long.MAX_VALUE);
            assertTrue(v >= -1, "below -1: " + v);
            long w = r.uniform(Long.MIN_VALUE + 5, Long.MAX_VALUE - 5);
            assertTrue(w >= Long.MIN_VALUE + 5 && w <= Long.MAX_VALUE - 5, "outside: " + w);
        });
        // The whole range of long is every draw as it comes.
        RandomStream a = new RandomStream(77);
        RandomStream b = new RandomStream(77);
        for (int i = 0; i < 100; i++) {
            assertEquals(b.nextLong(), a.uniform(Long.MIN_VALUE, Long.MAX_VALUE));
        }
        // Lemire with the width as an unsigned 64-bit number: the extreme draws give the ends of the range.
        assertEquals(0, nextLongIs(0).uniform(0, Long.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, nextLongIs(-1).uniform(0, Long.MAX_VALUE));
        // Width 2^64 - 1: the threshold is 1, so a draw of 0 is the one rejected and a draw of 1 gives the bottom.
        assertEquals(Long.MIN_VALUE + 1, nextLongIs(1).uniform(Long.MIN_VALUE + 1, Long.MAX_VALUE));
        RandomStream zero = nextLongIs(0);
        RandomStream skip = nextLongIs(0);
        skip.nextLong();
        assertEquals(Long.MIN_VALUE + 1 + lemire(skip, -1L), zero.uniform(Long.MIN_VALUE + 1, Long.MAX_VALUE));
        // Any range: the width hi - lo + 1 taken as an unsigned number (2^64 for the whole range is every draw).
        Props.property(500).forAll(longs().all(), longs().all(), longs().all()).checkAssert((x, y, seed) -> {
            long lo = Math.min(x, y);
            long hi = Math.max(x, y);
            long span = hi - lo + 1;
            long expected = span == 0 ? new RandomStream(seed).nextLong() : lo + lemire(new RandomStream(seed), span);
            assertEquals(expected, new RandomStream(seed).uniform(lo, hi));
        });
    }

    @Test
    void chanceZeroNeverHappensAndChanceOneAlwaysDoes() {
        RandomStream zero = nextLongIs(0);
        RandomStream copy = nextLongIs(0);
        assertEquals(0.0, copy.nextDouble(), "the smallest double a stream gives");
        assertFalse(zero.chance(0.0), "probability 0, even on a draw of exactly 0");
        assertTrue(nextLongIs(0).chance(Double.MIN_VALUE));
        RandomStream top = nextLongIs(-1);
        assertEquals(1.0 - 0x1.0p-53, nextLongIs(-1).nextDouble(), "the largest double a stream gives");
        assertTrue(top.chance(1.0));
        assertFalse(nextLongIs(-1).chance(1.0 - 0x1.0p-53));
        Props.property(300).forAll(longs().all()).checkAssert(seed -> {
            assertFalse(new RandomStream(seed).chance(0.0));
            assertTrue(new RandomStream(seed).chance(1.0));
            double d = new RandomStream(seed).nextDouble();
            assertTrue(d >= 0 && d < 1, "outside [0, 1): " + d);
        });
    }

    @Test
    void exponentialIsTheInverseOfItsDistributionFunction() {
        assertEquals(0.0, nextLongIs(0).exponential(100), "U = 0 gives 0");
        double u = 1.0 - 0x1.0p-53;
        assertEquals(-100 * Math.log1p(-u), nextLongIs(-1).exponential(100), 1e-9);
        Props.property(300).forAll(longs().all()).checkAssert(seed -> {
            double x = new RandomStream(seed).exponential(80);
            double uu = new RandomStream(seed).nextDouble();
            assertEquals(-80 * Math.log1p(-uu), x, 1e-9);
            assertTrue(x >= 0);
        });
    }

    @Test
    void normalIsItsMeanPlusItsSpreadTimesAStandardNormal() {
        // Both values of each polar pair, for any mean and spread.
        Props.property(200).forAll(integers().between(-1000, 1000), integers().between(0, 100), longs().all())
                .checkAssert((mean, sd, seed) -> {
                    RandomStream a = new RandomStream(seed);
                    RandomStream z = new RandomStream(seed);
                    for (int i = 0; i < 7; i++) {
                        double expected = mean + sd * z.normal(0, 1);
                        assertEquals(expected, a.normal(mean, sd), 1e-9 * (1 + Math.abs(expected)), "value " + i);
                    }
                });
    }

    @Test
    void normalValuesComeInPairsFromTheSameDraws() {
        // The polar method makes two values from each accepted pair of uniforms: the second costs no draw.
        Props.property(200).forAll(longs().all()).checkAssert(seed -> {
            RandomStream two = new RandomStream(seed);
            RandomStream one = new RandomStream(seed);
            two.normal(0, 1);
            two.normal(0, 1);
            one.normal(0, 1);
            assertEquals(one.nextLong(), two.nextLong());
        });
        double sumSq = 0;
        RandomStream r = new RandomStream(99);
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double x = r.normal(0, 1);
            sumSq += x * x;
        }
        assertEquals(1.0, sumSq / n, 0.02, "unit variance");
    }

    @Test
    void logNormalIsTheExponentialOfANormal() {
        Props.property(200).forAll(longs().all()).checkAssert(seed -> {
            RandomStream a = new RandomStream(seed);
            RandomStream b = new RandomStream(seed);
            for (int i = 0; i < 4; i++) {
                assertEquals(Math.exp(b.normal(2, 0.5)), a.logNormal(2, 0.5), 1e-9);
            }
        });
    }

    private static long fnv1a64(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    @Test
    void aComponentsSeedIsTheRootMixedWithTheFnv1aHashOfItsName() {
        // The published FNV-1a 64-bit test vectors (Fowler, Noll, Vo).
        assertEquals(0xcbf29ce484222325L, fnv1a64(""));
        assertEquals(0xaf63dc4c8601ec8cL, fnv1a64("a"));
        assertEquals(0x85944171f73967e8L, fnv1a64("foobar"));
        for (String name : new String[] {"", "a", "nvme/controller", "fault/0/nack", "µs ünïcode"}) {
            for (long root : new long[] {0, 1, -1, 42, Long.MIN_VALUE}) {
                assertEquals(RandomStream.mix64(root ^ RandomStream.mix64(fnv1a64(name))),
                        RandomStreams.seedFor(root, name), name + " @ " + root);
            }
        }
        assertEquals(42, new RandomStreams(42).rootSeed());
    }

    @Test
    void namesGiveIndependentStreamsWhateverTheRootSeed() {
        for (long root : new long[] {0, -1, 7}) {
            RandomStreams s = new RandomStreams(root);
            Set<Long> firsts = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                firsts.add(s.stream("component-" + i).nextLong());
            }
            assertEquals(200, firsts.size(), "root " + root + ": every component starts elsewhere");
            RandomStream a = s.stream("a");
            RandomStream b = s.stream("b");
            double sum = 0;
            int n = 100_000;
            for (int i = 0; i < n; i++) {
                sum += (a.nextDouble() - 0.5) * (b.nextDouble() - 0.5);
            }
            assertEquals(0, sum / n * 12, 0.03, "root " + root + ": correlation of two streams");
        }
    }
}
