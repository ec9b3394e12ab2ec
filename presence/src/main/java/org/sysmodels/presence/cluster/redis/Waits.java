package org.sysmodels.presence.cluster.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * Tests' waits on a node ({@link RedisCluster#whenTrue}): conditions checked again after each batch of log entries
 * applied and each answer from Redis, so tests wait on what the node does instead of polling. Empty in production.
 * Presence thread only, except {@link #fromAnyThread}.
 */
final class Waits {

    private record Waiter(BooleanSupplier condition, CompletableFuture<Void> done) {
    }

    private final List<Waiter> waiting = new ArrayList<>();
    private final Executor owner;

    Waits(Executor owner) {
        this.owner = owner;
    }

    /** Completes (on the presence thread) once {@code condition} holds, checking it now and at each progress. */
    CompletableFuture<Void> whenTrue(BooleanSupplier condition) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (condition.getAsBoolean()) {
            f.complete(null);
        } else {
            waiting.add(new Waiter(condition, f));
        }
        return f;
    }

    /** {@link #whenTrue} from any thread: checked on the presence thread; a stopped node never completes it. */
    CompletableFuture<Void> fromAnyThread(BooleanSupplier condition) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        owner.execute(() -> whenTrue(condition).thenRun(() -> f.complete(null)));
        return f;
    }

    /** Something the node waits on happened: completes the waits whose condition now holds. */
    void progress() {
        if (!waiting.isEmpty()) {
            waiting.removeIf(w -> w.condition().getAsBoolean() && w.done().complete(null));
        }
    }
}
