package org.sysmodels.core.sched;

/**
 * The {@link Scheduler}'s pending set: a radix heap (Ahuja, Mehlhorn, Orlin, Tarjan, "Faster algorithms for the
 * shortest path problem", JACM 37(2), 1990) with 4-bit digits over the {@link EventSlots}. A radix heap is a monotone
 * priority queue, which fits because nothing is scheduled before {@link #now}. Relative to a base time, an event sits
 * at the level of the highest hex digit in which its time differs from the base, in the bucket of its own digit there;
 * level 0 buckets therefore each hold a single time. Every event at a given time is always in the same bucket, and
 * buckets keep insertion order, so draining a level-0 bucket front to back gives the insertion-order tie-break without
 * storing a sequence number. When level 0 runs dry, the earliest time in the lowest occupied bucket above it becomes
 * the new base (as in the paper) and the bucket's events move down: the earliest one straight to level 0, the others at
 * most once per level. A 16-bit mask per level finds occupied buckets in one instruction.
 *
 * <p>Cancelling marks the slot and the heap drops it when it meets it (lazy deletion), with a sweep when cancelled
 * events outnumber live ones, so memory stays bounded by twice the live set.
 *
 * <p>The buckets' arrays circulate through {@link BucketArrays}: a bucket that {@link #redistribute} empties gives its
 * array back, and a bucket that outgrows its array takes the next size from there. A far-future bucket, once emptied,
 * gets nothing before the base has entered the next block of 16^(k+1) ns for its level k (18 minutes at level 9, 5
 * hours at level 10); if each bucket kept its own array, every one would keep the largest batch it ever held, and a
 * long run's memory would grow for hours with no more events pending (docs/presence.md, "The scheduler's buckets").
 */
abstract sealed class PendingEvents extends EventSlots permits Scheduler {

    private static final int DIGIT_BITS = 4;
    private static final int DIGITS = 1 << DIGIT_BITS;
    private static final int LEVELS = 64 / DIGIT_BITS;
    private static final int BUCKETS = LEVELS * DIGITS;
    private static final int INITIAL_BUCKET = 8;
    private static final int SWEEP_MIN_CANCELLED = 1024;
    /** Events whose times {@link #redistribute} reads ahead of filing them ({@link #touch}). */
    private static final int AHEAD = 64;

    /** No event is due. */
    static final int NONE = -1;

    private final int[][] buckets = new int[BUCKETS][];
    private final BucketArrays arrays = new BucketArrays();
    private final int[] bucketSizes = new int[BUCKETS];
    private final int[] occupied = new int[LEVELS];
    /** Read position in the level-0 bucket of {@link #base}, the only bucket drained from the front. */
    private int currentHead;
    private long base;
    /**
     * No live event in the heap is earlier than this: lowered by every insert, raised when a search finds nothing
     * due. (The scheduler's timers are not in the heap.)
     */
    long floor;
    /** Virtual time in nanoseconds: the time of the event being run, or where the last run stopped. */
    long now;
    /** Insertions so far, heap events and timer settings alike: the tie-break between the two. */
    long inserted;
    /** Events in the heap neither run nor cancelled. */
    int live;
    private int cancelledInHeap;
    /** What {@link #touch} read, kept so the reads happen. */
    private long touched;

    PendingEvents(int expectedPending) {
        super(expectedPending);
        for (int b = 0; b < BUCKETS; b++) {
            buckets[b] = arrays.take(INITIAL_BUCKET);
        }
    }

    /** Capacity of the bucket being drained (tests: memory stays bounded under zero-delay chains). */
    final int currentBucketCapacity() {
        return buckets[(int) (base & (DIGITS - 1))].length;
    }

    /** Slots the buckets' arrays hold, in buckets and waiting to be reused (tests: memory follows the pending events). */
    final long bucketCapacity() {
        return arrays.held();
    }

    final long insert(long time, Object action, long arg) {
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

    /** Marks the event {@code handle} names as cancelled. @return true if it was pending */
    final boolean remove(long handle) {
        int slot = pendingSlot(handle);
        if (slot < 0) {
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
                b = buckets[bucket] = arrays.grow(b, size);
            }
        }
        b[size] = slot;
        bucketSizes[bucket] = size + 1;
        occupied[bucket >>> DIGIT_BITS] |= 1 << (bucket & (DIGITS - 1));
    }

    /** Puts back the event {@link #nextSlot} just returned: it stays at the head of its bucket. */
    final void putBack() {
        currentHead--;
    }

    /** The slot of the next live event if its time is ≤ limit, else {@link #NONE}. Frees cancelled slots it passes. */
    final int nextSlot(long limit) {
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
        // a bucket of at most AHEAD events was just read whole by the search for its minimum: nothing to read ahead
        boolean readAhead = n > AHEAD;
        for (int k = 0; k < n; k++) {
            if (readAhead && (k & (AHEAD - 1)) == 0) {
                touch(b, k, Math.min(k + AHEAD, n));
            }
            int slot = b[k];
            long t = timeArgs[3 * slot];
            if (t < 0) {
                releaseCancelled(slot);
            } else {
                push(bucketOf(t), slot);
            }
        }
        buckets[bucket] = arrays.shrink(b, INITIAL_BUCKET);
        return true;
    }

    /**
     * Reads the times of {@code b[from, to)} in a loop with nothing else in it, so that their cache misses overlap
     * before {@link #redistribute} files them (a bucket too large for the cache has lost the lines its search for the
     * minimum read; the JVM has no prefetch instruction, so the sum is kept in {@link #touched}).
     */
    private void touch(int[] b, int from, int to) {
        long sum = 0;
        long[] ta = timeArgs;
        for (int k = from; k < to; k++) {
            sum += ta[3 * b[k]];
        }
        touched += sum;
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
}
