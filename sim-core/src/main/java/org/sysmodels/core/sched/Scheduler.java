package org.sysmodels.core.sched;

import java.util.Arrays;
import java.util.Objects;

/**
 * The discrete-event scheduler: virtual time in nanoseconds, events run in (time, insertion) order, so a run is a pure
 * function of its inputs.
 *
 * <p>The pending set is a radix heap with 4-bit digits (Ahuja, Mehlhorn, Orlin, Tarjan, "Faster algorithms for the
 * shortest path problem", JACM 37(2), 1990; {@code PendingEvents}): a monotone priority queue, which fits because
 * nothing is scheduled before {@code now}, and whose buckets keep insertion order, so ties need no sequence number.
 * Events live in preallocated arrays recycled through a free list ({@code EventSlots}): once the arrays have grown to
 * the peak number of pending events, scheduling and running allocate nothing. A handle is
 * {@code generation << 32 | slot}; cancelling marks the slot and the heap drops it when it meets it (lazy deletion),
 * with a sweep when cancelled events outnumber live ones, so memory stays bounded by twice the live set.
 *
 * <p>A {@link Timer} is a reusable one-shot event kept outside the heap, for a component that re-arms one event over
 * and over (a periodic tick, a watchdog deadline): setting it costs a store instead of an insertion, and running it
 * costs a comparison with the heap's next event instead of a trip through the heap's levels. Setting a timer counts
 * as an insertion for the tie-break, so a timer runs exactly where an event scheduled at the same moment would.
 *
 * <p>This class is the clock and the run loop; the pending set is its superclass chain (one object, so the hot path
 * reads the heap's arrays directly). Not thread-safe: one simulation, one thread.
 */
public final class Scheduler extends PendingEvents {

    /** A handle that never names an event; {@link #cancel(long)} returns false for it. */
    public static final long NO_EVENT = 0L;

    private Timer[] timers = new Timer[0];
    private int armedTimers;
    /** The armed timer that runs first (earliest time, then insertion), or null. */
    private Timer earliest;
    private long executed;
    private boolean stopRequested;

    public Scheduler() {
        this(INITIAL_SLOTS);
    }

    /** @param expectedPending how many events are expected to be pending at once; the arrays grow past it if needed */
    public Scheduler(int expectedPending) {
        super(expectedPending);
    }

    /** Current virtual time in nanoseconds: the time of the event being run, or where the last run stopped. */
    public long now() {
        return now;
    }

    /** Number of events scheduled and neither run nor cancelled (armed {@link Timer}s included). */
    public int pending() {
        return live + armedTimers;
    }

    /** Number of events run since construction. */
    public long executed() {
        return executed;
    }

    /** Schedules {@code action} at absolute time {@code time} (≥ now). @return a handle for {@link #cancel(long)} */
    public long at(long time, Runnable action) {
        return insert(time, Objects.requireNonNull(action, "action"), 0L);
    }

    /** Schedules {@code action.run(arg)} at absolute time {@code time} (≥ now). @return a handle for {@link #cancel(long)} */
    public long at(long time, Action action, long arg) {
        return insert(time, Objects.requireNonNull(action, "action"), arg);
    }

    /** Schedules {@code action} {@code delay} ns from now (delay ≥ 0). */
    public long after(long delay, Runnable action) {
        return at(delayed(delay), action);
    }

    /** Schedules {@code action.run(arg)} {@code delay} ns from now (delay ≥ 0). */
    public long after(long delay, Action action, long arg) {
        return at(delayed(delay), action, arg);
    }

    /**
     * Cancels a pending event. @return true if it was pending; false if it already ran, was already cancelled or the
     * handle is {@link #NO_EVENT} or stale.
     */
    public boolean cancel(long handle) {
        return remove(handle);
    }

    /** True if the handle names an event that is still pending. */
    public boolean isPending(long handle) {
        return pendingSlot(handle) >= 0;
    }

    /** Runs the next event, if any. @return false if nothing was pending */
    public boolean step() {
        int slot = next(Long.MAX_VALUE);
        if (slot == NONE) {
            return false;
        }
        fire(slot);
        return true;
    }

    /** Runs events until none is pending or {@link #stop()} is called. @return the number of events run */
    public long run() {
        return runUntil(Long.MAX_VALUE);
    }

    /**
     * Runs every event with time ≤ {@code limit}, in order, then sets now to {@code limit} (if later) unless stopped
     * early by {@link #stop()}. @return the number of events run
     */
    public long runUntil(long limit) {
        stopRequested = false;
        if (limit < floor && (earliest == null || limit < earliest.time)) {
            // Nothing can be due: skip the search (simulators that let time pass in short steps call this often).
            if (limit > now) {
                now = limit;
            }
            return 0;
        }
        long before = executed;
        while (!stopRequested) {
            int slot = next(limit);
            if (slot == NONE) {
                if (limit != Long.MAX_VALUE && limit > now) {
                    now = limit;
                }
                break;
            }
            fire(slot);
        }
        return executed - before;
    }

    /** Makes the current {@link #run()} or {@link #runUntil(long)} return after the event being run. */
    public void stop() {
        stopRequested = true;
    }

    private long delayed(long delay) {
        if (delay < 0) {
            throw new IllegalArgumentException("negative delay " + delay + " ns");
        }
        long t = now + delay;
        if (t < 0) {
            throw new IllegalArgumentException("time overflow: now " + now + " ns + delay " + delay + " ns");
        }
        return t;
    }

    private void fire(int slot) {
        if (slot < 0) {
            timers[-2 - slot].fire();
            return;
        }
        Object action = actions[slot];
        long arg = timeArgs[3 * slot + 1];
        now = timeArgs[3 * slot];
        actions[slot] = null;
        freeSlots[freeCount++] = slot;
        live--;
        executed++;
        if (action instanceof Action a) {
            a.run(arg);
        } else {
            ((Runnable) action).run();
        }
    }

    /**
     * The next event due by {@code limit}: a heap slot, or {@code -2 - i} for timer {@code i}, or {@link #NONE}. A
     * timer goes before the heap's next event if it is earlier, or at the same time and set before that event was
     * scheduled.
     */
    private int next(long limit) {
        Timer t = earliest;
        if (t == null) {
            return nextSlot(limit);
        }
        if (t.time > limit) {
            return limit < floor ? NONE : nextSlot(limit);
        }
        if (t.time >= floor) {
            int slot = nextSlot(t.time);
            if (slot >= 0) {
                if (timeArgs[3 * slot] < t.time || timeArgs[3 * slot + 2] < t.sequence) {
                    return slot;
                }
                putBack();    // later than the timer
            }
        }
        return -2 - t.index;
    }

    private void findEarliestTimer() {
        Timer e = null;
        if (armedTimers > 0) {
            for (Timer c : timers) {
                if (c.armed && (e == null || c.time < e.time || c.time == e.time && c.sequence < e.sequence)) {
                    e = c;
                }
            }
        }
        earliest = e;
    }

    /**
     * A new {@link Timer} running {@code action} with the argument given when it is set. Make one per component
     * when it is built (the scheduler keeps them for its lifetime).
     */
    public Timer timer(Action action) {
        Timer t = new Timer(Objects.requireNonNull(action, "action"), timers.length);
        timers = Arrays.copyOf(timers, timers.length + 1);
        timers[t.index] = t;
        return t;
    }

    /**
     * A one-shot event that can be set again and again without going through the heap: {@link #set} replaces the
     * pending time, if any, as a {@link #cancel()} followed by {@link Scheduler#at(long, Action, long)} would, and
     * orders against other events exactly as that pair would.
     */
    public final class Timer {
        private final Action action;
        private final int index;
        private boolean armed;
        private long time;
        private long arg;
        private long sequence;

        private Timer(Action action, int index) {
            this.action = action;
            this.index = index;
        }

        /** Runs {@code action.run(arg)} at {@code at} (≥ now), replacing the pending time if there is one. */
        public void set(long at, long arg) {
            if (at < now) {
                throw new IllegalArgumentException("cannot schedule at " + at + " ns, before now (" + now + " ns)");
            }
            if (!armed) {
                armed = true;
                armedTimers++;
            }
            long old = time;
            time = at;
            this.arg = arg;
            sequence = ++inserted;
            // The earliest timer by (time, insertion) without a search when it is known: none was armed, or this one
            // goes strictly before the earliest (it was that one, earlier than before, or another one). Otherwise it
            // was the earliest and moved later or to the same time: search.
            Timer e = earliest;
            if (e == null || at < e.time || e == this && at < old) {
                earliest = this;
            } else if (e == this) {
                findEarliestTimer();
            }
        }

        /** @return true if it was pending */
        public boolean cancel() {
            if (!armed) {
                return false;
            }
            armed = false;
            armedTimers--;
            if (earliest == this) {
                findEarliestTimer();
            }
            return true;
        }

        public boolean pending() {
            return armed;
        }

        /** The pending time (meaningful while {@link #pending()}). */
        public long time() {
            return time;
        }

        private void fire() {
            armed = false;
            armedTimers--;
            findEarliestTimer();
            now = time;
            executed++;
            action.run(arg);
        }
    }
}
