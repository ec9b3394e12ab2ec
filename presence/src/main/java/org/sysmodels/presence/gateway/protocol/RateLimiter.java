package org.sysmodels.presence.gateway.protocol;

/**
 * "Apps can send 120 gateway events per connection every 60 seconds ... Apps that surpass the limit are immediately
 * disconnected" (gateway.mdx, "Rate Limiting"), as a sliding window: an event is over the limit when {@code limit}
 * allowed events are already less than {@code window} old. The times of the allowed events still inside the window are
 * kept oldest first in a ring made with the connection, {@code limit} entries rounded up to a power of two, up to
 * {@value #MADE} (1 KB at Discord's 120), so counting an event never allocates. A ring that grew on demand was remade
 * through a busy connection's first minute, and each remade ring was live young data that every young collection of
 * that minute copied again: 2.5, 5 and 11 MB of survivors in a cluster node's first three collections at 1,000
 * connections sending 10 events a second, with pauses of 3-9 ms (docs/presence.md, "The rate limiter's ring and the
 * cluster row's pauses"). Made with the connection, the ring is tenured with the rest of the connection's state. Only a
 * limit above {@value #MADE} (a load test's gateway that must refuse nothing) grows its ring on demand beyond that, so
 * a huge limit costs memory only for events that happen. The ring's length is a power of two and its slots are found by
 * mask, with no branch for the wrap: a wrap branch first taken about two minutes into a busy connection's life was an
 * uncommon trap in the compiled frame handler, which both cluster nodes then deoptimized at once in the middle of a
 * measured phase (docs/presence.md, "The host's steal, second by second, and a deoptimization at the 17th second"). One
 * connection's limiter is used by one event loop thread only; times must not decrease.
 */
public final class RateLimiter {

    /** The most entries made with the connection: 16 KB, as a session's replay ring (a power of two). */
    static final int MADE = 2_048;

    private final int limit;
    private final long windowNs;
    private long[] times;
    /** {@code times.length - 1}; the length is a power of two. */
    private int mask;
    private int head;
    private int size;

    public RateLimiter(int limit, long windowNs) {
        this(limit, windowNs, MADE);
    }

    /** With at most {@code made} entries made at once (tests: the growth past them). */
    RateLimiter(int limit, long windowNs, int made) {
        if (limit < 1 || windowNs <= 0 || made < 1) {
            throw new IllegalArgumentException("a rate limit is at least 1 event per a positive window");
        }
        this.limit = limit;
        this.windowNs = windowNs;
        this.times = new long[ceilPowerOfTwo(Math.min(limit, made))];
        this.mask = times.length - 1;
    }

    private static int ceilPowerOfTwo(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }

    /** Counts an event at {@code now}; false if it is over the limit. */
    public boolean allow(long now) {
        while (size > 0 && now - times[head] >= windowNs) {
            head = (head + 1) & mask;
            size--;
        }
        if (size == limit) {
            return false;
        }
        if (size == times.length) {
            grow();
        }
        times[(head + size) & mask] = now;
        size++;
        return true;
    }

    /** Events kept now (tests). */
    int kept() {
        return size;
    }

    /** Entries the ring has room for now (tests). */
    int room() {
        return times.length;
    }

    private void grow() {
        long[] bigger = new long[2 * times.length];
        for (int i = 0; i < size; i++) {
            bigger[i] = times[(head + i) & mask];
        }
        times = bigger;
        mask = bigger.length - 1;
        head = 0;
    }
}
