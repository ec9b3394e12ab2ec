package org.sysmodels.presence.cluster.redis;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.sysmodels.presence.model.cluster.SentSoFar;
import org.sysmodels.presence.model.core.PresenceCore;
import org.sysmodels.presence.model.session.Phase;
import org.sysmodels.presence.model.store.PresenceStore;

/**
 * What a node tells Redis about the sessions it holds, and what it does with the answers: records written
 * ({@link WriteQueue}, write.lua), TTLs renewed by heartbeats ({@code PEXPIRE}) or set for a resume window
 * (touch.lua), ends (end.lua), take-overs (takeover.lua), and the sweep that ends sessions whose node stopped renewing
 * them (sweep.lua). Every command first sends the queued writes, so commands reach Redis in the order the presence
 * thread issued them (an end never overtakes the open of its session). Presence thread only.
 */
final class Records implements WriteQueue.Replies {

    private static final int SWEEP_BATCH = 512;
    static final long SWEEP_EVERY_NS = 250_000_000L;

    private final RedisCluster node;
    private final String name;
    private final RedisLink link;
    private final PresenceCore replica;
    private final PresenceStore store;
    private final SessionTable sessions;
    private final ClusterStats stats;
    private final Executor owner;
    private final LongSupplier clock;
    private final BooleanSupplier writable;
    private final long liveTtlMs;
    private final WriteQueue writes;
    private boolean quietEnd;
    private long nextSweep;
    /** Renewals, touches, ends and take-overs not yet answered. */
    private int pending;

    Records(RedisCluster node, String name, RedisLink link, PresenceCore replica, PresenceStore store,
            SessionTable sessions, ClusterStats stats, Executor owner, LongSupplier clock, BooleanSupplier halted,
            BooleanSupplier writable, long liveTtlMs) {
        this.node = node;
        this.name = name;
        this.link = link;
        this.replica = replica;
        this.store = store;
        this.sessions = sessions;
        this.stats = stats;
        this.owner = owner;
        this.clock = clock;
        this.writable = writable;
        this.liveTtlMs = liveTtlMs;
        this.writes = new WriteQueue(link, name, stats, owner, clock, halted, this);
    }

    /** Queues session {@code s}'s record for the next write.lua call, in {@code mode} (see write.lua). */
    void write(int s, String mode, long ttlMs) {
        if (writable.getAsBoolean()) {
            writes.add(record(s, mode, ttlMs), Hops.ON ? Hops.sentAt(store.activities(s)) : 0);
        }
    }

    /** {@link #write}, and done when Redis has answered for it. */
    CompletionStage<Void> writeAwaited(int s, String mode, long ttlMs) {
        return writable.getAsBoolean() ? writes.addAwaited(record(s, mode, ttlMs))
                : CompletableFuture.completedFuture(null);
    }

    private RedisLink.Write record(int s, String mode, long ttlMs) {
        byte[] state = StateBytes.state(store.user(s), store.platform(s).ordinal(), sessions.flags(s),
                store.status(s).ordinal(), store.activities(s), store.updatedAt(s));
        return new RedisLink.Write(sessions.id(s), sessions.idUtf8(s), sessions.gen(s), mode, ttlMs, state);
    }

    /** Registers live session {@code s} again (Redis lost it, or swept it while this node could not renew it). */
    void reRegister(int s) {
        write(s, "open", liveTtlMs);
    }

    /**
     * Sends {@code command} (after the queued writes) and hands its answer to {@code then} on the presence thread; a
     * failure marks the link down, saying {@code what} failed.
     */
    private <T> void send(String what, java.util.function.Supplier<CompletionStage<T>> command, Consumer<T> then) {
        writes.flush();
        pending++;
        command.get().whenCompleteAsync((r, err) -> {
            pending--;
            if (err != null) {
                node.failed(what, err);
            } else {
                then.accept(r);
            }
            node.progress();
        }, owner);
    }

    /**
     * A heartbeat: renews session {@code s}'s TTL, in the next write call (write.lua's 'renew': one {@code PEXPIRE},
     * no log line), so heartbeats neither cost a request each nor cut a linger short.
     */
    void renew(int s) {
        if (writable.getAsBoolean()) {
            writes.add(RedisLink.Write.renew(sessions.id(s), sessions.idUtf8(s), sessions.gen(s),
                    liveTtlMs), 0);
        }
    }

    /**
     * touch.lua after session {@code s}'s connection was lost: its TTL is the resume window {@code windowMs} now, and
     * the record keeps what this node had sent it ({@code q}, {@code u}), for a node the client may resume on.
     */
    void detached(int s, long windowMs, SentSoFar sent) {
        if (writable.getAsBoolean()) {
            String id = sessions.id(s);
            send("writing a session", () -> link.touch(id, sessions.gen(s), windowMs, sent), r -> written(id, r));
        }
    }

    /** touch.lua after session {@code s} resumed here: a live TTL; what an earlier loss recorded no longer holds. */
    void resumed(int s, long liveTtlMs) {
        if (writable.getAsBoolean()) {
            String id = sessions.id(s);
            send("writing a session", () -> link.touch(id, sessions.gen(s), liveTtlMs, null), r -> written(id, r));
        }
    }

    /** takeover.lua for a client resuming here; {@code then} gets the record, or null if there is none. */
    void takeover(String sessionId, int user, Consumer<List<Object>> then) {
        if (!writable.getAsBoolean()) {
            then.accept(null);
            return;
        }
        writes.flush();
        pending++;
        link.takeover(sessionId, name, user, liveTtlMs).whenCompleteAsync((record, err) -> {
            pending--;
            if (err != null) {
                node.failed("taking over a session", err);
            }
            then.accept(err != null || record.isEmpty() ? null : record);
            node.progress();
        }, owner);
    }

    /** Session {@code id} of generation {@code g}, held here, ended: end.lua, unless Redis has ended it already. */
    void ended(String id, long g) {
        if (!quietEnd && id != null && writable.getAsBoolean()) {
            send("ending a session", () -> link.end(id, name, g), r -> { });
        }
    }

    /** Ends session {@code s} here without telling Redis (it has ended there already). */
    void endQuietly(int s) {
        quietEnd = true;
        try {
            replica.end(s, clock.getAsLong());
        } finally {
            quietEnd = false;
        }
    }

    /** Runs sweep.lua every {@link #SWEEP_EVERY_NS}, and again at once while it finds full batches. */
    void sweepIfDue(long now) {
        if (now < nextSweep) {
            return;
        }
        nextSweep = now + SWEEP_EVERY_NS;
        writes.flush();
        link.sweep("sweep@" + name, SWEEP_BATCH).whenCompleteAsync((r, err) -> {
            if (err != null) {
                node.failed("sweeping expired sessions", err);
                return;
            }
            stats.swept.addAndGet(((Number) r.get(0)).longValue());
            if (((Number) r.get(1)).longValue() >= SWEEP_BATCH) {
                nextSweep = 0;
            }
            node.progress();
        }, owner);
    }

    /**
     * A script's answer about a session this node holds: ok, taken (by another node), gone (not in Redis), or
     * foreign (its key is another program's).
     */
    @Override
    public void written(String id, List<?> r) {
        Integer s = sessions.slot(id);
        if (s == null || !sessions.local(s) || r.isEmpty()) {
            return;
        }
        switch (String.valueOf(r.get(0))) {
            case "taken" -> node.handOver(s, Long.parseLong(String.valueOf(r.get(1))), clock.getAsLong());
            case "gone" -> vanished(id);
            case "foreign" -> node.skipped().skip("writing record " + Keys.session(id) + " of a session held here",
                    "it holds a " + (r.size() > 1 ? r.get(1) : "?") + ", not a session record (another program's "
                    + "key?): left alone, and this session's changes are not shared until it is deleted");
            default -> {
            }
        }
    }

    @Override
    public void failed(String what, Throwable err) {
        node.failed(what, err);
    }

    @Override
    public void answered() {
        node.progress();
    }

    /**
     * A session this node holds is not in Redis: swept while this node could not renew it, or Redis lost its data.
     * A live one is registered again; one waiting to be resumed is over.
     */
    private void vanished(String id) {
        Integer s = sessions.slot(id);
        if (s == null || !sessions.local(s)) {
            return;
        }
        node.checkSoon();
        if (replica.phase(s) == Phase.LIVE) {
            stats.reRegistered.incrementAndGet();
            reRegister(s);
        } else {
            endQuietly(s);
        }
    }

    /** Commands queued or sent and not yet answered. */
    int pending() {
        return pending + writes.unanswered();
    }
}
