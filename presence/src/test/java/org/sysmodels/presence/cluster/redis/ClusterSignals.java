package org.sysmodels.presence.cluster.redis;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits of tests in other packages on cluster nodes: woken by what a node applies, the answers it gets and its link's
 * changes ({@link RedisCluster#whenTrue}), never by polling; bounded, failing with what was awaited.
 */
public final class ClusterSignals {

    private ClusterSignals() {
    }

    /**
     * Returns once {@code condition} holds, checked on each of {@code nodes}' presence threads whenever that node
     * makes progress (so a condition over several nodes wakes on any of them); fails after {@code waitS} seconds.
     */
    public static void await(long waitS, Supplier<String> what, BooleanSupplier condition, RedisCluster... nodes)
            throws InterruptedException {
        CompletableFuture<?>[] fs = new CompletableFuture<?>[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            fs[i] = nodes[i].whenTrueFromAnyThread(condition);
        }
        try {
            CompletableFuture.anyOf(fs).get(waitS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fail("never happened within " + waitS + " s: " + what.get());
        } catch (ExecutionException e) {
            throw new AssertionError("checking " + what.get() + ": " + e.getCause(), e.getCause());
        }
    }
}
