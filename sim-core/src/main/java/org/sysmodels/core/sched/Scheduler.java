package org.sysmodels.core.sched;

import java.util.Arrays;
import java.util.Objects;

/**
 * The discrete-event scheduler: virtual time in nanoseconds, events run in (time, insertion) order, so a run is a pure
 * function of its inputs.
 *
 * <p>The pending set is a radix heap (Ahuja, Mehlhorn, Orlin, Tarjan, "Faster algorithms for the shortest path
 * problem", JACM 37(2), 1990) with 4-bit digits: a monotone priority queue, which fits because nothing is scheduled
 * before {@code now}. Relative to a base time, an event sits at the level of the highest hex digit in which its time
 * differs from the base, in the bucket of its own digit there; level 0 buckets therefore each hold a single time. Every
 * event at a given time is always in the same bucket, and buckets keep insertion order, so draining a level-0 bucket
 * front to back gives the insertion-order tie-break without storing a sequence number. When level 0 runs dry, the
 * earliest time in the lowest occupied bucket above it becomes the new base (as in the paper) and the bucket's events
 * move down: the earliest one straight to level 0, the others at most once per level. A 16-bit mask per level finds
 * occupied buckets in one instruction.
 *
 * <p>Events live in preallocated arrays (time, argument and insertion number side by side; action; generation)
 * recycled through a free list: once the arrays have grown to the peak number of pending events, scheduling and
 * running allocate nothing. A handle is {@code generation << 32 | slot}; cancelling marks the slot and the heap drops
 * it when it meets it (lazy deletion), with a sweep when cancelled events outnumber live ones, so memory stays
 * bounded by twice the live set.
 *
 * <p>A {@link Timer} is a reusable one-shot event kept outside the heap, for a component that re-arms one event over
 * and over (a periodic tick, a watchdog deadline): setting it costs a store instead of an insertion, and running it
 * costs a comparison with the heap's next event instead of a trip through the heap's levels. Setting a timer counts
 * as an insertion for the tie-break, so a timer runs exactly where an event scheduled at the same moment would.
 *
 * <p>Not thread-safe: one simulation, one thread.
 */
public final class Scheduler {

    /** A handle that never names an event; {@link #cancel(long)} returns false for it. */
    public static final long NO_EVENT = 0L;

    private static final int DIGIT_BITS = 4;
    private static final int DIGITS = 1 << DIGIT_BITS;
    private static final int LEVELS = 64 / DIGIT_BITS;
    private static final int BUCKETS = LEVELS * DIGITS;
    private static final int INITIAL_SLOTS = 1024;
    private static final int INITIAL_BUCKET = 8;
    private static final int SWEEP_MIN_CANCELLED = 1024;

    /**
     * Per slot, side by side ({@code 3 * slot}): the time (negative once cancelled, so a redistribution skips a
     * cancelled event without reading its action), the argument, and the insertion number (ties between heap events
     * and {@link Timer}s go by it). With millions of far-future events pending, each event scheduled, moved between
     * buckets or run costs one cache miss here instead of one per array.
     */
    private long[] timeArgs;
    private Object[] actions;   // Runnable or Action; null once run or cancelled
    private int[] generations;
    private long inserted;
    private Timer[] timers = new Timer[0];
    private int armedTimers;
    /** The armed timer that runs first (earliest time, then insertion), or null. */
    private Timer earliest;
    private int[] freeSlots;
    private int freeCount;

    private final int[][] buckets = new int[BUCKETS][];
    private final int[] bucketSizes = new int[BUCKETS];
    private final int[] occupied = new int[LEVELS];
    /** Read position in the level-0 bucket of {@link #base}, the only bucket drained from the front. */
    private int currentHead;
    private long base;
    /**
     * No live event in the heap is earlier than this: lowered by every insert, raised when a search finds nothing
     * due. (Timers are not in the heap: {@link #earliest} bounds them.)
     */
    private long floor;

    private long now;
    private int live;
    private int cancelledInHeap;
    private long executed;
    private boolean stopRequested;

    public Scheduler() {
        this(INITIAL_SLOTS);
    }

    /** @param expectedPending how many events are expected to be pending at once; the arrays grow past it if needed */
    public Scheduler(int expectedPending) {
        int n = Math.max(16, expectedPending);
        timeArgs = new long[3 * n];
        actions = new Object[n];
        generations = new int[n];
        freeSlots = new int[n];
        for (int i = 0; i < n; i++) {
            freeSlots[i] = n - 1 - i;
        }
        freeCount = n;
        for (int b = 0; b < BUCKETS; b++) {
            buckets[b] = new int[INITIAL_BUCKET];
        }
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
        int slot = (int) handle;
        if (handle == NO_EVENT || slot < 0 || slot >= generations.length) {
            return false;
        }
        if (generations[slot] != (int) (handle >>> 32) || actions[slot] == null) {
            return false;
        }
        actions[slot] = null;
        timeArgs[3 * slot] = -1;
        live--;
        cancelledInHeap++;
        if (cancelledInHeap >= SWEEP_MIN_CANCELLED && cancelledInHeap > live) {
            sweepCancelled();
        }
        return true;
    }

    /** True if the handle names an event that is still pending. */
    public boolean isPending(long handle) {
        int slot = (int) handle;
        return handle != NO_EVENT && slot >= 0 && slot < generations.length
                && generations[slot] == (int) (handle >>> 32) && actions[slot] != null;
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

    /** Capacity of the bucket being drained (tests: memory stays bounded under zero-delay chains). */
    int currentBucketCapacity() {
        return buckets[(int) (base & (DIGITS - 1))].length;
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

    private long insert(long time, Object action, long arg) {
        if (time < now) {
            throw new IllegalArgumentException("cannot schedule at " + time + " ns, before now (" + now + " ns)");
        }
        if (freeCount == 0) {
            growSlots();
        }
        int slot = freeSlots[--freeCount];
        int generation = ++generations[slot];
        if (generation == 0) {
            generation = generations[slot] = 1;
        }
        timeArgs[3 * slot] = time;
        actions[slot] = action;
        timeArgs[3 * slot + 1] = arg;
        timeArgs[3 * slot + 2] = ++inserted;
        push(bucketOf(time), slot);
        live++;
        if (time < floor) {
            floor = time;
        }
        return ((long) generation << 32) | slot;
    }

    /** The bucket of a time ≥ base: the level of the highest differing hex digit, and the time's digit there. */
    private int bucketOf(long time) {
        long diff = time ^ base;
        int level = diff == 0 ? 0 : (63 - Long.numberOfLeadingZeros(diff)) >>> 2;
        return (level << DIGIT_BITS) | (int) ((time >>> (level << 2)) & (DIGITS - 1));
    }

    private void push(int bucket, int slot) {
        int size = bucketSizes[bucket];
        int[] b = buckets[bucket];
        if (size == b.length) {
            if (bucket == (int) (base & (DIGITS - 1)) && currentHead >= size / 2) {
                // The bucket being drained, at least half consumed: an endless stream of events at one instant
                // (zero-delay chains) would otherwise grow it forever. Shift the rest down instead.
                System.arraycopy(b, currentHead, b, 0, size - currentHead);
                size -= currentHead;
                bucketSizes[bucket] = size;
                currentHead = 0;
            } else {
                b = buckets[bucket] = Arrays.copyOf(b, size * 2);
            }
        }
        b[size] = slot;
        bucketSizes[bucket] = size + 1;
        occupied[bucket >>> DIGIT_BITS] |= 1 << (bucket & (DIGITS - 1));
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

    /** No event is due. */
    private static final int NONE = -1;

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
                currentHead--;    // later than the timer: it stays at the head of its bucket
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

    /** The slot of the next live event if its time is ≤ limit, else -1. Frees cancelled slots it passes. */
    private int nextSlot(long limit) {
        while (true) {
            int current = (int) (base & (DIGITS - 1));
            int[] b = buckets[current];
            while (currentHead < bucketSizes[current]) {
                int slot = b[currentHead];
                if (actions[slot] == null) {
                    currentHead++;
                    releaseCancelled(slot);
                    continue;
                }
                if (base > limit) {
                    floor = base;
                    return -1;
                }
                currentHead++;
                return slot;
            }
            bucketSizes[current] = 0;
            currentHead = 0;
            occupied[0] &= ~(1 << current);
            if (occupied[0] != 0) {
                // Level-0 buckets above the current digit hold single later times: the next one becomes the base,
                // unless it is past the limit (the base must never pass a time at which new events may still go).
                long next = (base & ~(long) (DIGITS - 1)) | Integer.numberOfTrailingZeros(occupied[0]);
                if (next > limit) {
                    floor = next;
                    return -1;
                }
                base = next;
                continue;
            }
            int level = 1;
            while (level < LEVELS && occupied[level] == 0) {
                level++;
            }
            if (level == LEVELS) {
                // Empty (what remained was cancelled): the base may have passed now on the way; bring it back.
                base = now;
                floor = Long.MAX_VALUE;
                return -1;
            }
            if (!redistribute(level, limit)) {
                return -1;
            }
        }
    }

    /**
     * Makes the earliest live time in the lowest occupied bucket of {@code level} the new base and moves the bucket's
     * events down, unless that time is past {@code limit} (then it becomes the exact {@link #floor}). That bucket
     * holds the earliest pending event, so moving the base straight to it is allowed, and it takes the event to
     * level 0 in one move instead of one level at a time. A bucket of cancelled events only is emptied.
     * @return false if its earliest time was past the limit
     */
    private boolean redistribute(int level, long limit) {
        int digit = Integer.numberOfTrailingZeros(occupied[level]);
        int bucket = (level << DIGIT_BITS) | digit;
        int[] b = buckets[bucket];
        int n = bucketSizes[bucket];
        boolean live = false;
        long min = Long.MAX_VALUE;
        for (int k = 0; k < n; k++) {
            int slot = b[k];
            long t = timeArgs[3 * slot];
            if (t >= 0 && t <= min) {
                min = t;
                live = true;
            }
        }
        if (live && min > limit) {
            floor = min;
            return false;
        }
        bucketSizes[bucket] = 0;
        occupied[level] &= ~(1 << digit);
        if (live) {
            base = min;
        }
        for (int k = 0; k < n; k++) {
            int slot = b[k];
            long t = timeArgs[3 * slot];
            if (t < 0) {
                releaseCancelled(slot);
            } else {
                push(bucketOf(t), slot);
            }
        }
        return true;
    }

    private void releaseCancelled(int slot) {
        cancelledInHeap--;
        freeSlots[freeCount++] = slot;
    }

    /** Drops every cancelled slot from every bucket, keeping the order of the rest. */
    private void sweepCancelled() {
        int current = (int) (base & (DIGITS - 1));
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            int[] b = buckets[bucket];
            int from = bucket == current ? currentHead : 0;
            int kept = 0;
            for (int k = from; k < bucketSizes[bucket]; k++) {
                int slot = b[k];
                if (actions[slot] == null) {
                    releaseCancelled(slot);
                } else {
                    b[kept++] = slot;
                }
            }
            bucketSizes[bucket] = kept;
            if (kept == 0) {
                occupied[bucket >>> DIGIT_BITS] &= ~(1 << (bucket & (DIGITS - 1)));
            }
        }
        currentHead = 0;
    }

    private void growSlots() {
        int old = actions.length;
        int n = old * 2;
        timeArgs = Arrays.copyOf(timeArgs, 3 * n);
        actions = Arrays.copyOf(actions, n);
        generations = Arrays.copyOf(generations, n);
        freeSlots = Arrays.copyOf(freeSlots, n);
        for (int i = n - 1; i >= old; i--) {
            freeSlots[freeCount++] = i;
        }
    }
}
