package org.sysmodels.presence.gateway.protocol;

/**
 * "Apps can send 120 gateway events per connection every 60 seconds ... Apps that surpass the limit are immediately
 * disconnected" (gateway.mdx, "Rate Limiting"), as a sliding window: an event is over the limit when {@code limit}
 * allowed events are already less than {@code window} old. The times of the allowed events still inside the window
 * are kept oldest first in a ring that grows on demand up to {@code limit} entries: a connection that heartbeats
 * holds a handful of them, not {@code limit} (with 20,000 connections and a limit of 600 a full array each was
 * 96 MB of heap). One connection's limiter is used by one event loop thread only; times must not decrease.
 */
public final class RateLimiter {

    private final int limit;
    private final long windowNs;
    private long[] times = new long[4];
    private int head;
    private int size;

    public RateLimiter(int limit, long windowNs) {
        if (limit < 1 || windowNs <= 0) {
            throw new IllegalArgumentException("a rate limit is at least 1 event per a positive window");
        }
        this.limit = limit;
        this.windowNs = windowNs;
    }

    /** Counts an event at {@code now}; false if it is over the limit. */
    public boolean allow(long now) {
        while (size > 0 && now - times[head] >= windowNs) {
            head = head + 1 == times.length ? 0 : head + 1;
            size--;
        }
        if (size >= limit) {
            return false;
        }
        if (size == times.length) {
            grow();
        }
        int tail = head + size;
        times[tail < times.length ? tail : tail - times.length] = now;
        size++;
        return true;
    }

    /** Events kept now (tests). */
    int kept() {
        return size;
    }

    private void grow() {
        long[] bigger = new long[Math.min(limit, 2 * times.length)];
        for (int i = 0; i < size; i++) {
            int from = head + i;
            bigger[i] = times[from < times.length ? from : from - times.length];
        }
        times = bigger;
        head = 0;
    }
}
