package org.sysmodels.presence.model.expiry;

import java.util.Arrays;
import org.sysmodels.core.sched.BucketArrays;

/**
 * A hierarchical timing wheel (Varghese and Lauck, "Hashed and Hierarchical Timing Wheels", SOSP 1987; the shape of
 * Kafka's {@code kafka.utils.timer.TimingWheel} and of Linux's cascading timer wheel before 4.8). Level 0 has
 * {@code 2^bits} buckets one tick wide; each level above has buckets {@code 2^bits} times wider. A deadline goes into
 * the lowest level whose span covers it; when the clock reaches a higher-level bucket, its entries are re-filed into
 * lower levels (a cascade), so an entry moves at most once per level. A deadline past the top level's span waits in
 * the top level's farthest bucket and is re-filed from there.
 *
 * <p>Layout, for a million sessions: an entry is an int (the session slot); its deadline and where it is filed
 * (bucket and position) sit side by side in one {@code long[]}, so touching an entry is one cache line; a bucket is a
 * growable int array walked front to back. Schedule, move and cancel are O(1) (a moved or cancelled entry leaves a
 * hole in its old bucket, skipped when the bucket is walked). {@link #extend} (a heartbeat) only stores the later
 * deadline; the entry is re-filed when its old bucket comes due, so a session heartbeating every interval costs one
 * store per heartbeat and a re-file each time its old deadline passes (every heartbeat when the timeout is under two
 * intervals, as with 30 s and 45 s). A walk reads the deadlines of the next {@value #AHEAD} entries before filing them
 * ({@link #touch}), so the re-files' cache misses overlap instead of coming one at a time (at 1 M sessions, 105 → 27
 * ns per heartbeat in the pass; docs/presence.md "The wheel's walk reads ahead"). The buckets' arrays pass from bucket
 * to bucket ({@link BucketArrays}): nothing is allocated once enough of them have been made, and lengths a whole turn
 * of the first level has not needed (the start-up bucket's growth) are let go.
 *
 * <p>Resolution: an entry fires at the first tick boundary at or after its deadline, so at most one tick late, never
 * early.
 */
public final class TimingWheel implements ExpiryQueue {

    private static final int HOLE = -1;
    private static final int FIRST_LENGTH = 8;
    /**
     * A bucket that has come due keeps an array up to this long and gives a longer one back ({@link BucketArrays}).
     * Heartbeats come in groups, so at any time a few dozen of the 512 level-0 buckets hold a group's entries and
     * the rest little: when each bucket kept the longest array it ever needed, the arrays held 12 to 18 slots per
     * scheduled entry (602 MB at 5 M users in two shards, docs/presence.md "The scheduler's buckets").
     */
    private static final int KEEP_LENGTH = 64;
    private static final long NOWHERE = -1;
    /** Entries whose deadlines a walk reads ahead of filing them ({@link #touch}). */
    private static final int AHEAD = 64;

    private final long tickNs;
    private final int bits;
    private final int mask;
    private final int levels;

    private final int[][] items;     // bucket (level << bits | slot) → entries, with holes
    private final int[] sizes;
    private final BucketArrays arrays = new BucketArrays();

    /** Per id: [2·id] the deadline, [2·id + 1] where it is filed (bucket << 32 | position), or NOWHERE. */
    private long[] entry;

    /** The next tick to process: every tick before it has fired. */
    private long cur;
    private int size;
    private long work;
    /** Where {@link #touch} leaves its sum. */
    private long touched;

    /**
     * @param tickNs   width of a level-0 bucket (the resolution)
     * @param bits     log2 of the buckets per level
     * @param levels   how many levels (span: {@code tickNs * 2^(bits*levels)})
     * @param startNs  the clock when the wheel starts
     */
    public TimingWheel(long tickNs, int bits, int levels, long startNs) {
        if (tickNs <= 0 || bits < 1 || bits > 16 || levels < 1 || bits * levels > 62) {
            throw new IllegalArgumentException("a wheel needs tick > 0, 1 ≤ bits ≤ 16, levels ≥ 1, bits × levels ≤ 62");
        }
        this.tickNs = tickNs;
        this.bits = bits;
        this.mask = (1 << bits) - 1;
        this.levels = levels;
        this.items = new int[levels << bits][];
        this.sizes = new int[levels << bits];
        for (int b = 0; b < items.length; b++) {
            items[b] = arrays.take(FIRST_LENGTH);
        }
        this.cur = Math.floorDiv(startNs, tickNs) + 1;
        entry = new long[2 * 1024];
        for (int i = 1; i < entry.length; i += 2) {
            entry[i] = NOWHERE;
        }
    }

    /**
     * A wheel with 512 buckets per level and 3 levels: 2^27 ticks of span (155 days at 100 ms). Level 0 alone spans
     * 512 ticks, so a heartbeat timeout of up to 512 ticks (45 s at Netty's 100 ms tick) never cascades: a session
     * costs one store per heartbeat and one re-file each time its old bucket comes due.
     */
    public static TimingWheel of(long tickNs, long startNs) {
        return new TimingWheel(tickNs, 9, 3, startNs);
    }

    public long tickNs() {
        return tickNs;
    }

    @Override
    public void schedule(int id, long deadlineNs) {
        if (2 * id + 1 >= entry.length) {
            grow(id);
        }
        long at = entry[2 * id + 1];
        if (at != NOWHERE) {
            items[(int) (at >>> 32)][(int) at] = HOLE;
        } else {
            size++;
        }
        entry[2 * id] = deadlineNs;
        file(id, Math.max(ceilDiv(deadlineNs, tickNs), cur));
    }

    @Override
    public void extend(int id, long deadlineNs) {
        int i = 2 * id;
        if (i + 1 < entry.length && entry[i + 1] != NOWHERE && deadlineNs >= entry[i]) {
            entry[i] = deadlineNs;
        } else {
            schedule(id, deadlineNs);
        }
    }

    /**
     * Appends {@code id}, due at tick {@code t} (t ≥ cur), to the lowest level whose span covers it; past the top
     * level's span it waits in the top level's farthest bucket.
     */
    private void file(int id, long t) {
        long place = Math.min(t, cur + (1L << (bits * levels)) - 1);
        long delta = place - cur;
        int level = 0;
        while (level < levels - 1 && delta >= (1L << (bits * (level + 1)))) {
            level++;
        }
        int b = (level << bits) | (int) ((place >>> (bits * level)) & mask);
        int n = sizes[b];
        int[] arr = items[b];
        if (n == arr.length) {
            arr = arrays.grow(arr, n);
            items[b] = arr;
        }
        arr[n] = id;
        sizes[b] = n + 1;
        entry[2 * id + 1] = (long) b << 32 | n;
    }

    @Override
    public void cancel(int id) {
        if (isScheduled(id)) {
            long at = entry[2 * id + 1];
            items[(int) (at >>> 32)][(int) at] = HOLE;
            entry[2 * id + 1] = NOWHERE;
            size--;
        }
    }

    @Override
    public boolean isScheduled(int id) {
        return id >= 0 && 2 * id + 1 < entry.length && entry[2 * id + 1] != NOWHERE;
    }

    @Override
    public long deadline(int id) {
        if (!isScheduled(id)) {
            throw new IllegalStateException("id " + id + " is not scheduled");
        }
        return entry[2 * id];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long work() {
        return work;
    }

    @Override
    public int advance(long now, Listener listener) {
        long last = Math.floorDiv(now, tickNs);
        int fired = 0;
        while (cur <= last) {
            if (size == 0) {
                cur = last + 1;
                break;
            }
            int slot = (int) (cur & mask);
            if (slot == 0) {
                cascade(1);
                arrays.trim();
            }
            // due after this tick ⇔ ceil(deadline / tick) > cur ⇔ deadline > cur · tick: no division per entry
            long tickEnd = cur * tickNs;
            // entries filed into this bucket while it is walked (a listener's re-schedule) are walked too
            for (int k = 0; k < sizes[slot]; k++) {
                if ((k & (AHEAD - 1)) == 0) {
                    touch(items[slot], k, Math.min(k + AHEAD, sizes[slot]));
                }
                int id = items[slot][k];
                if (id == HOLE) {
                    continue;
                }
                work++;
                long deadline = entry[2 * id];
                if (deadline > tickEnd) {
                    // extended by heartbeats since it was filed (or it waited past the span): file it again
                    file(id, ceilDiv(deadline, tickNs));
                    continue;
                }
                entry[2 * id + 1] = NOWHERE;
                size--;
                fired++;
                listener.expired(id, deadline, now);
            }
            sizes[slot] = 0;
            items[slot] = arrays.shrink(items[slot], KEEP_LENGTH);
            cur++;
        }
        return fired;
    }

    /** Re-files the current bucket of {@code level}, first cascading the level above if this one wrapped. */
    private void cascade(int level) {
        if (level >= levels) {
            return;
        }
        int slot = (int) ((cur >>> (bits * level)) & mask);
        if (slot == 0) {
            cascade(level + 1);
        }
        int b = (level << bits) | slot;
        int[] arr = items[b];
        int n = sizes[b];
        items[b] = arrays.take(FIRST_LENGTH);
        sizes[b] = 0;
        for (int k = 0; k < n; k++) {
            if ((k & (AHEAD - 1)) == 0) {
                touch(arr, k, Math.min(k + AHEAD, n));
            }
            int id = arr[k];
            if (id != HOLE) {
                work++;
                file(id, Math.max(ceilDiv(entry[2 * id], tickNs), cur));
            }
        }
        arrays.give(arr);
    }

    /**
     * Reads the deadlines of {@code ids[from, to)} in a loop with nothing else in it, so their cache misses overlap
     * before the walk needs them (the JVM has no prefetch instruction; the sum is kept so the reads are not dropped).
     */
    private void touch(int[] ids, int from, int to) {
        long sum = 0;
        long[] e = entry;
        for (int k = from; k < to; k++) {
            int id = ids[k];
            if (id != HOLE) {
                sum += e[2 * id];
            }
        }
        touched += sum;
    }

    /** Slots the buckets' arrays hold, in buckets and waiting to be reused. */
    long capacity() {
        return arrays.held();
    }

    private void grow(int id) {
        int old = entry.length;
        entry = Arrays.copyOf(entry, Math.max(old * 2, 2 * id + 2));
        for (int i = old + 1; i < entry.length; i += 2) {
            entry[i] = NOWHERE;
        }
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
