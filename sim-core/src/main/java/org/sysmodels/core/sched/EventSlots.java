package org.sysmodels.core.sched;

import java.util.Arrays;

/**
 * Where pending events live: preallocated arrays (time, argument and insertion number side by side; action;
 * generation) recycled through a free list, so once the arrays have grown to the peak number of pending events,
 * scheduling and running allocate nothing. A handle is {@code generation << 32 | slot}: bumping a slot's generation
 * each time it is reused makes a handle to an event that already ran or was cancelled stale.
 *
 * <p>The storage half of the {@link Scheduler}'s pending set; {@link PendingEvents} orders the slots. The classes form
 * one object (superclass fields, as JCTools lays out its queues), so the scheduler's hot path reads these arrays
 * directly, without a reference to follow.
 */
abstract sealed class EventSlots permits PendingEvents {

    /** Slots made when the expected number of pending events is not given. */
    static final int INITIAL_SLOTS = 1024;

    /**
     * Per slot, side by side ({@code 3 * slot}): the time (negative once cancelled, so a redistribution skips a
     * cancelled event without reading its action), the argument, and the insertion number (ties between heap events
     * and {@link Scheduler.Timer}s go by it). With millions of far-future events pending, each event scheduled, moved
     * between buckets or run costs one cache miss here instead of one per array.
     */
    long[] timeArgs;
    /** Runnable or Action; null once run or cancelled. */
    Object[] actions;
    int[] generations;
    int[] freeSlots;
    int freeCount;

    /** @param expectedPending how many events are expected to be pending at once; the arrays grow past it if needed */
    EventSlots(int expectedPending) {
        int n = Math.max(16, expectedPending);
        timeArgs = new long[3 * n];
        actions = new Object[n];
        generations = new int[n];
        freeSlots = new int[n];
        for (int i = 0; i < n; i++) {
            freeSlots[i] = n - 1 - i;
        }
        freeCount = n;
    }

    /** The slot {@code handle} names if its event is still pending, else -1 (run, cancelled, stale or NO_EVENT). */
    final int pendingSlot(long handle) {
        int slot = (int) handle;
        if (handle == Scheduler.NO_EVENT || slot < 0 || slot >= generations.length) {
            return -1;
        }
        if (generations[slot] != (int) (handle >>> 32) || actions[slot] == null) {
            return -1;
        }
        return slot;
    }

    /** Doubles every array; the new slots go on the free list. */
    final void growSlots() {
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
