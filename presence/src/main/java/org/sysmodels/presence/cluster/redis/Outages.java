package org.sysmodels.presence.cluster.redis;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.sysmodels.presence.model.core.PresenceCore;
import org.sysmodels.presence.model.session.Phase;
import org.sysmodels.presence.model.store.PresenceStore;

/**
 * A node's link to Redis over time ({@link LinkState}): a failed command marks it down, time brings a retry, and a
 * resynchronisation brings it up again: the scripts loaded again (Redis forgets them), the fixed keys' types and the
 * log's room checked ({@link KeyTypes}: another program's data is named, not written into), the epoch key checked (did
 * Redis lose its data?), this node's own sessions registered again, then the log replayed from where this node stopped
 * or, if it was trimmed past that point, every session record reloaded (a snapshot). After a data loss it waits one
 * TTL for the other nodes to register theirs again and ends the rest. Each outage and its recovery is logged once and
 * counted. Presence thread, but for {@link #state}, which any thread may read.
 */
final class Outages {

    private static final long HEALTH_EVERY_NS = 2_000_000_000L;

    private final RedisCluster node;
    private final RedisLink link;
    private final PresenceCore replica;
    private final PresenceStore store;
    private final SessionTable sessions;
    private final ClusterStats stats;
    private final Executor owner;
    private final LongSupplier clock;
    private final Consumer<String> log;
    private final String uri;
    private final String world;
    private final SecureRandom random = new SecureRandom();

    private volatile LinkState state;
    private String epoch;
    /** One more at each data loss: sessions of other nodes confirmed in an older round are ended at {@link #confirmBy}. */
    private int round;
    private long confirmBy = -1;
    private long nextHealth;
    private boolean resyncFailureLogged;

    Outages(RedisCluster node, RedisLink link, PresenceCore replica, PresenceStore store, SessionTable sessions,
            ClusterStats stats, Executor owner, LongSupplier clock, Consumer<String> log, String uri, String world) {
        this.node = node;
        this.link = link;
        this.replica = replica;
        this.store = store;
        this.sessions = sessions;
        this.stats = stats;
        this.owner = owner;
        this.clock = clock;
        this.log = log;
        this.uri = uri;
        this.world = world;
        this.state = new LinkState.Resyncing(clock.getAsLong(), "joining", LinkState.FIRST_BACKOFF);
    }

    LinkState state() {
        return state;
    }

    int round() {
        return round;
    }

    /** The join's resynchronisation finished: the link is up. */
    void joined() {
        state = new LinkState.Up();
        node.progress();
    }

    /** Checks the epoch at the next {@link #tick} (a session vanished: maybe Redis lost its data). */
    void checkSoon() {
        nextHealth = 0;
    }

    /** Time passes: retries a link that is down, checks the epoch now and then, ends sessions nobody confirmed. */
    void tick(long now, boolean halted) {
        LinkState before = state;
        state = LinkState.tick(before, now);
        if (state instanceof LinkState.Resyncing && before instanceof LinkState.Down) {
            startResync();
        }
        if (state != before) {
            node.progress();
        }
        if (state instanceof LinkState.Up && !halted && now >= nextHealth) {
            nextHealth = now + HEALTH_EVERY_NS;
            checkEpoch();
        }
        if (confirmBy >= 0 && now >= confirmBy) {
            endUnconfirmed(now);
        }
    }

    /** A command failed ({@code err} null: Redis no longer holds what it did). */
    void failed(String what, Throwable err) {
        stats.failedCommands.incrementAndGet();
        LinkState before = state;
        String cause = err == null ? what : what + ": " + RedisErrors.rootMessage(err);
        state = LinkState.failed(before, cause, clock.getAsLong());
        if (before instanceof LinkState.Up) {
            stats.outages.incrementAndGet();
            resyncFailureLogged = false;
            log.accept(String.format(Locale.ROOT, "presence cluster: lost Redis at %s (%s); this node's %,d "
                    + "sessions go on here; it resynchronises when Redis is back", uri, cause,
                    stats.localSessions.get()));
        } else if (before instanceof LinkState.Resyncing && !resyncFailureLogged) {
            resyncFailureLogged = true;
            log.accept("presence cluster: Redis not back yet (" + cause + "); retrying");
        }
        node.progress();
    }

    private void startResync() {
        resync().whenCompleteAsync((how, err) -> {
            if (err != null) {
                node.failed("resynchronising", err);
                return;
            }
            LinkState before = state;
            state = LinkState.resynced(before);
            if (before instanceof LinkState.Resyncing r) {
                long gap = clock.getAsLong() - r.since();
                stats.outageNanos.addAndGet(gap);
                String line = String.format(Locale.ROOT, "back after %.2f s (%s): %s", gap / 1e9, r.cause(), how);
                stats.recovered(line);
                log.accept("presence cluster: Redis " + line);
                nextHealth = 0;
            }
            node.progress();
        }, owner);
    }

    /** Where to read the log from, and what was done to get there. */
    private record Position(String from, String replayUntil, String how) {
    }

    /**
     * Scripts, epoch, world, this node's sessions registered again, then the log from where this node stopped (or a
     * snapshot). Runs its state changes on the presence thread. @return what it did, for the log line
     */
    CompletionStage<String> resync() {
        String candidate = hex(8);
        return link.loadScripts()
                .thenCompose(v -> link.types(KeyTypes.EXPECTED.keySet()))
                .thenCompose(types -> {
                    KeyTypes.check(types);
                    return link.logTail();
                })
                .thenCompose(tail -> {
                    if (tail.equals(StreamIds.LAST)) {
                        throw new IllegalStateException("Redis key " + Keys.LOG + " ends at entry " + tail + ", the "
                                + "last id a stream can hold: no entry can follow it (another program's entry?); "
                                + "delete it (DEL " + Keys.LOG + ") or use another Redis");
                    }
                    return link.epoch(candidate);
                })
                .thenCompose(e -> link.world(world).thenApply(w -> {
                    if (!w.equals(world)) {
                        throw new IllegalStateException(World.mismatch(w, world));
                    }
                    return e;
                }))
                .thenComposeAsync(e -> {
                    boolean joining = epoch == null;
                    boolean lost = !joining && !e.equals(epoch);
                    epoch = e;
                    CompletionStage<Integer> registered = reRegisterAll();
                    if (lost) {
                        stats.dataLosses.incrementAndGet();
                        round++;
                        long grace = TimeUnit.MILLISECONDS.toNanos(node.liveTtlMs()) + 2 * Records.SWEEP_EVERY_NS;
                        confirmBy = clock.getAsLong() + grace;
                        return registered.thenApply(n -> new Position("0-0", null, String.format(Locale.ROOT,
                                "Redis lost its data (restarted without persistence, or flushed): re-registered %,d "
                                        + "sessions of this node; sessions of other nodes not re-registered within "
                                        + "%.1f s will end", n, grace / 1e9)));
                    }
                    if (joining) {
                        return registered.thenCompose(n -> snapshot("loaded"));
                    }
                    String at = node.reader().position();
                    return registered.thenCompose(n -> link.logHolds(at).thenCompose(holds -> holds
                            ? link.logTail().thenApply(tail -> {
                                stats.replays.incrementAndGet();
                                return new Position(at, StreamIds.compare(tail, at) > 0 ? tail : null,
                                        String.format(Locale.ROOT, "re-registered %,d sessions of this node; replaying"
                                                + " the log from %s", n, at));
                            })
                            : snapshot(String.format(Locale.ROOT, "re-registered %,d sessions of this node; the log "
                                    + "no longer reaches back to %s: reloaded", n, at))));
                }, owner)
                .thenApplyAsync(p -> {
                    node.reader().start(p.from(), p.replayUntil());
                    return p.how();
                }, owner);
    }

    /** Every session record (the log's tail first, so nothing after the snapshot is missed). */
    private CompletionStage<Position> snapshot(String how) {
        return link.logTail().thenCompose(tail -> link.snapshot().thenApplyAsync(snapshot -> {
            snapshot.unreadable().forEach((id, why) -> node.skipped().skip("record " + Keys.session(id), why));
            int n = reconcile(snapshot.records());
            stats.fullResyncs.incrementAndGet();
            return new Position(tail, null, String.format(Locale.ROOT, "%s %,d session records of other nodes",
                    how, n));
        }, owner));
    }

    /** Brings the replica's other-node sessions to the snapshot: opens, updates, and ends those not in it. */
    private int reconcile(Map<String, Map<String, byte[]>> records) {
        long now = clock.getAsLong();
        Set<String> present = new HashSet<>();
        int others = 0;
        for (Map.Entry<String, Map<String, byte[]>> r : records.entrySet()) {
            LogEntry.Upsert u;
            try {
                u = LogEntry.record(r.getKey(), r.getValue(), store.userCount());
            } catch (LogEntry.Malformed e) {
                node.skipped().skip("record " + Keys.session(r.getKey()), e.getMessage());
                continue;
            }
            present.add(u.sessionId());
            if (!u.node().equals(node.node())) {
                others++;
                node.reader().upsert(u, now);
            }
        }
        List<Integer> gone = new ArrayList<>();
        sessions.byId().forEach((id, s) -> {
            if (!sessions.local(s) && !present.contains(id)) {
                gone.add(s);
            }
        });
        for (int s : gone) {
            replica.end(s, now);
        }
        return others;
    }

    /** Writes every session this node holds again: live ones in full, waiting ones only if Redis still has them. */
    private CompletionStage<Integer> reRegisterAll() {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        List<Integer> mine = sessions.slots(true);
        long now = clock.getAsLong();
        for (int s : mine) {
            boolean live = replica.phase(s) == Phase.LIVE;
            long ttl = live ? node.liveTtlMs() : Math.max(1, TimeUnit.NANOSECONDS.toMillis(
                    detachedDeadline(s) - now));
            writes.add(node.records().writeAwaited(s, live ? "open" : "set", ttl).toCompletableFuture());
        }
        stats.reRegistered.addAndGet(mine.size());
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(v -> mine.size());
    }

    private long detachedDeadline(int s) {
        return replica.expiry().isScheduled(s) ? replica.expiry().deadline(s)
                : clock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(node.windowMs());
    }

    /** After a data loss: other nodes' sessions nobody registered again within the grace are over. */
    private void endUnconfirmed(long now) {
        confirmBy = -1;
        List<Integer> stale = new ArrayList<>();
        for (int s : sessions.slots(false)) {
            if (!sessions.confirmedIn(s, round)) {
                stale.add(s);
            }
        }
        for (int s : stale) {
            replica.end(s, now);
        }
        log.accept(String.format(Locale.ROOT, "presence cluster: %,d sessions of other nodes were not registered "
                + "again after the data loss: ended", stale.size()));
    }

    private void checkEpoch() {
        link.currentEpoch().whenCompleteAsync((e, err) -> {
            if (err != null) {
                node.failed("checking the epoch", err);
            } else if (!Objects.equals(e, epoch) && state instanceof LinkState.Up) {
                node.failed("Redis no longer holds this cluster's data (epoch " + epoch + " is now " + e + ")", null);
            }
        }, owner);
    }

    /** The link's part of the status line: empty while up. */
    String statusPart() {
        return switch (state) {
            case LinkState.Up u -> "";
            case LinkState.Down d -> String.format(Locale.ROOT, "; REDIS DOWN for %.1f s (%s)",
                    (clock.getAsLong() - d.since()) / 1e9, d.cause());
            case LinkState.Resyncing r -> "; resynchronising";
        };
    }

    String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
