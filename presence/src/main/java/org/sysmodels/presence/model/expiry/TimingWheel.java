package org.sysmodels.presence.model.expiry;

import java.util.Arrays;

/**
 * A hierarchical timing wheel (Varghese and Lauck, "Hashed and Hierarchical Timing Wheels", SOSP 1987; the shape of
 * Kafka's {@code kafka.utils.timer.TimingWheel} and of Linux's cascading timer wheel before 4.8). Level 0 has
 * {@code 2^bits} buckets one tick wide; each level above has buckets {@code 2^bits} times wider. A deadline goes into
 * the lowest level whose span covers it; when the clock reaches a higher-level bucket, its entries are re-filed into
 * lower levels (a cascade), so each entry moves at most once per level. Schedule, move and cancel are O(1): entries
 * are ints (session slots) linked into doubly linked bucket lists through primitive arrays, so a heartbeat allocates
 * nothing. A deadline past the top level's span waits in the top level's farthest bucket and is re-filed from there.
 * {@link #extend} (a heartbeat) only stores the later deadline; the entry is re-filed when its old bucket comes due,
 * so a session heartbeating every interval costs one store per heartbeat and about one re-file per timeout.
 *
 * <p>Resolution: an entry fires at the first tick boundary at or after its deadline, so at most one tick late, never
 * early.
 */
public final class TimingWheel implements ExpiryQueue {

    private static final int NIL = -1;

    private final long tickNs;
    private final int bits;
    private final int mask;
    private final int levels;

    private final int[] head;        // bucket → first entry, per level: level * wheel + slot

    private long[] deadline;         // per id
    private int[] next;
    private int[] prev;
    private int[] bucket;            // per id: its bucket, or NIL when not scheduled

    /** The next tick to process: every tick before it has fired. */
    private long cur;
    private int size;
    private long work;

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
        this.head = new int[levels << bits];
        Arrays.fill(head, NIL);
        this.cur = Math.floorDiv(startNs, tickNs) + 1;
        int cap = 1024;
        deadline = new long[cap];
        next = new int[cap];
        prev = new int[cap];
        bucket = new int[cap];
        Arrays.fill(bucket, NIL);
    }

    /** A wheel with 64 buckets per level and 4 levels: 16.7 M ticks of span (46 hours at 10 ms). */
    public static TimingWheel of(long tickNs, long startNs) {
        return new TimingWheel(tickNs, 6, 4, startNs);
    }

    public long tickNs() {
        return tickNs;
    }

    @Override
    public void schedule(int id, long deadlineNs) {
        if (id >= bucket.length) {
            grow(id);
        }
        if (bucket[id] != NIL) {
            unlink(id);
        } else {
            size++;
        }
        deadline[id] = deadlineNs;
        file(id, Math.max(ceilDiv(deadlineNs, tickNs), cur));
    }

    /**
     * Puts {@code id}, due at tick {@code t} (t ≥ cur), into the lowest level whose span covers it; past the top
     * level's span it waits in the top level's farthest bucket and is re-filed from there.
     */
    private void file(int id, long t) {
        long place = Math.min(t, cur + (1L << (bits * levels)) - 1);
        long delta = place - cur;
        int level = 0;
        while (level < levels - 1 && delta >= (1L << (bits * (level + 1)))) {
            level++;
        }
        int b = (level << bits) | (int) ((place >>> (bits * level)) & mask);
        int h = head[b];
        next[id] = h;
        prev[id] = NIL;
        if (h != NIL) {
            prev[h] = id;
        }
        head[b] = id;
        bucket[id] = b;
    }

    private void unlink(int id) {
        int b = bucket[id];
        int n = next[id];
        int p = prev[id];
        if (p == NIL) {
            head[b] = n;
        } else {
            next[p] = n;
        }
        if (n != NIL) {
            prev[n] = p;
        }
        bucket[id] = NIL;
    }

    @Override
    public void extend(int id, long deadlineNs) {
        if (id < bucket.length && bucket[id] != NIL && deadlineNs >= deadline[id]) {
            deadline[id] = deadlineNs;
        } else {
            schedule(id, deadlineNs);
        }
    }

    @Override
    public void cancel(int id) {
        if (id < bucket.length && bucket[id] != NIL) {
            unlink(id);
            size--;
        }
    }

    @Override
    public boolean isScheduled(int id) {
        return id < bucket.length && bucket[id] != NIL;
    }

    @Override
    public long deadline(int id) {
        if (!isScheduled(id)) {
            throw new IllegalStateException("id " + id + " is not scheduled");
        }
        return deadline[id];
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
            }
            int b = slot;
            while (head[b] != NIL) {
                int id = head[b];
                unlink(id);
                work++;
                long due = ceilDiv(deadline[id], tickNs);
                if (due > cur) {
                    // extended by heartbeats since it was filed (or it waited past the span): file it again
                    file(id, due);
                    continue;
                }
                size--;
                fired++;
                listener.expired(id, deadline[id], now);
            }
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
        int id = head[b];
        head[b] = NIL;
        while (id != NIL) {
            int n = next[id];
            bucket[id] = NIL;
            work++;
            file(id, Math.max(ceilDiv(deadline[id], tickNs), cur));
            id = n;
        }
    }

    private void grow(int id) {
        int cap = Math.max(bucket.length * 2, id + 1);
        int old = bucket.length;
        deadline = Arrays.copyOf(deadline, cap);
        next = Arrays.copyOf(next, cap);
        prev = Arrays.copyOf(prev, cap);
        bucket = Arrays.copyOf(bucket, cap);
        Arrays.fill(bucket, old, cap, NIL);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
