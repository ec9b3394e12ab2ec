package org.sysmodels.presence.gateway.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.sysmodels.core.testing.Props;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The limiter against the plain reading of the sliding window, written here: every allowed event's time in a list;
 * an event is over the limit when the one {@code limit} allowed events before it is less than the window old.
 */
class RateLimiterTest {

    /** The reference: all allowed times, never forgotten. */
    private static final class Reference {
        final int limit;
        final long window;
        final List<Long> allowed = new ArrayList<>();

        Reference(int limit, long window) {
            this.limit = limit;
            this.window = window;
        }

        boolean allow(long now) {
            int n = allowed.size();
            if (n >= limit && now - allowed.get(n - limit) < window) {
                return false;
            }
            allowed.add(now);
            return true;
        }
    }

    @Test
    void agreesWithTheReferenceOnRandomEventSequences() {
        // limit 1..40, window 1..50 ticks, a ring made with 1..8 entries (growing past them), 0..400 gaps of 0..20
        // ticks (bursts and pauses, equal times included)
        Props.property().withExamples(500).forAll(integers().between(1, 40), integers().between(1, 50),
                integers().between(1, 8), lists().of(integers().between(0, 20)).ofSizeBetween(0, 400))
                .checkAssert((limit, window, made, gaps) -> {
                    RateLimiter limiter = new RateLimiter(limit, window, made);
                    Reference ref = new Reference(limit, window);
                    long now = 1_000;
                    for (int i = 0; i < gaps.size(); i++) {
                        now += gaps.get(i);
                        assertEquals(ref.allow(now), limiter.allow(now), "event " + i + " at " + now);
                        assertTrue(limiter.kept() <= limit, "kept more than the limit");
                        assertEquals(1, Integer.bitCount(limiter.room()), "a ring of " + limiter.room());
                    }
                });
    }

    @Test
    void theRingIsMadeWithTheConnectionUpToItsMostAndGrowsOnlyBeyond() {
        RateLimiter discord = new RateLimiter(120, 60);
        assertEquals(128, discord.room(), "the limit's entries, rounded up to a power of two");
        for (long t = 0; t < 10_000; t++) {
            discord.allow(t);
        }
        assertEquals(128, discord.room(), "counting events within the limit remade the ring");
        RateLimiter huge = new RateLimiter(1_000_000, 60);
        assertEquals(RateLimiter.MADE, huge.room());
        for (long t = 0; t <= RateLimiter.MADE; t++) {
            assertTrue(huge.allow(t / 100));
        }
        assertEquals(2 * RateLimiter.MADE, huge.room());
    }

    @Test
    void aSlowConnectionKeepsOnlyTheEventsInsideTheWindow() {
        RateLimiter limiter = new RateLimiter(600, 60);
        for (long t = 0; t < 10_000; t += 10) {
            assertTrue(limiter.allow(t));
        }
        assertEquals(6, limiter.kept());
    }

    @Test
    void theEventOverTheLimitIsRefusedAndTheWindowReopens() {
        RateLimiter limiter = new RateLimiter(3, 100);
        assertTrue(limiter.allow(0));
        assertTrue(limiter.allow(10));
        assertTrue(limiter.allow(20));
        assertEquals(false, limiter.allow(99));
        assertTrue(limiter.allow(100));
    }
}
