package org.sysmodels.core.sched;

import java.util.Arrays;
import java.util.Objects;

/**
 * The discrete-event scheduler: virtual time in nanoseconds, events run in (time, insertion) order, so a run is a pure
 * function of its inputs.
 *
 * <p>The pending set is a radix heap (Ahuja, Mehlhorn, Orlin, Tarjan, "Faster algorithms for the shortest path
 * problem", JACM 37(2), 1990), a monotone priority queue: it needs every new key to be at least the last one removed,
 * which a discrete-event simulation guarantees because nothing is scheduled before {@code now}. Bucket {@code i > 0}
 * holds the events whose time first differs from the base in bit {@code i - 1}; bucket 0 holds the events at the base
 * time itself. Every event at a given time is therefore always in the same bucket, and buckets are kept in insertion
 * order, so draining bucket 0 front to back gives the insertion-order tie-break without storing a sequence number.
 * When bucket 0 is empty, the lowest non-empty bucket is scanned for its minimum, which becomes the new base, and its
 * events move down; an event moves at most 64 times in its life and in practice a few.
 *
 * <p>Events live in preallocated parallel arrays (time, action, argument, generation) and are recycled through a free
 * list: once the arrays have grown to the peak number of pending events, scheduling and running allocate nothing.
 * A handle is {@code generation << 32 | slot}; cancelling marks the slot and the heap drops it when it meets it
 * (lazy deletion), with a sweep when cancelled events outnumber live ones, so memory stays bounded by twice the live set.
 *
 * <p>Not thread-safe: one simulation, one thread.
 */
public final class Scheduler {

    /** A handle that never names an event; {@link #cancel(long)} returns false for it. */
    public static final long NO_EVENT = 0L;

    private static final int BUCKETS = 65;
    private static final int INITIAL_SLOTS = 1024;
    private static final int SWEEP_MIN_CANCELLED = 1024;

    private long[] times;
    private Object[] actions;   // Runnable or Action; null once run or cancelled
    private long[] args;
    private int[] generations;
    private int[] freeSlots;
    private int freeCount;

    private final int[][] buckets = new int[BUCKETS][];
    private final int[] bucketSizes = new int[BUCKETS];
    private int bucket0Head;
    private long base;

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
        times = new long[n];
        actions = new Object[n];
        args = new long[n];
        generations = new int[n];
        freeSlots = new int[n];
        for (int i = 0; i < n; i++) {
            freeSlots[i] = n - 1 - i;
        }
        freeCount = n;
        for (int b = 0; b < BUCKETS; b++) {
            buckets[b] = new int[b == 0 ? n : 16];
        }
    }

    /** Current virtual time in nanoseconds: the time of the event being run, or where the last run stopped. */
    public long now() {
        return now;
    }

    /** Number of events scheduled and neither run nor cancelled. */
    public int pending() {
        return live;
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
        int slot = nextSlot(Long.MAX_VALUE);
        if (slot < 0) {
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
        long before = executed;
        while (!stopRequested) {
            int slot = nextSlot(limit);
            if (slot < 0) {
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
        times[slot] = time;
        actions[slot] = action;
        args[slot] = arg;
        push(bucketOf(time), slot);
        live++;
        return ((long) generation << 32) | slot;
    }

    private int bucketOf(long time) {
        return 64 - Long.numberOfLeadingZeros(time ^ base);
    }

    private void push(int bucket, int slot) {
        int size = bucketSizes[bucket];
        int[] b = buckets[bucket];
        if (size == b.length) {
            b = buckets[bucket] = Arrays.copyOf(b, size * 2);
        }
        b[size] = slot;
        bucketSizes[bucket] = size + 1;
    }

    private void fire(int slot) {
        Object action = actions[slot];
        long arg = args[slot];
        now = times[slot];
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

    /** The slot of the next live event if its time is ≤ limit, else -1. Frees cancelled slots it passes. */
    private int nextSlot(long limit) {
        while (true) {
            int[] b0 = buckets[0];
            while (bucket0Head < bucketSizes[0]) {
                int slot = b0[bucket0Head];
                if (actions[slot] == null) {
                    bucket0Head++;
                    releaseCancelled(slot);
                    continue;
                }
                if (base > limit) {
                    return -1;
                }
                bucket0Head++;
                return slot;
            }
            bucketSizes[0] = 0;
            bucket0Head = 0;
            int i = 1;
            while (i < BUCKETS && bucketSizes[i] == 0) {
                i++;
            }
            if (i == BUCKETS) {
                return -1;
            }
            if (!redistribute(i, limit)) {
                return -1;
            }
        }
    }

    /** Moves bucket {@code i} down around its minimum, unless that minimum is past {@code limit}. */
    private boolean redistribute(int i, long limit) {
        int[] b = buckets[i];
        int n = bucketSizes[i];
        long min = Long.MAX_VALUE;
        for (int k = 0; k < n; k++) {
            int slot = b[k];
            if (actions[slot] != null && times[slot] < min) {
                min = times[slot];
            }
        }
        if (min != Long.MAX_VALUE && min > limit) {
            return false;
        }
        bucketSizes[i] = 0;
        base = min == Long.MAX_VALUE ? base : min;
        for (int k = 0; k < n; k++) {
            int slot = b[k];
            if (actions[slot] == null) {
                releaseCancelled(slot);
            } else {
                push(bucketOf(times[slot]), slot);
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
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            int[] b = buckets[bucket];
            int from = bucket == 0 ? bucket0Head : 0;
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
        }
        bucket0Head = 0;
    }

    private void growSlots() {
        int old = times.length;
        int n = old * 2;
        times = Arrays.copyOf(times, n);
        actions = Arrays.copyOf(actions, n);
        args = Arrays.copyOf(args, n);
        generations = Arrays.copyOf(generations, n);
        freeSlots = Arrays.copyOf(freeSlots, n);
        for (int i = n - 1; i >= old; i--) {
            freeSlots[freeCount++] = i;
        }
    }
}
