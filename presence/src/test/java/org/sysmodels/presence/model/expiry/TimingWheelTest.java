package org.sysmodels.presence.model.expiry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.sysmodels.core.testing.Props;

/**
 * The wheel against a reference that is a map of deadlines: random schedules, moves, cancels and clock advances on a
 * small wheel (4 buckets × 3 levels, so cascades and deadlines past the span happen often). Each advance must fire
 * exactly the ids whose deadline, rounded up to a tick, is at or before the new time, in tick order, never early.
 */
class TimingWheelTest {

    static final long TICK = 10;

    sealed interface Cmd {
        record Schedule(int id, long delay) implements Cmd {
        }

        record Cancel(int id) implements Cmd {
        }

        record Extend(int id, long delay) implements Cmd {
        }

        record Advance(long by) implements Cmd {
        }
    }

    static Gen<Cmd> commands() {
        Gen<Cmd> schedule = integers().between(0, 11).zip(integers().between(0, 900),
                (id, d) -> (Cmd) new Cmd.Schedule(id, d));
        Gen<Cmd> cancel = integers().between(0, 11).map(id -> (Cmd) new Cmd.Cancel(id));
        Gen<Cmd> extend = integers().between(0, 11).zip(integers().between(0, 900),
                (id, d) -> (Cmd) new Cmd.Extend(id, d));
        Gen<Cmd> advance = integers().between(0, 200).map(by -> (Cmd) new Cmd.Advance(by));
        return integers().between(0, 11).flatMap(k -> k < 4 ? schedule : k < 6 ? extend : k < 7 ? cancel : advance);
    }

    @Test
    void firesExactlyTheDueDeadlinesInTickOrder() {
        Props.property(400).forAll(integers().between(0, 95), lists().of(commands()).ofSizeBetween(1, 80))
                .checkAssert(TimingWheelTest::run);
    }

    static void run(int start, List<Cmd> cmds) {
        TimingWheel wheel = new TimingWheel(TICK, 2, 3, start);
        Map<Integer, Long> ref = new HashMap<>();
        long now = start;
        for (Cmd c : cmds) {
            switch (c) {
                case Cmd.Schedule s -> {
                    wheel.schedule(s.id(), now + s.delay());
                    ref.put(s.id(), now + s.delay());
                }
                case Cmd.Extend x -> {
                    wheel.extend(x.id(), now + x.delay());
                    // a later deadline is kept; an earlier one (or an unscheduled id) is a schedule
                    ref.put(x.id(), now + x.delay());
                }
                case Cmd.Cancel x -> {
                    wheel.cancel(x.id());
                    ref.remove(x.id());
                }
                case Cmd.Advance a -> {
                    now += a.by();
                    long last = Math.floorDiv(now, TICK);
                    List<long[]> fired = new ArrayList<>();
                    long at = now;
                    wheel.advance(now, (id, deadline, when) -> {
                        assertEquals(at, when);
                        fired.add(new long[] {id, deadline});
                    });
                    List<Integer> due = ref.entrySet().stream()
                            .filter(e -> Math.ceilDiv(e.getValue(), TICK) <= last).map(Map.Entry::getKey).toList();
                    assertEquals(due.size(), fired.size(), "fired " + fired.size() + " of due " + due);
                    long prevTick = Long.MIN_VALUE;
                    for (long[] f : fired) {
                        assertTrue(due.contains((int) f[0]), "fired " + f[0] + " early");
                        assertEquals(ref.get((int) f[0]), f[1]);
                        long tick = Math.ceilDiv(f[1], TICK);
                        assertTrue(tick >= prevTick, "fired out of tick order");
                        prevTick = tick;
                        ref.remove((int) f[0]);
                    }
                }
            }
            assertEquals(ref.size(), wheel.size());
            for (int id = 0; id < 12; id++) {
                assertEquals(ref.containsKey(id), wheel.isScheduled(id));
                if (ref.containsKey(id)) {
                    assertEquals(ref.get(id), wheel.deadline(id));
                }
            }
        }
    }

    @Test
    void aDeadlineFarPastTheSpanWaitsAndFiresOnTime() {
        TimingWheel wheel = new TimingWheel(1, 2, 2, 0);   // span 16 ticks
        wheel.schedule(3, 1000);
        List<Long> fired = new ArrayList<>();
        for (long t = 0; t <= 999; t += 7) {
            wheel.advance(t, (id, d, now) -> fired.add(now));
        }
        assertTrue(fired.isEmpty());
        assertTrue(wheel.isScheduled(3));
        wheel.advance(1000, (id, d, now) -> fired.add(now));
        assertEquals(List.of(1000L), fired);
        assertFalse(wheel.isScheduled(3));
    }

    @Test
    void workGrowsWithMovesNotWithScheduledEntries() {
        TimingWheel wheel = TimingWheel.of(1_000_000, 0);
        for (int id = 0; id < 10_000; id++) {
            wheel.schedule(id, 60_000_000_000L);
        }
        long before = wheel.work();
        wheel.advance(1_000_000_000L, (id, d, now) -> {
        });
        // one second of ticks past 10,000 entries due in a minute: at most one cascade of each
        assertTrue(wheel.work() - before <= 10_000, "work " + (wheel.work() - before));
    }

    @Test
    void heartbeatGroupsDoNotLeaveEveryBucketWithAGroupSizedArray() {
        // 30,000 sessions in 30 heartbeat groups (as the simulated clients sweep them), 30 s heartbeats, 45 s timeout,
        // a 100 ms tick: at any time a few dozen of the 512 level-0 buckets hold a group's entries. After ten minutes
        // the arrays must follow the entries: when each bucket kept the longest array it ever needed, they held 12
        // slots per entry (1,024 in each bucket the groups had passed through); passed on, 5, with the arrays the
        // start's one 30,000-entry bucket grew through waiting for good; with those let go once a turn of the first
        // level has not needed them, 2.8.
        long tick = 100_000_000L;
        long second = 1_000_000_000L;
        TimingWheel wheel = TimingWheel.of(tick, 0);
        int sessions = 30_000;
        int groups = 30;
        for (int id = 0; id < sessions; id++) {
            wheel.schedule(id, 45 * second);
        }
        int[] fired = {0};
        for (long t = tick; t <= 600 * second; t += tick) {
            if (t % second == 0) {
                int g = (int) (t / second % groups);
                for (int id = g; id < sessions; id += groups) {
                    wheel.extend(id, t + 45 * second);
                }
            }
            wheel.advance(t, (id, d, now) -> fired[0]++);
        }
        assertEquals(0, fired[0], "every session heartbeats in time");
        assertEquals(sessions, wheel.size());
        assertTrue(wheel.capacity() <= 3L * sessions, "the buckets' arrays hold " + wheel.capacity() + " slots for "
                + sessions + " entries");
    }
}
