package org.sysmodels.presence.gateway;

import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.EventExecutor;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sysmodels.presence.cluster.ClusterFactory;
import org.sysmodels.presence.cluster.ClusterParts;
import org.sysmodels.presence.gateway.protocol.ClientPayload;
import org.sysmodels.presence.gateway.protocol.CloseCode;
import org.sysmodels.presence.gateway.protocol.Intents;
import org.sysmodels.presence.gateway.protocol.Payloads;
import org.sysmodels.presence.gateway.users.UserDirectory;
import org.sysmodels.presence.model.cluster.ClusterBackend;
import org.sysmodels.presence.model.cluster.IntentBit;
import org.sysmodels.presence.model.core.PresenceObserver;
import org.sysmodels.presence.model.core.Timeouts;
import org.sysmodels.presence.model.expiry.TimingWheel;
import org.sysmodels.presence.model.fanout.CoalescingOutbox;
import org.sysmodels.presence.model.presence.PresenceUpdate;
import org.sysmodels.presence.model.presence.Status;
import org.sysmodels.presence.model.session.Dispatch;
import org.sysmodels.presence.model.session.SessionStateException;
import org.sysmodels.presence.model.session.Subscriber;
import org.sysmodels.presence.model.store.CompactStore;
import org.sysmodels.presence.model.store.PresenceStore;

/**
 * The one thread that owns presence: the {@link ClusterBackend} (in process, the {@code PresenceCore} the simulation
 * runs; in a cluster, a replica of it kept in step through Redis), each
 * session's {@link Subscriber} (sequence numbers, replay ring, coalescing outbox) and which connection carries it
 * ({@link SessionTable}). Event loops hand it commands as tasks (this class); the core's fan-out goes back to them
 * through {@link NodeFanOut}, grouped per event loop, one queued item per loop per change (Manifold's per-node
 * batching, with event loops as the nodes). A single owner means no locks on presence
 * state; the price is that one core does all presence work, which {@code sim presence load} measures.
 */
final class PresenceEngine {

    /** 4004's reason, for Identify and Resume alike. */
    static final String UNKNOWN_TOKEN = "no user of this gateway has this token (the users file, or the load "
            + "world)";

    /** 4001's reason when op 8 asks for the whole member list without the intent (at most 123 bytes). */
    static final String WHOLE_LIST_NEEDS_GUILD_MEMBERS = "GUILD_MEMBERS intent (1 << 1) is required to request the "
            + "entire member list (query \"\")";

    private final EventExecutor thread;
    private final UserDirectory users;
    private final GatewayConfig config;
    private final java.util.function.Supplier<String> resumeUrl;
    private final ClusterBackend core;
    private final GatewayStats stats;
    private final SessionTable sessions = new SessionTable();
    private final NodeFanOut fanOut;
    private final ReplayRingPool rings;
    private final IdentifyLimit identifyLimit;
    private final Resumption resumption;
    private final SecureRandom random = new SecureRandom();
    private final long epoch = System.nanoTime();
    private volatile boolean stopping;

    PresenceEngine(EventExecutor thread, UserDirectory users, GatewayConfig config,
                   java.util.function.Supplier<String> resumeUrl,
                   GatewayStats stats, PresenceObserver observer, ClusterFactory cluster) {
        this.thread = thread;
        this.users = users;
        this.config = config;
        this.resumeUrl = resumeUrl;
        this.stats = stats;
        this.rings = new ReplayRingPool(config.replayCapacity());
        this.identifyLimit = new IdentifyLimit(config.identifyConcurrency());
        this.fanOut = new NodeFanOut(sessions, users, config, stats, rings);
        PresenceStore store = new CompactStore(users.graph(), 1024);
        Timeouts t = new Timeouts(config.heartbeatInterval().toNanos(), config.grace().toNanos(),
                config.resumeWindow().toNanos());
        this.core = cluster.create(new ClusterParts(store, t, TimingWheel.of(config.tick().toNanos(), now()), fanOut,
                observer, config.ioThreads(), thread, this::now, users.names()));
        this.resumption = new Resumption(users, core, sessions, fanOut, rings, stats, this::now, this::run);
        long tick = config.tick().toNanos();
        // The expiry pass is queued behind the commands the event loops sent before it, and judges time as of then:
        // however far behind this thread is, a heartbeat that arrived renews its session before the pass that would
        // expire it (a pass run at the thread's own late time would close live sessions 4009 under overload).
        thread.scheduleAtFixedRate(() -> {
            long queuedAt = now();
            run(() -> core.advance(queuedAt));
        }, tick, tick, TimeUnit.NANOSECONDS);
    }

    GatewayStats stats() {
        return stats;
    }

    /** Monotonic ns since the engine started (the core's clock). */
    long now() {
        return System.nanoTime() - epoch;
    }

    private void run(Runnable r) {
        try {
            thread.execute(() -> {
                try {
                    r.run();
                } catch (SessionStateException e) {
                    // a command raced with a close or an expiry; the session's phase already says what happened
                    stats.errors.incrementAndGet();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            if (!stopping) {
                throw e;
            }
            // the node is closing: connections closing now need no presence work
        }
    }

    /** The node is closing: commands from connections that close meanwhile are dropped, not errors. */
    void stopping() {
        stopping = true;
    }

    /** Runs {@code r} on the engine thread and waits (tests and the demo's status line). */
    <T> T query(java.util.concurrent.Callable<T> r) throws Exception {
        return thread.submit(r).get(30, TimeUnit.SECONDS);
    }

    ClusterBackend core() {
        return core;
    }

    // ------------------------------------------------------------------ commands from event loops

    void identify(GatewayConnection c, ClientPayload.Identify id) {
        run(() -> {
            Integer user = users.userByToken(id.token()).orElse(null);
            if (user == null) {
                c.closeFromEngine(CloseCode.AUTHENTICATION_FAILED, UNKNOWN_TOKEN);
                return;
            }
            if (!Intents.valid(id.intents())) {
                c.closeFromEngine(CloseCode.INVALID_INTENTS, "intents " + id.intents() + " has undefined bits");
                return;
            }
            boolean guildPresences = (id.intents() & Intents.GUILD_PRESENCES) != 0;
            if (guildPresences && !users.presenceIntentAllowed(user)) {
                c.closeFromEngine(CloseCode.DISALLOWED_INTENTS, "GUILD_PRESENCES is not allowed for this user");
                return;
            }
            if (id.shard() != null && (id.shard()[0] != 0 || id.shard()[1] != 1)) {
                c.closeFromEngine(CloseCode.INVALID_SHARD, "this gateway has one shard: [0, 1]");
                return;
            }
            if (!identifyLimit.allow(user, now())) {
                c.invalidSession(false);
                return;
            }
            long now = now();
            String sessionId = HexFormat.of().formatHex(bytes16());
            // no presence in Identify: online (the model's rule: gateway-events.mdx gives no default), not offline
            PresenceUpdate initial = id.presence() != null ? id.presence() : PresenceUpdate.of(Status.ONLINE);
            boolean guildMembers = (id.intents() & Intents.GUILD_MEMBERS) != 0;
            int slot = core.identify(user, id.platform(), c.node(), initial, guildPresences, guildMembers, sessionId,
                    now);
            GatewaySession e = new GatewaySession(slot, sessionId, user, guildPresences, IntentBit.of(guildMembers),
                    id.largeThreshold(),
                    new Subscriber(slot, new CoalescingOutbox(), rings.take()));
            sessions.put(e);
            e.conn = c;
            c.engineSlot = slot;
            stats.identifies.incrementAndGet();
            stats.sessions.incrementAndGet();
            List<String> out = new ArrayList<>();
            out.add(Payloads.dispatch(e.subscriber.nextSeq(), "READY", g -> Snapshots.ready(g, users, core, e,
                    resumeUrl.get())));
            // GUILD_CREATE is a GUILDS (1 << 0) event: "If you do not specify an intent when identifying, you will
            // not receive *any* of the Gateway events associated with that intent" (gateway.mdx, "Gateway Intents")
            int guilds = (id.intents() & Intents.GUILDS) != 0 ? core.store().membershipCount(user) : 0;
            for (int k = 0; k < guilds; k++) {
                int guild = core.store().guildOf(user, k);
                out.add(Payloads.dispatch(e.subscriber.nextSeq(), "GUILD_CREATE", g -> Snapshots.guildCreate(g,
                        users, core, e, guild)));
            }
            e.lastUnkept = e.subscriber.seq();
            c.send(out);
        });
    }

    private byte[] bytes16() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return b;
    }

    void resume(GatewayConnection c, ClientPayload.Resume r) {
        run(() -> resumption.resume(c, r));
    }

    /** A heartbeat counts from when its connection received it, not from when this thread gets to it. */
    void heartbeat(GatewayConnection c) {
        long receivedAt = now();
        run(() -> {
            GatewaySession e = sessions.attached(c);
            if (e != null) {
                stats.heartbeats.incrementAndGet();
                core.heartbeat(e.slot, receivedAt);
            }
        });
    }

    void update(GatewayConnection c, PresenceUpdate u) {
        run(() -> {
            GatewaySession e = sessions.attached(c);
            if (e != null) {
                stats.updates.incrementAndGet();
                core.update(e.slot, u, now());
            }
        });
    }

    /**
     * op 8. "GUILD_MEMBERS intent is required to request the entire member list—(query=‘’, limit=0&lt;=n)"
     * (discord-api-docs, gateway-events.mdx "Request Guild Members"); the docs name no reaction, so a session without
     * it is refused with their code for "an invalid payload for an opcode", 4001 (opcodes-and-status-codes.mdx),
     * rather than left waiting for a chunk that never comes. The intent is the Identify's, carried through the
     * cluster for a session taken over from another node; where that node did not record it the request is answered
     * (a client is never closed for a bit this node does not know).
     */
    void requestMembers(GatewayConnection c, ClientPayload.RequestGuildMembers m) {
        run(() -> {
            GatewaySession e = sessions.attached(c);
            if (e == null) {
                return;
            }
            if (m.wholeList() && e.guildMembers == IntentBit.CLEAR) {
                c.closeFromEngine(CloseCode.UNKNOWN_OPCODE, WHOLE_LIST_NEEDS_GUILD_MEMBERS);
                return;
            }
            List<String> out = Snapshots.memberChunks(users, core, e, m);
            e.lastUnkept = e.subscriber.seq();
            c.send(out);
        });
    }

    /** The connection closed with {@code code} (1006: dropped without a close frame). */
    void closed(GatewayConnection c, int code) {
        run(() -> {
            GatewaySession e = sessions.attached(c);
            if (e == null) {
                return;
            }
            e.conn = null;
            c.engineSlot = -1;
            if (CloseCode.endsSession(code)) {
                core.end(e.slot, now());
            } else {
                core.detach(e.slot, now());
            }
        });
    }

    /** The connection can take writes again: send what its outbox holds, newest per user. */
    void writable(GatewayConnection c) {
        run(() -> {
            GatewaySession e = sessions.attached(c);
            if (e == null || e.subscriber.outbox().isEmpty()) {
                return;
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < 256 && c.writable(); i++) {
                Dispatch d = e.subscriber.sendPending();
                if (d == null) {
                    break;
                }
                out.add(fanOut.encode(d));
            }
            stats.dispatches.addAndGet(out.size());
            c.send(out);
            if (!e.subscriber.outbox().isEmpty() && c.writable()) {
                writable(c);
            }
        });
    }

    /** Asks the connection carrying {@code sessionId} to reconnect (op 7), then closes it (tests, shutdown). */
    void reconnect(String sessionId, long delayMs) {
        run(() -> {
            GatewaySession e = sessions.get(sessionId);
            if (e != null && e.conn != null) {
                e.conn.reconnect(delayMs, "reconnect and resume");
            }
        });
    }

    /**
     * Every connected session is told to reconnect (op 7) and closed (4000): the node is stopping. Waits (at most
     * 2 s) until those connections have closed: an event loop that stops closes its open channels before it runs
     * the tasks still queued, so the op 7 could be lost and the client see 1006.
     */
    void goingAway() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        try {
            List<ChannelFuture> closing = thread.submit(() -> {
                List<ChannelFuture> closes = new ArrayList<>();
                sessions.forEach(e -> {
                    if (e.conn != null && e.conn.open()) {
                        e.conn.reconnect(0, "the gateway node is stopping: reconnect and resume");
                        closes.add(e.conn.closeFuture());
                    }
                });
                return closes;
            }).get(2, TimeUnit.SECONDS);
            // the event loops close whatever is still open when they stop: wait for the op 7s to go out first
            for (ChannelFuture f : closing) {
                f.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the engine thread is gone or busy past the wait: its connections close without op 7, as on a crash
        }
    }

    /** What others see of {@code userId} now, or null for an unknown id (tests, the page's status line). */
    Status statusOf(String userId) throws Exception {
        Integer u = users.userById(userId).orElse(null);
        return u == null ? null : query(() -> core.presence(u).status());
    }
}
