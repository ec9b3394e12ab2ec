package org.sysmodels.core.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.sysmodels.core.testing.Props;

/**
 * Model-based properties of {@link Scheduler}: random command sequences run against the scheduler and against a
 * plain sorted list (the reference); QuickTheories shrinks a failure to a minimal sequence.
 */
class SchedulerPropertiesTest {

    /** One step of a generated session. */
    sealed interface Cmd {
        /** Schedule an event {@code delay} ns from now; it may itself schedule {@code childDelay} later (-1: none). */
        record Schedule(long delay, long childDelay) implements Cmd {
        }

        /** Cancel the {@code index % scheduled}-th event ever scheduled. */
        record Cancel(int index) implements Cmd {
        }

        record Step() implements Cmd {
        }

        record RunUntil(long advance) implements Cmd {
        }
    }

    /** Reference: pending events as (time, seq, id), sorted on demand. */
    record Ref(long time, long seq, int id) {
    }

    static Gen<Cmd> commands(long maxDelay) {
        Gen<Cmd> schedule = longs().between(0, maxDelay).zip(longs().between(-1, maxDelay),
                (d, c) -> (Cmd) new Cmd.Schedule(d, c));
        Gen<Cmd> cancel = integers().between(0, 1000).map(i -> (Cmd) new Cmd.Cancel(i));
        Gen<Cmd> step = integers().between(0, 0).map(i -> (Cmd) new Cmd.Step());
        Gen<Cmd> until = longs().between(0, maxDelay * 2).map(a -> (Cmd) new Cmd.RunUntil(a));
        return integers().between(0, 9).flatMap(k -> k < 5 ? schedule : k < 7 ? cancel : k < 9 ? step : until);
    }

    /** Runs a session on both; returns nothing, asserts as it goes. */
    static void check(List<Cmd> cmds) {
        Scheduler s = new Scheduler(16);
        List<Ref> pending = new ArrayList<>();
        List<Long> handles = new ArrayList<>();
        List<Integer> ran = new ArrayList<>();
        long[] seq = {0};
        long[] lastTime = {Long.MIN_VALUE};
        List<Boolean> cancelled = new ArrayList<>();

        // An event records its id and the time it ran; optionally schedules a child (id assigned at run time).
        class Ev implements Action {
            final long childDelay;

            Ev(long childDelay) {
                this.childDelay = childDelay;
            }

            @Override
            public void run(long id) {
                assertTrue(s.now() >= lastTime[0], "time went backwards: " + s.now() + " < " + lastTime[0]);
                lastTime[0] = s.now();
                Ref expected = pending.stream().min(Comparator.comparingLong(Ref::time).thenComparingLong(Ref::seq))
                        .orElseThrow(() -> new AssertionError("scheduler ran event " + id + " but reference is empty"));
                assertEquals(expected.id(), (int) id, "wrong event order at t=" + s.now());
                assertEquals(expected.time(), s.now(), "event ran at the wrong time");
                assertFalse(cancelled.get((int) id), "cancelled event " + id + " ran");
                pending.remove(expected);
                ran.add((int) id);
                if (childDelay >= 0) {
                    schedule(s.now() + childDelay, -1);
                }
            }

            void schedule(long at, long grandChild) {
                int id = handles.size();
                handles.add(s.at(at, new Ev(grandChild), id));
                cancelled.add(false);
                pending.add(new Ref(at, seq[0]++, id));
            }
        }

        for (Cmd c : cmds) {
            switch (c) {
                case Cmd.Schedule sc -> new Ev(-1).schedule(s.now() + sc.delay(), sc.childDelay());
                case Cmd.Cancel cc -> {
                    if (!handles.isEmpty()) {
                        int id = cc.index() % handles.size();
                        boolean wasPending = pending.stream().anyMatch(r -> r.id() == id);
                        assertEquals(wasPending, s.isPending(handles.get(id)), "isPending disagrees for " + id);
                        assertEquals(wasPending, s.cancel(handles.get(id)), "cancel result for " + id);
                        if (wasPending) {
                            cancelled.set(id, true);
                            pending.removeIf(r -> r.id() == id);
                        }
                    }
                }
                case Cmd.Step st -> assertEquals(!pending.isEmpty(), s.step(), "step() with pending=" + pending.size());
                case Cmd.RunUntil ru -> {
                    long limit = s.now() + ru.advance();
                    s.runUntil(limit);
                    assertTrue(pending.stream().allMatch(r -> r.time() > limit), "an event ≤ limit was left pending");
                    assertEquals(limit, s.now(), "runUntil must leave now at the limit");
                }
            }
            assertEquals(pending.size(), s.pending(), "pending count");
        }
        s.run();
        assertTrue(pending.isEmpty(), "run() left reference events: " + pending);
        assertEquals(0, s.pending());
    }

    @Test
    void eventsRunInTimeThenInsertionOrderAndCancelledNeverRun() {
        Props.property(400).forAll(lists().of(commands(50)).ofSizeBetween(1, 120)).checkAssert(SchedulerPropertiesTest::check);
    }

    @Test
    void sameOrderWithWideTimeRanges() {
        // Delays spanning many radix buckets.
        Props.property(300).forAll(lists().of(commands(1L << 40)).ofSizeBetween(1, 120)).checkAssert(SchedulerPropertiesTest::check);
    }

    @Test
    void ties() {
        // Only delays 0..2: almost every event ties with another; order must be insertion order.
        Props.property(300).forAll(lists().of(commands(2)).ofSizeBetween(1, 200)).checkAssert(SchedulerPropertiesTest::check);
    }
}
