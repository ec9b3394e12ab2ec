package org.sysmodels.presence.gateway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.sysmodels.core.testing.Props;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The wheel on simulated time (turns called by the test, no event loop): connections join at random times with
 * random phases and some end; the turns come at random gaps, as a busy event loop runs its timer late. Each
 * connection must heartbeat at its phase (within a slot and the lateness of the turns), then once per turn of the
 * wheel (a period of at most the interval and more than the interval less a slot), and never after it ended.
 */
class HeartbeatWheelTest {

    private static final long MS = 1_000_000;
    private static final long Q = HeartbeatWheel.QUANTUM_MS;

    /** One connection's plan: joins at {@code joinMs} with its first heartbeat {@code firstMs} later; ends or not. */
    record Plan(int joinMs, int firstPermille, int endMs) {
    }

    /** What one connection saw. */
    private static final class Conn implements HeartbeatWheel.Beat {
        final long joinMs;
        final long firstMs;
        final long endMs;
        final List<Long> beats = new ArrayList<>();
        long now;
        int askedAfterEnd;

        Conn(long joinMs, long firstMs, long endMs) {
            this.joinMs = joinMs;
            this.firstMs = firstMs;
            this.endMs = endMs;
        }

        @Override
        public boolean beat() {
            if (now >= endMs) {
                askedAfterEnd++;
                return false;
            }
            beats.add(now);
            return true;
        }
    }

    private static Gen<Plan> plans(int horizonMs) {
        return integers().between(0, horizonMs / 2).zip(integers().between(0, 999),
                integers().between(0, horizonMs * 2), (join, first, end) -> new Plan(join, first, end));
    }

    @Test
    void everyConnectionBeatsAtItsPhaseThenOncePerTurn() {
        Props.property().withExamples(300).forAll(integers().between(15, 700), lists().of(plans(4_000)).ofSizeBetween(1, 40),
                lists().of(integers().between(1, 3 * (int) Q)).ofSizeBetween(100, 800))
                .checkAssert((intervalMs, plans, gaps) -> check(intervalMs, plans, gaps));
    }

    private static void check(int intervalMs, List<Plan> plans, List<Integer> gaps) {
        long start = 1_000 * MS;
        HeartbeatWheel wheel = new HeartbeatWheel(null, intervalMs, start);
        List<Conn> conns = new ArrayList<>();
        for (Plan p : plans) {
            conns.add(new Conn(p.joinMs(), (long) intervalMs * p.firstPermille() / 1000, p.endMs()));
        }
        List<Conn> waiting = new ArrayList<>(conns);
        waiting.sort((a, b) -> Long.compare(a.joinMs, b.joinMs));
        long nowMs = 0;
        long maxGap = 0;
        for (int gap : gaps) {
            long next = nowMs + gap;
            // connections join between turns, in order of their join times
            while (!waiting.isEmpty() && waiting.get(0).joinMs <= next) {
                Conn c = waiting.remove(0);
                wheel.add(c, c.firstMs, start + c.joinMs * MS);
            }
            nowMs = next;
            maxGap = Math.max(maxGap, gap);
            for (Conn c : conns) {
                c.now = nowMs;
            }
            wheel.turn(start + nowMs * MS);
        }
        long period = intervalMs / Q * Q;
        long slack = Q + maxGap;
        for (Conn c : conns) {
            assertTrue(c.askedAfterEnd <= 1, "asked again after it left the wheel");
            if (c.joinMs > nowMs) {
                continue;
            }
            long phase = c.joinMs + c.firstMs;
            if (!c.beats.isEmpty()) {
                long first = c.beats.get(0);
                // never late by more than a slot and the turn's lateness; early only when the due time was more
                // than a turn of the wheel ahead of the last turn (a loop running late), by at most that much
                assertTrue(first >= phase - 2 * Q - maxGap && first <= phase + slack, "first beat at " + first + " ms, phase "
                        + phase + " ms (join " + c.joinMs + ", interval " + intervalMs + ")");
            }
            for (int i = 1; i < c.beats.size(); i++) {
                long d = c.beats.get(i) - c.beats.get(i - 1);
                assertTrue(d >= period - maxGap && d <= period + maxGap, "beats " + d + " ms apart, period "
                        + period + " ms");
            }
            assertTrue(period <= intervalMs && period > intervalMs - Q, "period " + period);
            // a connection that lived through the run beat up to its end, as often as the period allows
            long until = Math.min(nowMs, c.endMs - 1);
            if (until >= phase + slack) {
                long last = c.beats.isEmpty() ? Long.MIN_VALUE : c.beats.get(c.beats.size() - 1);
                assertTrue(until - last <= period + slack, "no beat since " + last + " ms by " + until + " ms");
            }
            if (c.endMs <= nowMs) {
                c.beats.forEach(t -> assertTrue(t < c.endMs, "beat after the end"));
            }
        }
        long end = nowMs;
        assertEquals(0, waiting.stream().filter(c -> c.joinMs <= end).count());
    }
}
