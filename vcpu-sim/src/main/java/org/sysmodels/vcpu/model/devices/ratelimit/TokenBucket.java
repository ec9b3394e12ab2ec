package org.sysmodels.vcpu.model.devices.ratelimit;

import java.math.BigInteger;

/**
 * One token bucket of Firecracker's rate limiter ({@code src/vmm/src/rate_limiter/mod.rs}, {@code TokenBucket}):
 * {@code size} tokens that refill completely in {@code refillTimeMs}, plus an initial {@code oneTimeBurst} spent
 * first and never refilled. Refill is lazy: only when a reduction does not fit the budget are the tokens earned since
 * the last update added, computed exactly as Firecracker does with the fraction size / refill time reduced by their
 * gcd, and the last update moves forward only by the time those whole tokens took (the remainder is kept). After a
 * full refill period the bucket is simply full.
 */
public final class TokenBucket {

    private static final long NS_PER_MS = 1_000_000L;

    /** What a reduction did (Firecracker's {@code BucketReduction}). */
    public sealed interface Reduction {
        /** Not enough tokens: nothing taken. */
        record Failure() implements Reduction {
        }

        /** Taken. */
        record Success() implements Reduction {
        }

        /** More than the bucket's size asked for: the budget is emptied; {@code ratio} is what was over, in sizes. */
        record OverConsumption(double ratio) implements Reduction {
        }
    }

    private final long size;
    private final long initialOneTimeBurst;
    private final long refillTimeMs;
    private final long processedCapacity;
    private final long processedRefillTime;
    private long oneTimeBurst;
    private long budget;
    private long lastUpdate;

    /**
     * @param now the clock now (ns)
     * @throws IllegalArgumentException for a size or refill time of 0, which Firecracker takes as "no bucket"
     */
    public TokenBucket(long size, long oneTimeBurst, long refillTimeMs, long now) {
        if (size <= 0 || refillTimeMs <= 0 || refillTimeMs > Long.MAX_VALUE / NS_PER_MS || oneTimeBurst < 0) {
            throw new IllegalArgumentException("a token bucket needs size > 0 and refill_time > 0");
        }
        this.size = size;
        this.initialOneTimeBurst = oneTimeBurst;
        this.oneTimeBurst = oneTimeBurst;
        this.refillTimeMs = refillTimeMs;
        long refillNs = refillTimeMs * NS_PER_MS;
        long g = gcd(size, refillNs);
        this.processedCapacity = size / g;
        this.processedRefillTime = refillNs / g;
        this.budget = size;
        this.lastUpdate = now;
    }

    static long gcd(long x, long y) {
        while (y != 0) {
            long t = y;
            y = x % y;
            x = t;
        }
        return x;
    }

    public long size() {
        return size;
    }

    public long oneTimeBurst() {
        return oneTimeBurst;
    }

    public long initialOneTimeBurst() {
        return initialOneTimeBurst;
    }

    public long refillTimeMs() {
        return refillTimeMs;
    }

    public long budget() {
        return budget;
    }

    public long lastUpdate() {
        return lastUpdate;
    }

    /** Takes {@code tokens} at time {@code now}: from the one-time burst first, then from the budget. */
    public Reduction reduce(long tokens, long now) {
        if (oneTimeBurst > 0) {
            if (oneTimeBurst >= tokens) {
                oneTimeBurst -= tokens;
                lastUpdate = now;
                return new Reduction.Success();
            }
            tokens -= oneTimeBurst;
            oneTimeBurst = 0;
        }
        if (tokens > budget) {
            replenish(now);
            if (tokens > size) {
                tokens -= budget;
                budget = 0;
                return new Reduction.OverConsumption((double) tokens / size);
            }
            if (tokens > budget) {
                return new Reduction.Failure();
            }
        }
        budget -= tokens;
        return new Reduction.Success();
    }

    /** Gives back {@code tokens} (to the burst while it lasts, else to the budget), capped. */
    public void forceReplenish(long tokens) {
        if (oneTimeBurst > 0) {
            oneTimeBurst = Math.min(oneTimeBurst + tokens, initialOneTimeBurst);
            return;
        }
        budget = Math.min(budget + tokens, size);
    }

    private void replenish(long now) {
        long delta = now - lastUpdate;
        if (delta >= refillTimeMs * NS_PER_MS) {
            budget = size;
            lastUpdate = now;
            return;
        }
        long tokens = mulDiv(delta, processedCapacity, processedRefillTime);
        long adjustment = mulDiv(tokens, processedRefillTime, processedCapacity);
        if (!exactMultiple(tokens, processedRefillTime, processedCapacity)) {
            adjustment += 1;
        }
        lastUpdate += adjustment;
        budget = Math.min(budget + tokens, size);
    }

    /** a * b / c, exactly, for non-negative values whose quotient fits a long. */
    private static long mulDiv(long a, long b, long c) {
        if (Math.multiplyHigh(a, b) == 0 && a * b >= 0) {
            return a * b / c;
        }
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(c)).longValueExact();
    }

    private static boolean exactMultiple(long a, long b, long c) {
        if (Math.multiplyHigh(a, b) == 0 && a * b >= 0) {
            return a * b % c == 0;
        }
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).mod(BigInteger.valueOf(c)).signum() == 0;
    }

    /** The bucket's state for a snapshot: size, one-time burst (now and initial), refill time, budget, last update. */
    public long[] save() {
        return new long[] {size, oneTimeBurst, initialOneTimeBurst, refillTimeMs, budget, lastUpdate};
    }

    /** A bucket from {@link #save()}d state. */
    public static TokenBucket restore(long[] s) {
        TokenBucket b = new TokenBucket(s[0], s[2], s[3], s[5]);
        b.oneTimeBurst = s[1];
        b.budget = s[4];
        return b;
    }
}
