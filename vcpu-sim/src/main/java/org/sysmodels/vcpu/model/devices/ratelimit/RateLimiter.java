package org.sysmodels.vcpu.model.devices.ratelimit;

import org.sysmodels.vcpu.model.os.Clock;
import org.sysmodels.vcpu.model.os.TimerFd;

/**
 * Firecracker's rate limiter ({@code src/vmm/src/rate_limiter/mod.rs}): two optional token buckets, bandwidth (bytes)
 * and ops, and a timer. When a bucket runs dry the limiter blocks: it arms its timer for 100 ms and refuses
 * everything until the timer fires (the device's event loop then calls {@link #timerFired()} and retries its queue).
 * A request larger than the bucket (over-consumption) is let through but blocks the limiter for the time the excess
 * takes to refill. A block device spends one op and its data length in bytes per request (request.rs
 * {@code rate_limit}), giving the op back if the bytes do not fit.
 */
public final class RateLimiter {

    /** REFILL_TIMER_DURATION: how long a limiter that ran dry waits before trying again. */
    public static final long REFILL_TIMER_NS = 100_000_000L;

    /** Which bucket a consumption draws from. */
    public enum TokenType {
        BYTES,
        OPS
    }

    private TokenBucket bandwidth;
    private TokenBucket ops;
    private final TimerFd timer;
    private final Clock clock;
    private boolean timerActive;

    /** A limiter with the given buckets (null = unlimited). */
    public RateLimiter(TokenBucket bandwidth, TokenBucket ops, TimerFd timer, Clock clock) {
        this.bandwidth = bandwidth;
        this.ops = ops;
        this.timer = timer;
        this.clock = clock;
    }

    /** A limiter that never limits. */
    public static RateLimiter unlimited(TimerFd timer, Clock clock) {
        return new RateLimiter(null, null, timer, clock);
    }

    public TimerFd timer() {
        return timer;
    }

    public TokenBucket bandwidth() {
        return bandwidth;
    }

    public TokenBucket ops() {
        return ops;
    }

    /** Replaces the buckets (PATCH /drives with a rate_limiter): null keeps a bucket as it is. */
    public void update(TokenBucket newBandwidth, TokenBucket newOps) {
        if (newBandwidth != null) {
            bandwidth = newBandwidth;
        }
        if (newOps != null) {
            ops = newOps;
        }
    }

    /** True while blocked (the refill timer is armed). */
    public boolean isBlocked() {
        return timerActive;
    }

    /** Takes {@code tokens} of {@code type}; false (and blocked) if they are not there. */
    public boolean consume(long tokens, TokenType type) {
        if (timerActive) {
            return false;
        }
        TokenBucket bucket = type == TokenType.BYTES ? bandwidth : ops;
        if (bucket == null) {
            return true;
        }
        TokenBucket.Reduction r = bucket.reduce(tokens, clock.nanoTime());
        return switch (r) {
            case TokenBucket.Reduction.Failure f -> {
                activateTimer(REFILL_TIMER_NS);
                yield false;
            }
            case TokenBucket.Reduction.Success s -> true;
            case TokenBucket.Reduction.OverConsumption o -> {
                activateTimer((long) (o.ratio() * bucket.refillTimeMs()) * 1_000_000L);
                yield true;
            }
        };
    }

    /** Gives back tokens that were taken for a request that did not go ahead. */
    public void manualReplenish(long tokens, TokenType type) {
        TokenBucket bucket = type == TokenType.BYTES ? bandwidth : ops;
        if (bucket != null) {
            bucket.forceReplenish(tokens);
        }
    }

    /** The refill timer fired (its fd was read): the limiter is open again. @return false for a spurious event */
    public boolean timerFired() {
        if (timer.read() == 0) {
            return false;
        }
        timerActive = false;
        return true;
    }

    private void activateTimer(long ns) {
        timer.arm(ns);
        timerActive = true;
    }

    /** For restore: whether the timer was armed. */
    public void setBlocked(boolean blocked) {
        timerActive = blocked;
        if (blocked) {
            timer.arm(REFILL_TIMER_NS);
        }
    }
}
