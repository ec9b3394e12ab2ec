package org.sysmodels.core.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.random.RandomStream;

class SchedulerTest {

    @Test
    void runsInTimeOrderThenInsertionOrder() {
        Scheduler s = new Scheduler();
        List<String> log = new ArrayList<>();
        s.at(30, () -> log.add("c@30"));
        s.at(10, () -> log.add("a@10"));
        s.at(10, () -> log.add("b@10"));
        s.at(20, () -> {
            log.add("x@20");
            s.after(0, () -> log.add("y@20"));
            s.after(10, () -> log.add("d@30"));
        });
        assertEquals(6, s.run(), "four events scheduled up front plus two children");
        assertEquals(List.of("a@10", "b@10", "x@20", "y@20", "c@30", "d@30"), log);
        assertEquals(30, s.now());
    }

    @Test
    void endlessZeroDelayChainsKeepOrderAndBoundedMemory() {
        // Four chains, each rescheduling itself with delay 0: virtual time never advances (a model with zero
        // latencies does this); they must keep running round-robin in insertion order without the bucket growing.
        Scheduler s = new Scheduler();
        int[] last = {-1};
        long[] runs = {0};
        boolean[] ordered = {true};
        Action[] chain = new Action[1];
        chain[0] = id -> {
            ordered[0] &= id == (last[0] + 1) % 4;
            last[0] = (int) id;
            if (++runs[0] < 1_000_000) {
                s.after(0, chain[0], id);
            }
        };
        for (int id = 0; id < 4; id++) {
            s.at(0, chain[0], id);
        }
        s.run();
        assertTrue(ordered[0], "insertion order at one instant");
        assertEquals(0, s.now());
        assertTrue(s.currentBucketCapacity() <= 64, "bucket capacity " + s.currentBucketCapacity());
    }

    @Test
    void refusesThePast() {
        Scheduler s = new Scheduler();
        s.at(100, () -> { });
        s.run();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.at(99, () -> { }));
        assertTrue(e.getMessage().contains("before now"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.after(-1, () -> { }));
    }

    @Test
    void cancelledEventsNeverRunAndHandlesGoStale() {
        Scheduler s = new Scheduler();
        List<Integer> ran = new ArrayList<>();
        long a = s.at(5, x -> ran.add((int) x), 1);
        long b = s.at(5, x -> ran.add((int) x), 2);
        assertTrue(s.cancel(a));
        assertFalse(s.cancel(a), "second cancel");
        assertEquals(1, s.pending());
        s.run();
        assertEquals(List.of(2), ran);
        assertFalse(s.cancel(b), "already ran");
        assertFalse(s.cancel(Scheduler.NO_EVENT));
        // The slot of b is reused; b's old handle must not cancel the new event.
        long c = s.after(1, x -> ran.add((int) x), 3);
        assertFalse(s.cancel(b));
        assertTrue(s.isPending(c));
        s.run();
        assertEquals(List.of(2, 3), ran);
    }

    @Test
    void runUntilStopsAtTheLimitAndKeepsLaterEvents() {
        Scheduler s = new Scheduler();
        List<Long> ran = new ArrayList<>();
        for (long t = 0; t < 100; t += 10) {
            s.at(t, ran::add, t);
        }
        assertEquals(5, s.runUntil(45));
        assertEquals(45, s.now());
        s.at(46, ran::add, 46);
        s.run();
        assertEquals(List.of(0L, 10L, 20L, 30L, 40L, 46L, 50L, 60L, 70L, 80L, 90L), ran);
    }

    /**
     * Short steps toward a distant event (a simulated CPU letting time pass in small pieces) skip the search once it
     * has found nothing due; an event scheduled earlier than the one found still runs, in order.
     */
    @Test
    void shortStepsBeforeTheNextEventRunNothingAndStayExact() {
        Scheduler s = new Scheduler();
        List<Long> ran = new ArrayList<>();
        s.at(1_000_000, ran::add, 1_000_000L);
        for (long t = 1_000; t < 600_000; t += 1_000) {
            assertEquals(0, s.runUntil(t));
            assertEquals(t, s.now());
        }
        s.at(700_000, ran::add, 700_000L);
        s.at(600_500, ran::add, 600_500L);
        assertEquals(0, s.runUntil(600_499));
        assertEquals(1, s.runUntil(600_500));
        assertEquals(0, s.runUntil(699_999));
        assertEquals(1, s.runUntil(999_999));
        assertEquals(999_999, s.now());
        assertEquals(1, s.runUntil(1_000_000));
        assertEquals(0, s.runUntil(2_000_000));
        assertEquals(2_000_000, s.now());
        s.at(2_000_000, ran::add, 2_000_000L);
        assertEquals(1, s.runUntil(2_000_000));
        assertEquals(List.of(600_500L, 700_000L, 1_000_000L, 2_000_000L), ran);
    }

    @Test
    void runUntilNeverMovesTheBasePastTheLimit() {
        // Regression: the radix base once advanced to the next level-0 time (1) although runUntil stopped at 0.
        Scheduler s = new Scheduler();
        List<String> log = new ArrayList<>();
        s.at(0, () -> log.add("a@0"));
        s.at(1, () -> log.add("c@1"));
        s.runUntil(0);
        s.at(0, () -> log.add("b@0"));
        s.run();
        assertEquals(List.of("a@0", "b@0", "c@1"), log);
    }

    @Test
    void drainingOnlyCancelledEventsLeavesTheBaseAtNow() {
        // Regression: skipping cancelled events moved the base to 1 while now stayed 0.
        Scheduler s = new Scheduler();
        List<String> log = new ArrayList<>();
        assertTrue(s.cancel(s.at(0, () -> log.add("x"))));
        assertTrue(s.cancel(s.at(1, () -> log.add("y"))));
        assertFalse(s.step());
        s.at(1, () -> log.add("b@1"));
        s.at(0, () -> log.add("a@0"));
        s.run();
        assertEquals(List.of("a@0", "b@1"), log);
    }

    @Test
    void stopEndsTheRunAfterTheCurrentEvent() {
        Scheduler s = new Scheduler();
        int[] count = {0};
        for (int i = 0; i < 10; i++) {
            s.at(i, () -> {
                if (++count[0] == 3) {
                    s.stop();
                }
            });
        }
        assertEquals(3, s.run());
        assertEquals(7, s.pending());
    }

    @Test
    void massCancellationIsSweptAndOrderSurvives() {
        // Timeouts that are almost always cancelled: the heap must not keep them all, and order must hold.
        Scheduler s = new Scheduler(16);
        RandomStream r = new RandomStream(7);
        long[] last = {-1};
        long[] count = {0};
        Action check = arg -> {
            assertTrue(arg >= last[0], "order");
            last[0] = arg;
            count[0]++;
        };
        List<Long> keep = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            long t = r.uniform(0, 1_000_000);
            long h = s.at(t, check, t);
            if (i % 50 == 0) {
                keep.add(t);
            } else {
                assertTrue(s.cancel(h));
            }
        }
        assertEquals(keep.size(), s.pending());
        s.run();
        assertEquals(keep.size(), count[0]);
    }

    @Test
    void holdModelKeepsItsPopulation() {
        Scheduler s = new Scheduler(1024);
        RandomStream r = new RandomStream(1);
        Action[] hold = new Action[1];
        hold[0] = arg -> s.after(1 + r.nextLong(1000), hold[0], arg);
        for (int i = 0; i < 1000; i++) {
            s.after(r.nextLong(1000), hold[0], i);
        }
        for (int i = 0; i < 100_000; i++) {
            assertTrue(s.step());
        }
        assertEquals(1000, s.pending());
        assertEquals(100_000, s.executed());
    }
}
