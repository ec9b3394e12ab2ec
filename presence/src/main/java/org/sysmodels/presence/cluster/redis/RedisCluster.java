package org.sysmodels.presence.cluster.redis;

import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.sysmodels.presence.cluster.ClusterFactory;
import org.sysmodels.presence.cluster.ClusterParts;
import org.sysmodels.presence.cluster.ClusterReport;
import org.sysmodels.presence.model.aggregate.StatusPrecedence;
import org.sysmodels.presence.model.cluster.Adoption;
import org.sysmodels.presence.model.cluster.ClusterBackend;
import org.sysmodels.presence.model.cluster.NodeSink;
import org.sysmodels.presence.model.core.PresenceCore;
import org.sysmodels.presence.model.core.Timeouts;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.PresenceUpdate;
import org.sysmodels.presence.model.session.Phase;
import org.sysmodels.presence.model.session.SessionStateException;
import org.sysmodels.presence.model.store.PresenceStore;

/**
 * A gateway node's presence backend shared with other nodes through Redis (via Lettuce), the way Phoenix.Presence
 * shares presence through a pub/sub adapter: every node holds a replica of every session's state and computes every
 * user's presence with the same {@link PresenceCore} as a single node, but fans out only to its own connections.
 *
 * <ul>
 *   <li><b>Changes</b>: the node applies its own sessions' changes at once (its users see each other without a
 *       round trip) and writes each to Redis with a script that updates the session's record and appends it to one
 *       stream, the log. Every node reads the log in order ({@code XREAD BLOCK}) and applies the other nodes'
 *       entries. Each entry carries a session's whole state and each session is written by one node at a time, so
 *       every replica ends with the same sessions and thus the same presence for every user, invisible included.
 *       A stream rather than pub/sub because a node that was away must replay what it missed (Redis docs,
 *       "Redis Streams": entries stay, readers resume from an id; pub/sub is "fire and forget").</li>
 *   <li><b>Liveness</b>: a session's record is a key with a TTL (heartbeat interval + grace + a margin) that each
 *       heartbeat renews ({@code PEXPIRE}); a lost connection sets it to the resume window. A node that dies stops
 *       renewing; {@code sweep.lua}, run by every node every 250 ms, finds expired keys through a sorted set of
 *       deadlines and appends their end to the log, once. So the other nodes see a dead node's users go offline
 *       within the TTL plus a sweep.</li>
 *   <li><b>Moving</b>: a client may resume on another node ({@link #adopt}); {@code takeover.lua} moves the session
 *       there with a new generation, and the old holder, reading that, closes its connection. Writes of an older
 *       generation are refused, so a session has one writer.</li>
 *   <li><b>Outages</b> ({@link LinkState}): a failed command or read marks Redis down; the node's own sessions go on
 *       locally (no client is dropped). When Redis answers again the node reloads its scripts, checks the epoch
 *       key (did Redis lose its data?), re-registers its own sessions, then replays the log from where it stopped
 *       or, if the log was trimmed past that point, reloads every session record (a snapshot); after a data loss it
 *       waits one TTL for the other nodes to re-register theirs and ends the rest. The gap is logged and counted.</li>
 * </ul>
 *
 * <p>Threads: every method runs on the node's presence thread ({@link ClusterParts#owner}), and every Redis reply
 * comes back to it; Lettuce's threads only read the log and complete futures.
 */
public final class RedisCluster implements ClusterBackend, ClusterReport, AutoCloseable {

    private static final int READ_COUNT = 512;
    /** Sessions written by one write.lua call at most (its arguments: 10 per session). */
    private static final int WRITE_BATCH = 512;
    private static final int ENDED_REMEMBERED = 65_536;
    private static final long READ_BLOCK_MS = 1000;
    /**
     * Write calls a node sends go out at most once per this (a change after a quiet spell goes at once): under load
     * each call, each log entry and each node's read of it carries this long's changes (Kafka's producer
     * {@code linger.ms}, which waits up to 5 ms by default to batch; here 2 ms of the 20 ms delivery target).
     */
    static final long LINGER_NS = 2_000_000L;
    private static final int SWEEP_BATCH = 512;
    private static final long SWEEP_EVERY_NS = 250_000_000L;
    private static final long HEALTH_EVERY_NS = 2_000_000_000L;
    private static final long TTL_MARGIN_MS = 500;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final long JOIN_TIMEOUT_S = 60;

    private final String node;
    private final String uri;
    private final RedisLink link;
    private final PresenceStore store;
    private final PresenceCore replica;
    private final NodeSink engine;
    private final Executor owner;
    private final LongSupplier clock;
    private final Consumer<String> log;
    private final int remoteNode;
    private final long liveTtlMs;
    private final long windowMs;
    private final long anchorNs;
    private final String world;
    private final ClusterStats stats = new ClusterStats();
    private final SecureRandom random = new SecureRandom();

    // per replica slot (presence thread)
    private String[] sid = new String[16];
    private long[] gen = new long[16];
    private boolean[] guildPresences = new boolean[16];
    private int[] confirmed = new int[16];
    private final Map<String, Integer> bySid = new HashMap<>();
    /**
     * Sessions this node has seen end, with their generation, so that a late entry from an older holder (its detach,
     * written before the session moved here and ended) does not bring the session back as a remote one. Entries
     * arrive late by the log's read lag at most, so the most recent ones suffice.
     */
    private final Map<String, Long> endedGen = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > ENDED_REMEMBERED;
        }
    };

    private volatile LinkState state;
    private volatile boolean halted;
    private String epoch;
    private int round;
    private long confirmBy = -1;
    private long nextSweep;
    private long nextHealth;
    private boolean quietEnd;
    private boolean resyncFailureLogged;
    /** This turn's writes, not yet sent ({@link #sendWrites}), and what each completes (presence thread). */
    private final List<RedisLink.Write> queuedWrites = new ArrayList<>();
    private final List<CompletableFuture<Void>> queuedDone = new ArrayList<>();
    private boolean sendScheduled;
    /** write.lua calls sent and not yet answered (presence thread): while one is out, the next batch grows. */
    private int writesInFlight;
    /** When the last write call went out (node clock). */
    private long lastSendNs = Long.MIN_VALUE / 2;
    /**
     * Writes (queued or sent), renewals, touches, ends and take-overs not yet answered (presence thread; tests wait on
     * it).
     */
    private int pending;

    // the log reader (Lettuce's thread and the presence thread)
    private final Object readLock = new Object();
    private volatile long readRound;
    private String lastId = "0-0";
    private String replayUntil;
    private long replayed;

    /** A factory for {@code sim presence serve --cluster URI}; {@code log} gets one line per outage and recovery. */
    public static ClusterFactory factory(RedisURI uri, Consumer<String> log) {
        return parts -> new RedisCluster(parts, uri, log);
    }

    /** Parses a Redis URI (redis://, rediss:// for TLS, redis-sentinel://); a bad one is an IllegalArgumentException. */
    public static RedisURI parse(String uri) {
        RedisURI u = RedisURI.create(uri);
        if (u.getHost() == null && u.getSentinels().isEmpty() && u.getSocket() == null) {
            throw new IllegalArgumentException("no host in " + uri);
        }
        return u;
    }

    private RedisCluster(ClusterParts parts, RedisURI redis, Consumer<String> log) {
        this.store = parts.store();
        this.engine = parts.sink();
        Executor presenceThread = parts.owner();
        // replies that arrive after the node stopped have nowhere to go: dropped, not logged as errors by Netty
        this.owner = task -> {
            try {
                presenceThread.execute(task);
            } catch (RejectedExecutionException e) {
                // the node is shutting down
            }
        };
        this.clock = parts.clock();
        this.log = log;
        this.remoteNode = parts.localNodes();
        Timeouts t = parts.timeouts();
        this.liveTtlMs = TimeUnit.NANOSECONDS.toMillis(t.heartbeatTimeoutNs()) + TTL_MARGIN_MS;
        this.windowMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(t.resumeWindowNs()));
        Instant w = Instant.now();
        this.anchorNs = w.getEpochSecond() * 1_000_000_000L + w.getNano() - clock.getAsLong();
        this.node = "n" + ProcessHandle.current().pid() + "-" + hex(2);
        this.uri = redis.toString();
        this.world = World.digest(store);
        this.replica = new PresenceCore(store, new StatusPrecedence(), new LocalExpiry(parts.expiry(), store,
                remoteNode), t, new LocalSink(), parts.observer());
        try {
            this.link = new RedisLink(redis, "presence:" + node, CONNECT_TIMEOUT);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot reach Redis at " + uri + ": " + rootMessage(e), e);
        }
        state = new LinkState.Resyncing(clock.getAsLong(), "joining", LinkState.FIRST_BACKOFF);
        try {
            String how = resync().toCompletableFuture().get(JOIN_TIMEOUT_S, TimeUnit.SECONDS);
            state = new LinkState.Up();
            log.accept("presence cluster: node " + node + " joined " + uri + " (" + how + ")");
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            link.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot join the presence cluster at " + uri + ": " + rootMessage(e), e);
        }
    }

    /** This node's name in the cluster (in the log's entries, and its Redis connections' names: presence:NAME). */
    public String node() {
        return node;
    }

    public ClusterStats stats() {
        return stats;
    }

    // ------------------------------------------------------------------ ClusterBackend: the node's own sessions

    @Override
    public int identify(int user, Platform platform, int node, PresenceUpdate initial, boolean guildPresences,
                        long now) {
        return identify(user, platform, node, initial, guildPresences, hex(16), now);
    }

    @Override
    public int identify(int user, Platform platform, int node, PresenceUpdate initial, boolean gp, String sessionId,
                        long now) {
        int s = replica.identify(user, platform, node, null, gp, now);
        bind(s, sessionId, 1, gp);
        stats.localSessions.incrementAndGet();
        if (initial != null) {
            replica.update(s, initial, wall(now));
        }
        write(s, "open", liveTtlMs);
        return s;
    }

    @Override
    public void heartbeat(int session, long now) {
        replica.heartbeat(session, now);
        if (writable()) {
            sendWrites();
            String id = sid[session];
            pending++;
            link.renew(id, liveTtlMs).whenCompleteAsync((renewed, err) -> {
                pending--;
                if (err != null) {
                    failed("renewing a session's TTL", err);
                } else if (!renewed) {
                    vanished(id);
                }
            }, owner);
        }
    }

    @Override
    public void update(int session, PresenceUpdate update, long now) {
        replica.update(session, update, wall(now));
        write(session, "state", liveTtlMs);
    }

    @Override
    public void detach(int session, long now) {
        boolean live = replica.phase(session) == Phase.LIVE;
        replica.detach(session, now);
        if (live) {
            touch(session, windowMs);
        }
    }

    @Override
    public boolean resume(int session, int node, long now) {
        if (!replica.resume(session, node, now)) {
            return false;
        }
        touch(session, liveTtlMs);
        return true;
    }

    @Override
    public void end(int session, long now) {
        replica.end(session, now);
    }

    @Override
    public void adopt(String sessionId, int user, int node, long now, Consumer<Adoption> then) {
        if (!writable()) {
            then.accept(Adoption.NONE);
            return;
        }
        sendWrites();
        pending++;
        link.takeover(sessionId, this.node, user, liveTtlMs).whenCompleteAsync((record, err) -> {
            pending--;
            if (err != null) {
                failed("taking over a session", err);
                then.accept(Adoption.NONE);
                return;
            }
            then.accept(record.isEmpty() ? Adoption.NONE : adopted(sessionId, record, node));
        }, owner);
    }

    private Adoption adopted(String sessionId, List<Object> record, int localNode) {
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i + 1 < record.size(); i += 2) {
            fields.put(String.valueOf(record.get(i)), String.valueOf(record.get(i + 1)));
        }
        LogEntry.Upsert u;
        try {
            u = LogEntry.record(sessionId, fields, store.userCount());
        } catch (LogEntry.Malformed e) {
            stats.malformed.incrementAndGet();
            return Adoption.NONE;
        }
        long now = clock.getAsLong();
        Integer s = bySid.get(sessionId);
        if (s == null) {
            s = replica.identify(u.user(), u.platform(), remoteNode, null, u.guildPresences(), now);
            bind(s, sessionId, u.gen(), u.guildPresences());
            stats.remoteSessions.incrementAndGet();
        } else if (local(s)) {
            // this node holds it already (its engine had forgotten it): a plain resume
            if (replica.phase(s) != Phase.DETACHED) {
                return Adoption.NONE;
            }
            gen[s] = u.gen();
            replica.resume(s, localNode, now);
            return new Adoption(s, guildPresences[s]);
        }
        gen[s] = u.gen();
        setState(s, u);
        // Remote ---- detach, resume here ----> Local: the node's wheel now keeps its deadline
        replica.detach(s, now);
        replica.resume(s, localNode, now);
        stats.remoteSessions.decrementAndGet();
        stats.localSessions.incrementAndGet();
        stats.takenOver.incrementAndGet();
        return new Adoption(s, guildPresences[s]);
    }

    @Override
    public void advance(long now) {
        replica.advance(now);
        LinkState before = state;
        state = LinkState.tick(before, now);
        if (state instanceof LinkState.Resyncing && before instanceof LinkState.Down) {
            startResync();
        }
        if (state instanceof LinkState.Up && !halted) {
            if (now >= nextSweep) {
                nextSweep = now + SWEEP_EVERY_NS;
                sweep();
            }
            if (now >= nextHealth) {
                nextHealth = now + HEALTH_EVERY_NS;
                checkEpoch();
            }
        }
        if (confirmBy >= 0 && now >= confirmBy) {
            endUnconfirmed(now);
        }
    }

    @Override
    public Presence presence(int user) {
        return replica.presence(user);
    }

    @Override
    public PresenceStore store() {
        return store;
    }

    @Override
    public boolean exists(int session) {
        return replica.exists(session);
    }

    // ------------------------------------------------------------------ writes

    private boolean writable() {
        return !halted && !(state instanceof LinkState.Down);
    }

    /**
     * Queues the session's record for the next write.lua call. The first write after a quiet spell schedules
     * {@link #sendWrites} behind the tasks already waiting on the presence thread, so alone it goes out at once;
     * after that, calls go out {@link #LINGER_NS} apart at most, and while one is out the queue waits for its answer
     * (Nagle's rule, RFC 896, applied to the script: one call in flight). Under load one call so carries every change
     * of a linger: one script run, one log entry and one read per node for them all, so the requests per change fall
     * as the rate rises (Redis's cost is mostly per request), and a change waits at most a linger or a round trip.
     */
    private CompletionStage<Void> write(int s, String mode, long ttlMs) {
        if (!writable()) {
            return CompletableFuture.completedFuture(null);
        }
        pending++;
        CompletableFuture<Void> done = new CompletableFuture<>();
        queuedWrites.add(new RedisLink.Write(sid[s], gen[s], mode, ttlMs, store.user(s), store.platform(s).ordinal(),
                guildPresences[s] ? 1 : 0, store.status(s).ordinal(), LogEntry.encode(store.activities(s)),
                store.updatedAt(s)));
        queuedDone.add(done);
        if (!sendScheduled && writesInFlight == 0) {
            scheduleSend();
        }
        return done;
    }

    /**
     * Sends the queued writes, at most {@link #WRITE_BATCH} per call. Every other command to Redis calls this first,
     * so commands reach Redis in the order the presence thread issued them (an end never overtakes the open of its
     * session).
     */
    private void scheduleSend() {
        sendScheduled = true;
        long wait = lastSendNs + LINGER_NS - clock.getAsLong();
        if (wait <= 0) {
            owner.execute(this::sendWrites);
        } else {
            link.later(wait, () -> owner.execute(this::sendWrites));
        }
    }

    private void sendWrites() {
        sendScheduled = false;
        if (!queuedWrites.isEmpty()) {
            lastSendNs = clock.getAsLong();
        }
        while (!queuedWrites.isEmpty()) {
            int n = Math.min(WRITE_BATCH, queuedWrites.size());
            List<RedisLink.Write> batch = List.copyOf(queuedWrites.subList(0, n));
            List<CompletableFuture<Void>> done = List.copyOf(queuedDone.subList(0, n));
            queuedWrites.subList(0, n).clear();
            queuedDone.subList(0, n).clear();
            if (halted) {
                pending -= n;
                done.forEach(d -> d.complete(null));
                continue;
            }
            stats.writeCalls.incrementAndGet();
            writesInFlight++;
            link.write(node, batch).whenCompleteAsync((replies, err) -> {
                pending -= n;
                writesInFlight--;
                if (err != null) {
                    failed("writing sessions", err);
                    done.forEach(d -> d.completeExceptionally(err));
                } else {
                    for (int i = 0; i < n; i++) {
                        Object r = i < replies.size() ? replies.get(i) : null;
                        written(batch.get(i).sid(), r instanceof List<?> l ? l : List.of());
                        done.get(i).complete(null);
                    }
                }
                if (writesInFlight == 0 && !sendScheduled && !queuedWrites.isEmpty()) {
                    scheduleSend();
                }
            }, owner);
        }
    }

    private void touch(int s, long ttlMs) {
        if (writable()) {
            sendWrites();
            String id = sid[s];
            pending++;
            link.touch(id, gen[s], ttlMs).whenCompleteAsync((r, err) -> {
                pending--;
                if (err != null) {
                    failed("writing a session", err);
                } else {
                    written(id, r);
                }
            }, owner);
        }
    }

    /** A script's answer about a session this node holds: ok, taken (by another node), or gone (not in Redis). */
    private void written(String id, List<?> r) {
        Integer s = bySid.get(id);
        if (s == null || !local(s) || r.isEmpty()) {
            return;
        }
        switch (String.valueOf(r.get(0))) {
            case "taken" -> handOver(s, Long.parseLong(String.valueOf(r.get(1))), clock.getAsLong());
            case "gone" -> vanished(id);
            default -> {
            }
        }
    }

    /**
     * A session this node holds is not in Redis: swept while this node could not renew it, or Redis lost its data.
     * A live one is registered again; one waiting to be resumed is over.
     */
    private void vanished(String id) {
        Integer s = bySid.get(id);
        if (s == null || !local(s)) {
            return;
        }
        nextHealth = 0;
        if (replica.phase(s) == Phase.LIVE) {
            stats.reRegistered.incrementAndGet();
            write(s, "open", liveTtlMs);
        } else {
            endQuietly(s);
        }
    }

    private void endQuietly(int s) {
        quietEnd = true;
        try {
            replica.end(s, clock.getAsLong());
        } finally {
            quietEnd = false;
        }
    }

    private void sweep() {
        sendWrites();
        link.sweep("sweep@" + node, SWEEP_BATCH).whenCompleteAsync((r, err) -> {
            if (err != null) {
                failed("sweeping expired sessions", err);
                return;
            }
            long ended = ((Number) r.get(0)).longValue();
            stats.swept.addAndGet(ended);
            if (((Number) r.get(1)).longValue() >= SWEEP_BATCH) {
                nextSweep = 0;
            }
        }, owner);
    }

    private void checkEpoch() {
        link.currentEpoch().whenCompleteAsync((e, err) -> {
            if (err != null) {
                failed("checking the epoch", err);
            } else if (!Objects.equals(e, epoch) && state instanceof LinkState.Up) {
                failed("Redis no longer holds this cluster's data (epoch " + epoch + " is now " + e + ")", null);
            }
        }, owner);
    }

    // ------------------------------------------------------------------ the log

    private void startReader(String from, String until) {
        long r;
        synchronized (readLock) {
            r = ++readRound;
            lastId = from;
            replayUntil = until;
            replayed = 0;
        }
        read(r);
    }

    private void read(long r) {
        String from;
        synchronized (readLock) {
            if (r != readRound || halted) {
                return;
            }
            from = lastId;
        }
        CompletionStage<List<StreamMessage<String, String>>> f;
        try {
            f = link.readLog(from, READ_COUNT, READ_BLOCK_MS);
        } catch (RuntimeException e) {
            owner.execute(() -> failed("reading the log", e));
            return;
        }
        f.whenComplete((msgs, err) -> {
            synchronized (readLock) {
                if (r != readRound || halted) {
                    return;
                }
                if (err != null) {
                    owner.execute(() -> failed("reading the log", err));
                    return;
                }
                if (msgs != null && !msgs.isEmpty()) {
                    lastId = msgs.get(msgs.size() - 1).getId();
                    owner.execute(() -> apply(msgs, r));
                }
            }
            read(r);
        });
    }

    private void apply(List<StreamMessage<String, String>> msgs, long r) {
        if (r != readRound) {
            return;
        }
        long now = clock.getAsLong();
        long wallMs = wall(now) / 1_000_000L;
        for (StreamMessage<String, String> m : msgs) {
            if (replayUntil != null) {
                replayed++;
                if (StreamIds.compare(m.getId(), replayUntil) >= 0) {
                    replayDone();
                }
            }
            Map<String, String> body = m.getBody();
            if (node.equals(body.get("w"))) {
                // this node's own changes: applied when it made them
                stats.own.incrementAndGet();
                continue;
            }
            List<LogEntry> entries;
            try {
                entries = LogEntry.parseAll(body, store.userCount());
            } catch (LogEntry.Malformed x) {
                stats.malformed.incrementAndGet();
                continue;
            }
            for (LogEntry e : entries) {
                try {
                    switch (e) {
                        case LogEntry.Upsert u -> applyUpsert(u, now);
                        case LogEntry.Ended x -> applyEnd(x, now);
                    }
                } catch (SessionStateException | IllegalArgumentException x) {
                    stats.malformed.incrementAndGet();
                    continue;
                }
                stats.applied.incrementAndGet();
            }
            stats.lag((wallMs - StreamIds.millis(m.getId())) * 1000);
        }
    }

    private void replayDone() {
        stats.replayedEntries.addAndGet(replayed);
        log.accept(String.format(Locale.ROOT, "presence cluster: replayed %,d log entries written while this node was "
                + "away", replayed));
        replayUntil = null;
    }

    private void applyUpsert(LogEntry.Upsert u, long now) {
        Integer s = bySid.get(u.sessionId());
        if (s == null) {
            if (u.node().equals(node)) {
                return;     // a record of ours this node has ended already
            }
            Long ended = endedGen.get(u.sessionId());
            if (ended != null && u.gen() < ended) {
                // an older holder's entry about a session that has ended since; a holder that registers its live
                // session again after an outage writes the same generation, and that entry counts
                return;
            }
            int t = replica.identify(u.user(), u.platform(), remoteNode, null, u.guildPresences(), now);
            bind(t, u.sessionId(), u.gen(), u.guildPresences());
            stats.remoteSessions.incrementAndGet();
            setState(t, u);
            confirmed[t] = round;
        } else if (local(s)) {
            if (u.gen() > gen[s]) {
                handOver(s, u.gen(), now);
                setState(s, u);
                confirmed[s] = round;
            }
            // else: an older holder's entry arriving late
        } else if (u.gen() >= gen[s]) {
            gen[s] = u.gen();
            setState(s, u);
            confirmed[s] = round;
        }
    }

    private void setState(int s, LogEntry.Upsert u) {
        if (store.status(s) != u.status() || store.updatedAt(s) != u.at()
                || !store.activities(s).equals(u.activities())) {
            replica.update(s, new PresenceUpdate(null, u.activities(), u.status(), false), u.at());
        }
    }

    private void applyEnd(LogEntry.Ended x, long now) {
        Integer s = bySid.get(x.sessionId());
        if (s == null) {
            return;
        }
        if (local(s)) {
            if (replica.phase(s) == Phase.LIVE) {
                // swept while this node could not renew it; it is alive here: register it again
                stats.reRegistered.incrementAndGet();
                write(s, "open", liveTtlMs);
            } else {
                endQuietly(s);
            }
        } else {
            replica.end(s, now);
        }
    }

    /**
     * Local ---- another node took the session over ----> Remote: the engine closes the connection and forgets it;
     * the replica keeps the session, held elsewhere now.
     */
    private void handOver(int s, long newGen, long now) {
        engine.takenOver(store.node(s), s);
        if (replica.phase(s) == Phase.LIVE) {
            replica.detach(s, now);
        }
        replica.resume(s, remoteNode, now);
        gen[s] = newGen;
        stats.localSessions.decrementAndGet();
        stats.remoteSessions.incrementAndGet();
        stats.handedOver.incrementAndGet();
    }

    // ------------------------------------------------------------------ outages and resynchronisation

    private void failed(String what, Throwable err) {
        if (halted) {
            return;
        }
        stats.failedCommands.incrementAndGet();
        LinkState before = state;
        String cause = err == null ? what : what + ": " + rootMessage(err);
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
    }

    private void startResync() {
        resync().whenCompleteAsync((how, err) -> {
            if (err != null) {
                failed("resynchronising", err);
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
        }, owner);
    }

    /** Where to read the log from, and what was done to get there. */
    private record Position(String from, String replayUntil, String how) {
    }

    /**
     * Scripts, epoch, world, this node's sessions registered again, then the log from where this node stopped (or a
     * snapshot). Runs its state changes on the presence thread. @return what it did, for the log line
     */
    private CompletionStage<String> resync() {
        String candidate = hex(8);
        return link.loadScripts()
                .thenCompose(v -> link.epoch(candidate))
                .thenCompose(e -> link.world(world).thenApply(w -> {
                    if (!w.equals(world)) {
                        throw new IllegalStateException("the cluster serves another world (users file): it has "
                                + w + ", this node " + world + "; start every node with the same --users or "
                                + "--load-world and --watchers");
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
                        long grace = TimeUnit.MILLISECONDS.toNanos(liveTtlMs) + 2 * SWEEP_EVERY_NS;
                        confirmBy = clock.getAsLong() + grace;
                        return registered.thenApply(n -> new Position("0-0", null, String.format(Locale.ROOT,
                                "Redis lost its data (restarted without persistence, or flushed): re-registered %,d "
                                        + "sessions of this node; sessions of other nodes not re-registered within "
                                        + "%.1f s will end", n, grace / 1e9)));
                    }
                    if (joining) {
                        return registered.thenCompose(n -> snapshot("loaded"));
                    }
                    String at;
                    synchronized (readLock) {
                        at = lastId;
                    }
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
                    startReader(p.from(), p.replayUntil());
                    return p.how();
                }, owner);
    }

    /** Every session record (the log's tail first, so nothing after the snapshot is missed). */
    private CompletionStage<Position> snapshot(String how) {
        return link.logTail().thenCompose(tail -> link.snapshot().thenApplyAsync(records -> {
            int n = reconcile(records);
            stats.fullResyncs.incrementAndGet();
            return new Position(tail, null, String.format(Locale.ROOT, "%s %,d session records of other nodes",
                    how, n));
        }, owner));
    }

    /** Brings the replica's other-node sessions to the snapshot: opens, updates, and ends those not in it. */
    private int reconcile(Map<String, Map<String, String>> records) {
        long now = clock.getAsLong();
        Set<String> present = new HashSet<>();
        int others = 0;
        for (Map.Entry<String, Map<String, String>> r : records.entrySet()) {
            LogEntry.Upsert u;
            try {
                u = LogEntry.record(r.getKey(), r.getValue(), store.userCount());
            } catch (LogEntry.Malformed e) {
                stats.malformed.incrementAndGet();
                continue;
            }
            present.add(u.sessionId());
            if (!u.node().equals(node)) {
                others++;
                applyUpsert(u, now);
            }
        }
        List<Integer> gone = new ArrayList<>();
        bySid.forEach((id, s) -> {
            if (!local(s) && !present.contains(id)) {
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
        List<Integer> mine = new ArrayList<>();
        bySid.values().forEach(s -> {
            if (local(s)) {
                mine.add(s);
            }
        });
        long now = clock.getAsLong();
        for (int s : mine) {
            boolean live = replica.phase(s) == Phase.LIVE;
            long ttl = live ? liveTtlMs : Math.max(1, TimeUnit.NANOSECONDS.toMillis(
                    detachedDeadline(s) - now));
            writes.add(write(s, live ? "open" : "set", ttl).toCompletableFuture());
        }
        stats.reRegistered.addAndGet(mine.size());
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(v -> mine.size());
    }

    private long detachedDeadline(int s) {
        return replica.expiry().isScheduled(s) ? replica.expiry().deadline(s) : clock.getAsLong() + windowMs;
    }

    /** After a data loss: other nodes' sessions nobody registered again within the grace are over. */
    private void endUnconfirmed(long now) {
        confirmBy = -1;
        List<Integer> stale = new ArrayList<>();
        bySid.values().forEach(s -> {
            if (!local(s) && confirmed[s] != round) {
                stale.add(s);
            }
        });
        for (int s : stale) {
            replica.end(s, now);
        }
        log.accept(String.format(Locale.ROOT, "presence cluster: %,d sessions of other nodes were not registered "
                + "again after the data loss: ended", stale.size()));
    }

    // ------------------------------------------------------------------ bookkeeping

    private boolean local(int s) {
        return store.node(s) != remoteNode;
    }

    private void bind(int s, String id, long g, boolean gp) {
        if (s >= sid.length) {
            int n = Math.max(sid.length * 2, s + 1);
            sid = Arrays.copyOf(sid, n);
            gen = Arrays.copyOf(gen, n);
            guildPresences = Arrays.copyOf(guildPresences, n);
            confirmed = Arrays.copyOf(confirmed, n);
        }
        sid[s] = id;
        gen[s] = g;
        guildPresences[s] = gp;
        confirmed[s] = round;
        bySid.put(id, s);
    }

    /** The node's clock as wall-clock ns (comparable across nodes up to clock skew): when a status was set. */
    private long wall(long now) {
        return anchorNs + now;
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        while (t.getCause() != null && t.getCause() != t && t.getMessage() != null
                && t.getMessage().startsWith("Unable to connect")) {
            t = t.getCause();
        }
        return t instanceof TimeoutException ? "no answer in time" : String.valueOf(t.getMessage());
    }

    /** The replica's fan-out: this node's sessions to the engine, other nodes' dropped (they deliver their own). */
    private final class LocalSink implements NodeSink {

        @Override
        public void deliver(int node, Presence presence, int[] sessions, int[] via, int count) {
            if (node != remoteNode) {
                engine.deliver(node, presence, sessions, via, count);
            }
        }

        @Override
        public void heartbeatMissed(int node, int session) {
            if (node != remoteNode) {
                engine.heartbeatMissed(node, session);
                touch(session, windowMs);
            }
        }

        @Override
        public void ended(int node, int session) {
            String id = sid[session];
            long g = gen[session];
            if (id != null) {
                bySid.remove(id);
                endedGen.put(id, g);
                sid[session] = null;
            }
            if (node == remoteNode) {
                stats.remoteSessions.decrementAndGet();
                return;
            }
            stats.localSessions.decrementAndGet();
            engine.ended(node, session);
            if (!quietEnd && id != null && writable()) {
                sendWrites();
                pending++;
                link.end(id, RedisCluster.this.node, g).whenCompleteAsync((r, err) -> {
                    pending--;
                    if (err != null) {
                        failed("ending a session", err);
                    }
                }, owner);
            }
        }
    }

    // ------------------------------------------------------------------ tests and shutdown

    @Override
    public String statusLine() {
        LinkState s = state;
        String link = switch (s) {
            case LinkState.Up u -> "";
            case LinkState.Down d -> String.format(Locale.ROOT, "; REDIS DOWN for %.1f s (%s)",
                    (clock.getAsLong() - d.since()) / 1e9, d.cause());
            case LinkState.Resyncing r -> "; resynchronising";
        };
        return stats.line() + link;
    }

    /** True if this node's replica has session {@code sessionId} (tests; presence thread). */
    boolean knows(String sessionId) {
        return bySid.containsKey(sessionId);
    }

    /**
     * True when every command this node sent has been answered and its log reader has passed {@code tail} (tests;
     * presence thread: the entries read are applied by tasks queued before the caller's next one).
     */
    boolean settled(String tail) {
        synchronized (readLock) {
            return pending == 0 && StreamIds.compare(lastId, tail) >= 0;
        }
    }

    /** Commands sent and not yet answered (tests; presence thread). */
    int pending() {
        return pending;
    }

    /** True while the link is up (tests wait for it). */
    public boolean connected() {
        return state instanceof LinkState.Up;
    }

    /** Stops talking to Redis at once, as if the process died: nothing more is written, nothing renewed (tests). */
    public void halt() {
        halted = true;
        synchronized (readLock) {
            readRound++;
        }
        link.halt();
    }

    @Override
    public void close() {
        if (halted) {
            return;
        }
        halted = true;
        synchronized (readLock) {
            readRound++;
        }
        link.close();
    }
}
