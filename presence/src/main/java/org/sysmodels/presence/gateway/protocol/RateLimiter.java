package org.sysmodels.presence.gateway.protocol;

/**
 * "Apps can send 120 gateway events per connection every 60 seconds ... Apps that surpass the limit are immediately
 * disconnected" (gateway.mdx, "Rate Limiting"), as a sliding window: the times of the last {@code limit} events in a
 * ring; an event is over the limit when the one {@code limit} events before it is less than {@code window} old.
 * One connection's limiter is used by one event loop thread only.
 */
public final class RateLimiter {

    private final long[] times;
    private final long windowNs;
    private int next;
    private long count;

    public RateLimiter(int limit, long windowNs) {
        if (limit < 1 || windowNs <= 0) {
            throw new IllegalArgumentException("a rate limit is at least 1 event per a positive window");
        }
        times = new long[limit];
        this.windowNs = windowNs;
    }

    /** Counts an event at {@code now}; false if it is over the limit. */
    public boolean allow(long now) {
        boolean full = count >= times.length;
        if (full && now - times[next] < windowNs) {
            return false;
        }
        times[next] = now;
        next = (next + 1) % times.length;
        count++;
        return true;
    }
}
