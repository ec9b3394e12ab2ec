package org.sysmodels.core.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.testing.Props;

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
    void zeroDelayChainsAtALaterInstantAlsoStayBounded() {
        // 40 chains at t = 3 (not the first bucket): the bucket being drained holds all 40, and no more than that
        // needs (the consumed front is shifted out instead of the array doubling forever).
        Scheduler s = new Scheduler();
        long[] runs = {0};
        Action[] chain = new Action[1];
        chain[0] = id -> {
            if (++runs[0] < 400_000) {
                s.after(0, chain[0], id);
            }
        };
        s.at(3, () -> { });
        s.run();
        for (int id = 0; id < 40; id++) {
            s.at(3, chain[0], id);
        }
        s.run();
        assertEquals(3, s.now());
        assertEquals(1 + 400_000 + 39, s.executed(), "the 39 other chains each run once more");
        int capacity = s.currentBucketCapacity();
        assertTrue(capacity >= 40 && capacity <= 128, "bucket capacity " + capacity);
    }

    @Test
    void farFutureBucketsDoNotKeepTheLargestBatchTheyEverHeld() {
        // As a presence run: 40,000 sessions whose next change is 1 to 74 minutes ahead (levels 9 and 10 of the radix
        // heap) and a stream of near events every 20 ms (the node messages). Each far-future bucket fills with a batch,
        // then sits empty until its level's digit comes round again (up to 5 hours). The arrays must stop growing
        // once the run has been through its levels: when each bucket kept its own array they held 0.70 M slots at 12
        // hours, 1.03 M at 36 and still growing; passed from bucket to bucket, 0.32 M from 10 hours on.
        Scheduler s = new Scheduler();
        int sessions = 40_000;
        long minute = 60_000_000_000L;
        long[] state = {42};
        Action[] change = new Action[1];
        change[0] = id -> {
            state[0] = state[0] * 6364136223846793005L + 1442695040888963407L;
            s.after(minute + Long.remainderUnsigned(state[0] >>> 1, 73 * minute), change[0], id);
        };
        for (int id = 0; id < sessions; id++) {
            s.at(id, change[0], id);
        }
        Action[] message = new Action[1];
        message[0] = n -> s.after(20_000_000, message[0], n + 1);
        s.at(0, message[0], 0);
        s.runUntil(12 * 60 * minute);
        long at12 = s.bucketCapacity();
        s.runUntil(36 * 60 * minute);
        long at36 = s.bucketCapacity();
        assertEquals(sessions + 1, s.pending());
        assertTrue(at36 <= at12 + at12 / 20, "bucket arrays grew from " + at12 + " to " + at36 + " slots");
        assertTrue(at36 <= 10L * sessions, "bucket arrays hold " + at36 + " slots for " + (sessions + 1) + " pending");
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
    void handlesOfEveryKindOfSchedulingCancel() {
        Scheduler s = new Scheduler();
        List<String> ran = new ArrayList<>();
        long a = s.after(5, () -> ran.add("a"));
        long b = s.after(5, x -> ran.add("b" + x), 7);
        long c = s.at(5, () -> ran.add("c"));
        long d = s.at(5, x -> ran.add("d" + x), 8);
        assertEquals(4, java.util.stream.LongStream.of(a, b, c, d).distinct().count(), "handles are distinct");
        assertTrue(s.cancel(a));
        assertTrue(s.cancel(d));
        s.run();
        assertEquals(List.of("b7", "c"), ran);
    }

    @Test
    void handlesThatNameNoEventAreRefusedWithoutHarm() {
        // cancel and isPending answer false for any long that is not a live handle: slots past the arrays, negative
        // slots, stale generations.
        Scheduler s = new Scheduler(16);
        long live = s.at(1, () -> { });
        long[] foreign = {Scheduler.NO_EVENT, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32 | 16, 1L << 32 | 17,
            1L << 32 | 0xFFFF_FFFFL, 1L << 32 | 0x8000_0000L, live + (1L << 32), live - (1L << 32), live + 1};
        for (long h : foreign) {
            assertFalse(s.isPending(h), "isPending(" + Long.toHexString(h) + ")");
            assertFalse(s.cancel(h), "cancel(" + Long.toHexString(h) + ")");
        }
        assertTrue(s.isPending(live));
        assertEquals(1, s.pending());
        Props.property(2000).forAll(longs().all()).checkAssert(h -> {
            Scheduler empty = new Scheduler(16);
            assertFalse(empty.isPending(h));
            assertFalse(empty.cancel(h));
            assertEquals(0, empty.pending());
        });
    }

    @Test
    void slotsAreHandedOutDenselyAsTheArraysGrow() {
        // The first n events take slots 0..n-1 (the low word of a handle), growing the arrays 16 -> 32 -> 64.
        Scheduler s = new Scheduler(16);
        Set<Integer> slots = new TreeSet<>();
        for (int i = 0; i < 50; i++) {
            slots.add((int) s.at(i, () -> { }));
        }
        assertEquals(IntStream.range(0, 50).boxed().collect(Collectors.toSet()), slots);
        assertEquals(50, s.run());
    }

    @Test
    void cancelledTimeoutsAreRecycledSoTheArraysStayBounded() {
        // The common pattern: every request arms a timeout far ahead and cancels it when it completes. Cancelled
        // events are freed when the heap meets them or by a sweep, so the slots in use (the low word of a handle)
        // stay near the live set of ~200 instead of growing with the number of requests.
        Scheduler s = new Scheduler(16);
        RandomStream r = new RandomStream(5);
        long[] timeouts = new long[100];
        int[] maxSlot = {0};
        int[] timedOut = {0};
        Action[] complete = new Action[1];
        Action timeout = i -> timedOut[0]++;
        complete[0] = i -> {
            assertTrue(s.cancel(timeouts[(int) i]), "the timeout is still pending");
            timeouts[(int) i] = s.after(1_000_000 + r.nextLong(1_000_000), timeout, i);
            long h = s.after(1 + r.nextLong(5_000), complete[0], i);
            maxSlot[0] = Math.max(maxSlot[0], Math.max((int) h, (int) timeouts[(int) i]));
        };
        for (int i = 0; i < 100; i++) {
            timeouts[i] = s.after(1_000_000, timeout, i);
            s.after(r.nextLong(5_000), complete[0], i);
        }
        for (int k = 0; k < 300_000; k++) {
            assertTrue(s.step());
        }
        assertEquals(0, timedOut[0]);
        assertEquals(200, s.pending());
        assertTrue(maxSlot[0] < 4096, "slots in use grew to " + maxSlot[0]);
    }

    @Test
    void cancelledEventsAreFreedWhereTheHeapMeetsThem() {
        // Many live events far ahead keep the cancelled ones fewer than the live ones, so no sweep runs: a cancelled
        // event is freed when the heap reaches it, whether it is still in a high bucket being split (a timeout far
        // ahead) or in the bucket being drained (a twin at the same instant as the completion that cancels it).
        // Slots in use stay near the live set.
        Scheduler s = new Scheduler(16);
        for (int i = 0; i < 5000; i++) {
            s.at(1_000_000_000_000L + i, () -> { });
        }
        RandomStream r = new RandomStream(11);
        long[] timeouts = new long[10];
        long[] twins = new long[10];
        int[] maxSlot = {0};
        Action[] complete = new Action[1];
        Action never = i -> {
            throw new AssertionError("a cancelled event ran");
        };
        complete[0] = i -> {
            int k = (int) i;
            assertTrue(s.cancel(timeouts[k]));
            assertTrue(s.cancel(twins[k]), "the twin at this instant, behind this event");
            timeouts[k] = s.after(2_100 + r.nextLong(1_000), never, i);
            long delay = 1 + r.nextLong(2_000);
            long h = s.after(delay, complete[0], i);
            twins[k] = s.after(delay, never, i);
            maxSlot[0] = Math.max(maxSlot[0], Math.max((int) h, Math.max((int) twins[k], (int) timeouts[k])));
        };
        for (int i = 0; i < 10; i++) {
            timeouts[i] = s.after(2_100, never, i);
            s.after(i, complete[0], i);
            twins[i] = s.after(i, never, i);
        }
        for (int k = 0; k < 200_000; k++) {
            assertTrue(s.step());
        }
        assertEquals(5000 + 30, s.pending());
        assertTrue(maxSlot[0] < 8192, "slots in use grew to " + maxSlot[0]);
    }

    @Test
    void massCancellationWithoutRunningIsSweptAndSlotsAreReused() {
        // Nothing runs, so only the sweep can free the cancelled slots.
        Scheduler s = new Scheduler(16);
        for (int i = 0; i < 10; i++) {
            s.at(1_000_000 + i, () -> { });
        }
        int maxSlot = 0;
        for (int i = 0; i < 100_000; i++) {
            long h = s.at(1 + i, () -> { });
            maxSlot = Math.max(maxSlot, (int) h);
            assertTrue(s.cancel(h));
        }
        assertTrue(maxSlot < 4096, "slots in use grew to " + maxSlot);
        assertEquals(10, s.pending());
        assertEquals(10, s.run());
    }

    @Test
    void runUntilAfterAStopRunsNothingBeforeItsLimit() {
        Scheduler s = new Scheduler();
        List<String> ran = new ArrayList<>();
        s.at(10, () -> {
            ran.add("a");
            s.stop();
        });
        s.at(10, () -> ran.add("b"));
        s.at(20, () -> ran.add("c"));
        assertEquals(1, s.run(), "stopped after a");
        assertEquals(0, s.runUntil(9), "b is at 10, after the limit 9");
        assertEquals(10, s.now(), "a limit in the past does not move time back");
        assertEquals(List.of("a"), ran);
        assertEquals(1, s.runUntil(15));
        assertEquals(15, s.now());
        assertEquals(1, s.runUntil(25), "counts only this call's events");
        assertEquals(3, s.executed());
        assertEquals(List.of("a", "b", "c"), ran);
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
