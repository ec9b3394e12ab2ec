package org.sysmodels.vcpu.model.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.sysmodels.core.testing.Props;
import org.sysmodels.vcpu.model.devices.ratelimit.TokenBucket;

/**
 * The token bucket against a plain reference written here from Firecracker's rate_limiter/mod.rs: random sequences of
 * reductions (some larger than the bucket), replenishes and time steps must give the same results, budget and burst.
 */
class TokenBucketTest {

    /** The reference: the same rules, with BigInteger arithmetic and no shortcuts. */
    static final class Ref {
        final long size;
        final long initialBurst;
        final long refillMs;
        long burst;
        long budget;
        long last;

        Ref(long size, long burst, long refillMs) {
            this.size = size;
            this.initialBurst = burst;
            this.burst = burst;
            this.refillMs = refillMs;
            this.budget = size;
        }

        String reduce(long tokens, long now) {
            if (burst > 0) {
                if (burst >= tokens) {
                    burst -= tokens;
                    last = now;
                    return "ok";
                }
                tokens -= burst;
                burst = 0;
            }
            if (tokens > budget) {
                long delta = now - last;
                if (delta >= refillMs * 1_000_000) {
                    budget = size;
                    last = now;
                } else {
                    BigInteger refillNs = BigInteger.valueOf(refillMs * 1_000_000);
                    BigInteger g = BigInteger.valueOf(size).gcd(refillNs);
                    BigInteger cap = BigInteger.valueOf(size).divide(g);
                    BigInteger time = refillNs.divide(g);
                    BigInteger t = BigInteger.valueOf(delta).multiply(cap).divide(time);
                    BigInteger[] adj = t.multiply(time).divideAndRemainder(cap);
                    long adjust = adj[0].longValue() + (adj[1].signum() == 0 ? 0 : 1);
                    last += adjust;
                    budget = Math.min(budget + t.longValue(), size);
                }
                if (tokens > size) {
                    tokens -= budget;
                    budget = 0;
                    return "over " + ((double) tokens / size);
                }
                if (tokens > budget) {
                    return "fail";
                }
            }
            budget -= tokens;
            return "ok";
        }

        void replenish(long tokens) {
            if (burst > 0) {
                burst = Math.min(burst + tokens, initialBurst);
            } else {
                budget = Math.min(budget + tokens, size);
            }
        }
    }

    record Op(int kind, long amount, long delay) {
    }

    static Gen<Op> ops() {
        return integers().between(0, 9).zip(integers().between(1, 300), integers().between(0, 400),
                (k, a, w) -> new Op(k, a, w * 250_000L));
    }

    @Test
    void bucketAgreesWithTheReference() {
        Props.property(400).forAll(integers().between(1, 200), integers().between(0, 100),
                integers().between(1, 1000), lists().of(ops()).ofSizeBetween(1, 60))
                .checkAssert((size, burst, refill, ops) -> run(size, burst, refill, ops));
    }

    static void run(long size, long burst, long refill, List<Op> ops) {
        TokenBucket b = new TokenBucket(size, burst, refill, 0);
        Ref r = new Ref(size, burst, refill);
        long now = 0;
        for (Op op : ops) {
            now += op.delay();
            if (op.kind() == 0) {
                b.forceReplenish(op.amount());
                r.replenish(op.amount());
            } else {
                String got = switch (b.reduce(op.amount(), now)) {
                    case TokenBucket.Reduction.Success s -> "ok";
                    case TokenBucket.Reduction.Failure f -> "fail";
                    case TokenBucket.Reduction.OverConsumption o -> "over " + o.ratio();
                };
                assertEquals(r.reduce(op.amount(), now), got, op + " at " + now);
            }
            assertEquals(r.budget, b.budget(), "budget after " + op);
            assertEquals(r.burst, b.oneTimeBurst(), "burst after " + op);
            assertEquals(r.last, b.lastUpdate(), "last update after " + op);
        }
    }
}
