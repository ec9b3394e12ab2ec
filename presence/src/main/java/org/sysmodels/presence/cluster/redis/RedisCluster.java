package org.sysmodels.presence.cluster.redis;

import io.lettuce.core.RedisURI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.sysmodels.presence.cluster.ClusterFactory;
import org.sysmodels.presence.cluster.ClusterParts;
import org.sysmodels.presence.cluster.ClusterReport;
import org.sysmodels.presence.model.aggregate.StatusPrecedence;
import org.sysmodels.presence.model.cluster.Adoption;
import org.sysmodels.presence.model.cluster.ClusterBackend;
import org.sysmodels.presence.model.cluster.IntentBit;
import org.sysmodels.presence.model.cluster.NodeSink;
import org.sysmodels.presence.model.core.PresenceCore;
import org.sysmodels.presence.model.core.Timeouts;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.PresenceUpdate;
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
 *   <li><b>Outages</b> ({@link Outages}, {@link LinkState}): a failed command or read marks Redis down; the node's
 *       own sessions go on locally (no client is dropped). When Redis answers again the node reloads its scripts,
 *       checks the epoch key (did Redis lose its data?), re-registers its own sessions, then replays the log from
 *       where it stopped or, if the log was trimmed past that point, reloads every session record (a snapshot);
 *       after a data loss it waits one TTL for the other nodes to re-register theirs and ends the rest. The gap is
 *       logged and counted.</li>
 * </ul>
 *
 * <p>The parts: {@link OwnSessions} (the life of this node's own sessions), {@link SessionTable} (the session
 * records), {@link WriteQueue} (writes batched into write.lua calls),
 * {@link LogReader} (reading and applying the log), {@link Unconfirmed} (sessions the log opened, checked for their
 * record), {@link Skipped} (what could not be read, named), {@link Outages} (the link's state and resynchronisation),
 * {@link RedisLink} (the commands). Threads: every method runs on the node's presence thread
 * ({@link ClusterParts#owner}), and every Redis reply comes back to it. When that thread is an I/O event loop
 * ({@link SharedLoop#presenceThread}, as the gateway's is in a cluster) it also runs the Redis connections, so no
 * command or reply crosses threads; otherwise Lettuce's own threads read the log and complete futures.
 */
public final class RedisCluster implements ClusterBackend, ClusterReport, AutoCloseable {

    private static final long TTL_MARGIN_MS = 500;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final long JOIN_TIMEOUT_S = 60;

    private final String node;
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
    private final ClusterStats stats = new ClusterStats();
    private final Skipped skipped;
    private final SessionTable sessions;
    private final Records records;
    private final LogReader reader;
    private final Outages outages;
    private final Moves moves;
    private final Unconfirmed unconfirmed;
    private final OwnSessions own;

    private volatile boolean halted;
    private final Waits waits;

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
        this.waits = new Waits(owner);
        this.log = log;
        this.skipped = new Skipped(stats, log);
        this.remoteNode = parts.localNodes();
        Timeouts t = parts.timeouts();
        this.liveTtlMs = TimeUnit.NANOSECONDS.toMillis(t.heartbeatTimeoutNs()) + TTL_MARGIN_MS;
        this.windowMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(t.resumeWindowNs()));
        Instant w = Instant.now();
        this.anchorNs = w.getEpochSecond() * 1_000_000_000L + w.getNano() - clock.getAsLong();
        String name = "n" + ProcessHandle.current().pid() + "-" + HexFormat.of().toHexDigits((short) new SecureRandom()
                .nextInt(1 << 16));
        this.node = name;
        String uri = RedisErrors.where(redis);
        this.sessions = new SessionTable(store, remoteNode);
        this.replica = new PresenceCore(store, new StatusPrecedence(), new LocalExpiry(parts.expiry(), store,
                remoteNode), t, new LocalSink(this, engine, sessions, stats, remoteNode), parts.observer());
        this.link = RedisLink.connect(redis, node, "presence:" + node, CONNECT_TIMEOUT, presenceThread);
        this.records = new Records(this, node, link, replica, store, sessions, stats, owner, clock, () -> halted,
                this::writable, liveTtlMs);
        this.own = new OwnSessions(replica, sessions, records, stats, engine, this::round, this::wall, liveTtlMs,
                windowMs);
        this.moves = new Moves(replica, store, sessions, stats, skipped, engine, remoteNode);
        this.reader = new LogReader(this, link, replica, store, sessions, stats, owner, clock, log);
        this.unconfirmed = new Unconfirmed(this, link, replica, sessions, owner, clock, log);
        this.outages = new Outages(this, link, replica, store, sessions, stats, owner, clock, log, uri,
                World.digest(store, parts.names()));
        try {
            String how = outages.resync().toCompletableFuture().get(JOIN_TIMEOUT_S, TimeUnit.SECONDS);
            outages.joined();
            log.accept("presence cluster: node " + node + " joined " + uri + " (" + how + (link.onPresenceThread()
                    ? "; Redis I/O on the presence thread)" : ")"));
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            reader.halt();
            link.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot join the presence cluster at " + uri + ": " + RedisErrors.rootMessage(e), e);
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
        return identify(user, platform, node, initial, guildPresences, outages.hex(16), now);
    }

    /** A session whose GUILD_MEMBERS bit the caller does not say: recorded as unknown ({@link SessionFlags}). */
    @Override
    public int identify(int user, Platform platform, int node, PresenceUpdate initial, boolean gp, String sessionId,
                        long now) {
        return own.identify(user, platform, node, initial, SessionFlags.of(gp, IntentBit.UNKNOWN), sessionId, now);
    }

    @Override
    public int identify(int user, Platform platform, int node, PresenceUpdate initial, boolean gp, boolean members,
                        String sessionId, long now) {
        return own.identify(user, platform, node, initial, SessionFlags.of(gp, IntentBit.of(members)), sessionId, now);
    }

    @Override
    public void heartbeat(int session, long now) {
        own.heartbeat(session, now);
    }

    @Override
    public void update(int session, PresenceUpdate update, long now) {
        own.update(session, update, now);
    }

    @Override
    public void detach(int session, long now) {
        own.detach(session, now);
    }

    @Override
    public boolean resume(int session, int node, long now) {
        return own.resume(session, node, now);
    }

    @Override
    public void end(int session, long now) {
        replica.end(session, now);
    }

    @Override
    public void adopt(String sessionId, int user, int node, long now, Consumer<Adoption> then) {
        records.takeover(sessionId, user, a -> then.accept(a == null ? Adoption.NONE
                : moves.adopted(sessionId, a, node, clock.getAsLong(), outages.round(), reader)));
    }

    @Override
    public void advance(long now) {
        replica.advance(now);
        outages.tick(now, halted);
        if (outages.state() instanceof LinkState.Up && !halted) {
            records.sweepIfDue(now);
            unconfirmed.checkIfDue(now);
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

    private boolean writable() {
        return !halted && !(outages.state() instanceof LinkState.Down);
    }

    /** Another node took over session {@code s} ({@link Moves#handOver}). */
    void handOver(int s, long newGen, long now) {
        moves.handOver(s, newGen, now);
    }

    /** Checks the epoch soon (a session vanished from Redis: maybe Redis lost its data). */
    void checkSoon() {
        outages.checkSoon();
    }

    /** A command failed: the link goes down ({@link Outages}) unless this node has stopped. */
    void failed(String what, Throwable err) {
        if (!halted) {
            outages.failed(what, err);
        }
    }

    // ------------------------------------------------------------------ for the parts

    LogReader reader() {
        return reader;
    }

    Records records() {
        return records;
    }

    Unconfirmed unconfirmed() {
        return unconfirmed;
    }

    Skipped skipped() {
        return skipped;
    }

    int round() {
        return outages.round();
    }

    int remoteNode() {
        return remoteNode;
    }

    long liveTtlMs() {
        return liveTtlMs;
    }

    long windowMs() {
        return windowMs;
    }

    /** The node's clock as wall-clock ns (comparable across nodes up to clock skew): when a status was set. */
    long wall(long now) {
        return anchorNs + now;
    }

    // ------------------------------------------------------------------ tests and shutdown

    @Override
    public String statusLine() {
        return stats.line() + outages.statusPart();
    }

    /**
     * Completes (on the presence thread) once {@code condition} holds, checked now and after each batch of log entries
     * applied and each answer from Redis ({@link Waits}; tests; presence thread).
     */
    CompletableFuture<Void> whenTrue(BooleanSupplier condition) {
        return waits.whenTrue(condition);
    }

    /** {@link #whenTrue} from any thread (tests of other packages, through the test-side {@code ClusterSignals}). */
    CompletableFuture<Void> whenTrueFromAnyThread(BooleanSupplier condition) {
        return waits.fromAnyThread(condition);
    }

    /** Something this node waits on happened (presence thread). */
    void progress() {
        waits.progress();
    }

    /** True if this node's replica has session {@code sessionId} (tests; presence thread). */
    boolean knows(String sessionId) {
        return sessions.knows(sessionId);
    }

    /**
     * True when every command this node sent has been answered and its log reader has passed {@code tail} (tests;
     * presence thread: the entries read are applied by tasks queued before the caller's next one).
     */
    boolean settled(String tail) {
        return pending() == 0 && reader.passed(tail);
    }

    /** Commands queued or sent and not yet answered (tests; presence thread). */
    int pending() {
        return records.pending();
    }

    /** True when this node's Redis connections run on its presence thread ({@link SharedLoop}). */
    boolean ioOnPresenceThread() {
        return link.onPresenceThread();
    }

    /** True while the link is up (tests wait for it). */
    public boolean connected() {
        return outages.state() instanceof LinkState.Up;
    }

    /** Stops talking to Redis at once, as if the process died: nothing more is written, nothing renewed (tests). */
    public void halt() {
        halted = true;
        reader.halt();
        link.halt();
    }

    @Override
    public void close() {
        if (halted) {
            return;
        }
        halted = true;
        reader.halt();
        link.close();
    }
}
