package org.sysmodels.core.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.testing.Props;

/**
 * Model-based properties of {@link Scheduler}: random command sequences run against the scheduler and against a
 * plain sorted set of (time, insertion number) pairs (the reference); QuickTheories shrinks a failure to a minimal
 * sequence. The commands schedule (one event, or a burst of hundreds), cancel (one event, or every k-th pending one,
 * enough to trigger the scheduler's sweep of cancelled events), step, and run until a limit (also a limit in the
 * past, and a run cut short by an event that calls {@link Scheduler#stop()}); times reach {@link Long#MAX_VALUE}, so
 * every level of the radix heap is used. With timers: the same sessions plus {@link Scheduler.Timer}s set, re-set
 * (also from their own action) and cancelled, which the reference treats as a cancel followed by a new insertion.
 */
class SchedulerPropertiesTest {

    /** One step of a generated session. */
    sealed interface Cmd {
        /**
         * Schedule an event {@code delay} ns from now (saturating at Long.MAX_VALUE); when it runs it may schedule a
         * child {@code childDelay} later (-1: none) and may call {@link Scheduler#stop()}.
         */
        record Schedule(long delay, long childDelay, boolean stops) implements Cmd {
        }

        /** Schedule {@code count} events with delays drawn from [0, maxDelay] by a stream seeded with {@code seed}. */
        record Burst(int count, long maxDelay, long seed) implements Cmd {
        }

        /** Cancel the {@code index % scheduled}-th event ever scheduled (it may have run or been cancelled). */
        record Cancel(int index) implements Cmd {
        }

        /** Cancel every {@code stride}-th pending event, in order of insertion, starting with the first. */
        record CancelMany(int stride) implements Cmd {
        }

        record Step() implements Cmd {
        }

        /** Run until now + advance (saturating); a negative advance is a limit in the past. */
        record RunUntil(long advance) implements Cmd {
        }

        /** Set timer {@code timer} (0..2) {@code delay} ns from now; when it fires it may set itself again. */
        record SetTimer(int timer, long delay, long again) implements Cmd {
        }

        record CancelTimer(int timer) implements Cmd {
        }
    }

    /** Reference entry: an event's time and insertion number (the tie-break), and its id. */
    record Ref(long time, long seq, int id) {
    }

    private static final Comparator<Ref> ORDER = Comparator.comparingLong(Ref::time).thenComparingLong(Ref::seq);

    static long plus(long now, long delay) {
        return delay > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + delay;
    }

    static Gen<Cmd> commands(Gen<Long> delays) {
        Gen<Cmd> schedule = delays.zip(longs().between(-1, 3).flatMap(c -> c < 0 ? longs().between(-1, -1) : delays),
                integers().between(0, 15), (d, c, k) -> (Cmd) new Cmd.Schedule(d, c, k == 0));
        Gen<Cmd> cancel = integers().between(0, 5000).map(i -> (Cmd) new Cmd.Cancel(i));
        Gen<Cmd> step = integers().between(0, 0).map(i -> (Cmd) new Cmd.Step());
        Gen<Cmd> until = delays.zip(integers().between(0, 7),
                (a, k) -> (Cmd) new Cmd.RunUntil(k == 0 ? -1 - a % 100 : plus(a, a)));
        return integers().between(0, 9).flatMap(k -> k < 5 ? schedule : k < 7 ? cancel : k < 9 ? step : until);
    }

    /** {@link #commands(Gen)} mixed with timer commands. */
    static Gen<Cmd> timerCommands(Gen<Long> delays) {
        Gen<Cmd> set = integers().between(0, 2).zip(delays, longs().between(-1, 3).flatMap(c -> c < 0
                ? longs().between(-1, -1) : delays), (i, d, a) -> (Cmd) new Cmd.SetTimer(i, d, a));
        Gen<Cmd> cancel = integers().between(0, 2).map(i -> (Cmd) new Cmd.CancelTimer(i));
        Gen<Cmd> single = commands(delays);
        return integers().between(0, 9).flatMap(k -> k < 3 ? set : k < 4 ? cancel : single);
    }

    /** Like {@link #commands(Gen)}, plus bursts of hundreds of events and bulk cancellations, so sweeps happen. */
    static Gen<Cmd> bulkCommands(Gen<Long> delays, long burstDelay) {
        Gen<Cmd> burst = integers().between(200, 1500).zip(longs().all(),
                (n, seed) -> (Cmd) new Cmd.Burst(n, burstDelay, seed));
        Gen<Cmd> cancelMany = integers().between(1, 4).map(k -> (Cmd) new Cmd.CancelMany(k));
        Gen<Cmd> single = commands(delays);
        return integers().between(0, 9).flatMap(k -> k < 3 ? burst : k < 5 ? cancelMany : single);
    }

    static Gen<Long> uniformDelays(long max) {
        return longs().between(0, max);
    }

    /** Delays of every magnitude: 2^k plus a little, k in 0..62, and now and then 0 or the largest delay. */
    static Gen<Long> delaysOfEveryMagnitude() {
        return integers().between(-2, 62).zip(longs().between(-3, 3),
                (k, j) -> k == -2 ? 0L : k == -1 ? Long.MAX_VALUE : Math.max(0, (1L << k) + j));
    }

    /** Runs a session on both; asserts as it goes. */
    static void check(List<Cmd> cmds) {
        new Session().run(cmds);
    }

    static final class Session {
        final Scheduler s = new Scheduler(16);
        final TreeSet<Ref> pending = new TreeSet<>(ORDER);
        final Map<Integer, Ref> byId = new HashMap<>();
        final List<Long> handles = new ArrayList<>();
        final List<Boolean> cancelled = new ArrayList<>();
        long seq;
        long refNow;
        long ranInCall;
        boolean stopped;
        final Scheduler.Timer[] timers = new Scheduler.Timer[3];
        /** The reference entry of each armed timer (ids −1, −2, −3). */
        final Ref[] timerRefs = new Ref[3];
        final long[] timerAgain = new long[3];

        Session() {
            for (int i = 0; i < timers.length; i++) {
                int index = i;
                timers[i] = s.timer(arg -> timerFired(index));
            }
        }

        void timerFired(int i) {
            assertFalse(pending.isEmpty(), "timer " + i + " ran but the reference has nothing pending");
            Ref expected = pending.first();
            assertEquals(expected.id(), -1 - i, "wrong event order at t=" + s.now());
            assertEquals(expected.time(), s.now(), "timer ran at the wrong time");
            assertFalse(timers[i].pending(), "a running timer is no longer pending");
            pending.remove(expected);
            timerRefs[i] = null;
            refNow = expected.time();
            ranInCall++;
            if (timerAgain[i] >= 0) {
                long again = timerAgain[i];
                timerAgain[i] = -1;
                setTimer(i, plus(s.now(), again), -1);
            }
        }

        void setTimer(int i, long at, long again) {
            if (timerRefs[i] != null) {
                pending.remove(timerRefs[i]);
            }
            timers[i].set(at, 0);
            timerAgain[i] = again;
            timerRefs[i] = new Ref(at, seq++, -1 - i);
            pending.add(timerRefs[i]);
            assertTrue(timers[i].pending());
            assertEquals(at, timers[i].time());
        }

        void cancelTimer(int i) {
            assertEquals(timerRefs[i] != null, timers[i].cancel(), "timer cancel result");
            if (timerRefs[i] != null) {
                pending.remove(timerRefs[i]);
                timerRefs[i] = null;
            }
            assertFalse(timers[i].pending());
        }

        /** An event checks that it is the reference's next one, then optionally schedules a child and stops. */
        final class Ev implements Action {
            final long childDelay;
            final boolean stops;

            Ev(long childDelay, boolean stops) {
                this.childDelay = childDelay;
                this.stops = stops;
            }

            @Override
            public void run(long id) {
                assertFalse(pending.isEmpty(), "scheduler ran event " + id + " but the reference has none pending");
                Ref expected = pending.first();
                assertEquals(expected.id(), (int) id, "wrong event order at t=" + s.now());
                assertEquals(expected.time(), s.now(), "event ran at the wrong time");
                assertFalse(cancelled.get((int) id), "cancelled event " + id + " ran");
                assertFalse(s.isPending(handles.get((int) id)), "a running event is no longer pending");
                pending.remove(expected);
                byId.remove((int) id);
                refNow = expected.time();
                ranInCall++;
                if (childDelay >= 0) {
                    schedule(plus(s.now(), childDelay), -1, false);
                }
                if (stops) {
                    stopped = true;
                    s.stop();
                }
            }
        }

        void schedule(long at, long childDelay, boolean stops) {
            int id = handles.size();
            long h = s.at(at, new Ev(childDelay, stops), id);
            assertTrue(s.isPending(h), "a new event is pending");
            handles.add(h);
            cancelled.add(false);
            Ref r = new Ref(at, seq++, id);
            pending.add(r);
            byId.put(id, r);
        }

        void cancel(int id) {
            Ref r = byId.get(id);
            boolean wasPending = r != null;
            assertEquals(wasPending, s.isPending(handles.get(id)), "isPending disagrees for " + id);
            assertEquals(wasPending, s.cancel(handles.get(id)), "cancel result for " + id);
            assertFalse(s.isPending(handles.get(id)), "pending after cancel: " + id);
            assertFalse(s.cancel(handles.get(id)), "a second cancel of " + id);
            if (wasPending) {
                cancelled.set(id, true);
                pending.remove(r);
                byId.remove(id);
            }
        }

        void run(List<Cmd> cmds) {
            for (Cmd c : cmds) {
                ranInCall = 0;
                stopped = false;
                switch (c) {
                    case Cmd.Schedule sc -> schedule(plus(s.now(), sc.delay()), sc.childDelay(), sc.stops());
                    case Cmd.Burst b -> {
                        RandomStream r = new RandomStream(b.seed());
                        for (int i = 0; i < b.count(); i++) {
                            schedule(plus(s.now(), r.nextLong(b.maxDelay() + 1)), -1, false);
                        }
                    }
                    case Cmd.Cancel cc -> {
                        if (!handles.isEmpty()) {
                            cancel(cc.index() % handles.size());
                        }
                    }
                    case Cmd.SetTimer st -> setTimer(st.timer(), plus(s.now(), st.delay()), st.again());
                    case Cmd.CancelTimer ct -> cancelTimer(ct.timer());
                    case Cmd.CancelMany cm -> {
                        List<Integer> ids = pending.stream().map(Ref::id).filter(id -> id >= 0).sorted().toList();
                        for (int i = 0; i < ids.size(); i += cm.stride()) {
                            cancel(ids.get(i));
                        }
                    }
                    case Cmd.Step st -> {
                        boolean any = !pending.isEmpty();
                        assertEquals(any, s.step(), "step() with pending=" + pending.size());
                        assertEquals(any ? 1 : 0, ranInCall, "step() runs exactly one event");
                    }
                    case Cmd.RunUntil ru -> runUntil(ru.advance() < 0 ? s.now() + ru.advance()
                            : plus(s.now(), ru.advance()));
                }
                assertEquals(pending.size(), s.pending(), "pending count after " + c);
                assertEquals(refNow, s.now(), "now after " + c);
            }
            // Drain; each event that stops ends one run early, so at most one run per event left.
            for (int runs = pending.size() + 1; runs > 0 && !pending.isEmpty(); runs--) {
                ranInCall = 0;
                stopped = false;
                runUntil(Long.MAX_VALUE);
            }
            assertTrue(pending.isEmpty(), "run() left reference events: " + pending);
            assertEquals(0, s.pending());
            assertFalse(s.step(), "nothing left to step");
        }

        void runUntil(long limit) {
            long executedBefore = s.executed();
            long n = s.runUntil(limit);
            assertEquals(ranInCall, n, "runUntil's count");
            assertEquals(executedBefore + n, s.executed(), "executed()");
            if (stopped) {
                return;
            }
            if (!pending.isEmpty()) {
                assertTrue(pending.first().time() > limit, "an event ≤ limit was left pending: " + pending.first());
            }
            if (limit != Long.MAX_VALUE && limit > refNow) {
                refNow = limit;
            }
        }
    }

    @Test
    void eventsRunInTimeThenInsertionOrderAndCancelledNeverRun() {
        Props.property(400).forAll(lists().of(commands(uniformDelays(50))).ofSizeBetween(1, 120))
                .checkAssert(SchedulerPropertiesTest::check);
    }

    @Test
    void sameOrderWithWideTimeRanges() {
        // Delays spanning many radix buckets.
        Props.property(300).forAll(lists().of(commands(uniformDelays(1L << 40))).ofSizeBetween(1, 120))
                .checkAssert(SchedulerPropertiesTest::check);
    }

    @Test
    void sameOrderAtEveryMagnitudeUpToTheLastNanosecond() {
        // Every level of the heap, up to the top digit, and events that saturate at Long.MAX_VALUE.
        Props.property(300).forAll(lists().of(commands(delaysOfEveryMagnitude())).ofSizeBetween(1, 120))
                .checkAssert(SchedulerPropertiesTest::check);
    }

    @Test
    void ties() {
        // Only delays 0..2: almost every event ties with another; order must be insertion order.
        Props.property(300).forAll(lists().of(commands(uniformDelays(2))).ofSizeBetween(1, 200))
                .checkAssert(SchedulerPropertiesTest::check);
    }

    @Test
    void timersRunWhereTheSameEventsWouldRun() {
        Props.property(300).forAll(lists().of(timerCommands(uniformDelays(50))).ofSizeBetween(1, 150))
                .checkAssert(SchedulerPropertiesTest::check);
        Props.property(300).forAll(lists().of(timerCommands(uniformDelays(2))).ofSizeBetween(1, 150))
                .checkAssert(SchedulerPropertiesTest::check);
        Props.property(200).forAll(lists().of(timerCommands(delaysOfEveryMagnitude())).ofSizeBetween(1, 150))
                .checkAssert(SchedulerPropertiesTest::check);
    }

    @Test
    void massCancellationsAndSweepsKeepTheOrder() {
        // Bursts of hundreds of events, most of them cancelled: the sweep of cancelled events runs, also in the
        // middle of draining a bucket of simultaneous events.
        Props.property(60).forAll(lists().of(bulkCommands(uniformDelays(3), 3)).ofSizeBetween(1, 25))
                .checkAssert(SchedulerPropertiesTest::check);
        Props.property(60).forAll(lists().of(bulkCommands(uniformDelays(1 << 20), 1 << 20)).ofSizeBetween(1, 25))
                .checkAssert(SchedulerPropertiesTest::check);
    }
}
