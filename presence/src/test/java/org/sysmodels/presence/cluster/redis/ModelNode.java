package org.sysmodels.presence.cluster.redis;

import static org.junit.jupiter.api.Assertions.fail;
import static org.sysmodels.presence.cluster.redis.ClusterReference.graph;
import static org.sysmodels.presence.model.ReferenceRules.watched;

import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.sysmodels.presence.cluster.ClusterParts;
import org.sysmodels.presence.cluster.redis.ClusterReference.Placement;
import org.sysmodels.presence.cluster.redis.ClusterReference.RefSession;
import org.sysmodels.presence.model.cluster.NodeSink;
import org.sysmodels.presence.model.core.PresenceObserver;
import org.sysmodels.presence.model.core.Timeouts;
import org.sysmodels.presence.model.expiry.TimingWheel;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.store.CompactStore;


/**
 * One node: its presence thread, its backend, and the sessions the test placed on it by slot. Even nodes' presence
 * threads are I/O event loops that also run their Redis connections (as the gateway's is: {@link SharedLoop}); odd
 * nodes' are plain executors with Lettuce's own I/O threads, so both shapes meet in every run.
 */
final class ModelNode implements NodeSink {

    /** Long clocks: nothing expires during a run (expiry has its own end-to-end tests). */
    static final Timeouts TIMEOUTS = new Timeouts(60_000_000_000L, 30_000_000_000L, 60_000_000_000L);

    final int index;
    final EventExecutor thread;
    final RedisCluster backend;
    final Map<Integer, Placement> bySlot = new HashMap<>();
    final List<String> violations;

    ModelNode(int index, List<String> violations, String redisUri) {
        this(index, violations, redisUri, line -> { });
    }

    /** A node whose log lines go to {@code log}. */
    ModelNode(int index, List<String> violations, String redisUri, java.util.function.Consumer<String> log) {
        this.index = index;
        this.violations = violations;
        this.thread = index % 2 == 0 ? SharedLoop.presenceThread("presence-" + index) : new DefaultEventExecutor();
        ClusterParts parts = new ClusterParts(new CompactStore(graph(), 64), TIMEOUTS,
                TimingWheel.of(10_000_000L, System.nanoTime()), this, PresenceObserver.NONE, 1, thread,
                System::nanoTime);
        try {
            backend = (RedisCluster) RedisCluster.factory(RedisCluster.parse(redisUri), log).create(parts);
        } catch (RuntimeException e) {
            thread.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
        if (backend.ioOnPresenceThread() != (index % 2 == 0)) {
            fail("node " + index + ": Redis I/O on the presence thread is " + backend.ioOnPresenceThread());
        }
        thread.scheduleAtFixedRate(() -> backend.advance(System.nanoTime()), 50, 50, TimeUnit.MILLISECONDS);
    }

    /**
     * Waits until {@code condition} holds on this node's presence thread, woken by what the node applies and the
     * answers it gets ({@link RedisCluster#whenTrue}); fails after 30 s saying what it waited for.
     */
    void await(java.util.function.BooleanSupplier condition, java.util.function.Supplier<String> what) {
        CompletableFuture<Void> f = call(() -> backend.whenTrue(condition));
        try {
            f.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            fail("node " + index + " waited 30 s for " + call(what::get));
        } catch (Exception e) {
            throw new AssertionError("node " + index + ": " + e, e);
        }
    }

    <T> T call(Callable<T> c) {
        try {
            return thread.submit(c).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("node " + index + ": " + e, e);
        }
    }

    @Override
    public void deliver(int node, Presence presence, int[] sessions, int[] via, int count) {
        for (int i = 0; i < count; i++) {
            Placement p = bySlot.get(sessions[i]);
            RefSession s = p == null ? null : p.session;
            if (s == null) {
                violations.add("node " + index + " delivered user " + presence.user() + " to slot " + sessions[i]
                        + ", which holds no session of the test");
                continue;
            }
            if (!watched(graph(), s.user, s.guildIntent).contains(presence.user())) {
                violations.add("session of user " + s.user + " got user " + presence.user()
                        + ", which it does not watch");
                continue;
            }
            Presence had = p.view.get(presence.user());
            if (had != null && presence.version() <= had.version()) {
                violations.add("session of user " + s.user + " got version " + presence.version() + " of user "
                        + presence.user() + " after version " + had.version());
            }
            p.view.put(presence.user(), presence);
        }
    }

    @Override
    public void heartbeatMissed(int node, int session) {
        violations.add("node " + index + ": a heartbeat was missed with 60 s clocks");
    }

    @Override
    public void ended(int node, int session) {
        bySlot.remove(session);
    }

    @Override
    public void takenOver(int node, int session) {
        bySlot.remove(session);
    }

    void close() {
        backend.close();
        thread.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
