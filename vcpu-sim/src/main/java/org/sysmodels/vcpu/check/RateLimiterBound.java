package org.sysmodels.vcpu.check;

import java.util.HashMap;
import java.util.Map;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.vcpu.model.devices.virtio.Block;

/**
 * A rate-limited drive never does more operations than its ops bucket allows: by time t at most one-time burst +
 * size + size × t / refill_time (the bucket starts full and refills at size per refill_time).
 */
public final class RateLimiterBound implements VcpuCheck {

    public static final Rule RULE = new Rule("rate-limiter-bound", "a drive with an ops token bucket completes at "
            + "most one_time_burst + size + size × elapsed / refill_time requests: a request that finds no token "
            + "goes back to the ring until the limiter's timer fires",
            "Firecracker src/vmm/src/rate_limiter/mod.rs (TokenBucket, RateLimiter::consume); "
            + "devices/virtio/block/virtio/request.rs rate_limit()");

    /** An ops bucket: size, one-time burst, refill time. */
    public record OpsBucket(long size, long oneTimeBurst, long refillNs) {
    }

    private final Findings findings;
    private final Map<String, OpsBucket> buckets;
    private final Map<String, Long> done = new HashMap<>();
    private final java.util.function.LongSupplier clock;
    private final long start;

    public RateLimiterBound(Findings findings, Map<String, OpsBucket> buckets, java.util.function.LongSupplier clock) {
        this.findings = findings;
        this.buckets = Map.copyOf(buckets);
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public synchronized void request(Block device, int type, long sector, int dataLen, int status, boolean async) {
        OpsBucket b = buckets.get(device.id());
        if (b == null || type < 0) {
            return;
        }
        long n = done.merge(device.id(), 1L, Long::sum);
        long now = clock.getAsLong();
        double allowed = b.oneTimeBurst() + b.size() + (double) b.size() * (now - start) / b.refillNs();
        if (n > allowed + 1e-9) {
            findings.violation(RULE, "drive " + device.id() + " did request " + n + " within "
                    + (now - start) / 1000 + " µs; its ops bucket allows " + (long) allowed, now, device.name());
        }
    }
}
