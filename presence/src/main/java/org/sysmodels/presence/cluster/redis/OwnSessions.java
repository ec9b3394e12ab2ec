package org.sysmodels.presence.cluster.redis;

import java.util.function.IntSupplier;
import java.util.function.LongUnaryOperator;
import org.sysmodels.presence.model.cluster.NodeSink;
import org.sysmodels.presence.model.core.PresenceCore;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.PresenceUpdate;
import org.sysmodels.presence.model.session.Phase;

/**
 * The life of the sessions whose connections this node holds, as the gateway drives it: each step applies to the
 * replica at once (this node's users see it without a round trip) and goes to Redis through {@link Records}: an
 * Identify opens a record with the intents other nodes need ({@link SessionFlags}), a heartbeat renews its TTL, a
 * status change rewrites its state, a lost connection sets the resume window and what was sent, a resume a live TTL
 * again. Presence thread only.
 */
final class OwnSessions {

    private final PresenceCore replica;
    private final SessionTable sessions;
    private final Records records;
    private final ClusterStats stats;
    private final NodeSink engine;
    private final IntSupplier round;
    private final LongUnaryOperator wall;
    private final long liveTtlMs;
    private final long windowMs;

    OwnSessions(PresenceCore replica, SessionTable sessions, Records records, ClusterStats stats, NodeSink engine,
                IntSupplier round, LongUnaryOperator wall, long liveTtlMs, long windowMs) {
        this.replica = replica;
        this.sessions = sessions;
        this.records = records;
        this.stats = stats;
        this.engine = engine;
        this.round = round;
        this.wall = wall;
        this.liveTtlMs = liveTtlMs;
        this.windowMs = windowMs;
    }

    /** A new session {@code sessionId} with {@code flags} ({@link SessionFlags}); {@code initial} may be null. */
    int identify(int user, Platform platform, int node, PresenceUpdate initial, int flags, String sessionId,
                 long now) {
        int s = replica.identify(user, platform, node, null, SessionFlags.guildPresences(flags), now);
        sessions.bind(s, sessionId, 1, flags, round.getAsInt());
        stats.localSessions.incrementAndGet();
        if (initial != null) {
            replica.update(s, initial, wall.applyAsLong(now));
        }
        records.write(s, "open", liveTtlMs);
        return s;
    }

    void heartbeat(int session, long now) {
        replica.heartbeat(session, now);
        records.renew(session);
    }

    /** A status change: write.lua's 'state' mode sets the record's state only (heartbeats keep its liveness). */
    void update(int session, PresenceUpdate update, long now) {
        if (Hops.ON) {
            Hops.record(Hops.Hop.A_APPLIED, Hops.sentAt(update.activities()));
        }
        replica.update(session, update, wall.applyAsLong(now));
        records.write(session, "state", liveTtlMs);
    }

    void detach(int session, long now) {
        boolean live = replica.phase(session) == Phase.LIVE;
        replica.detach(session, now);
        if (live) {
            records.detached(session, windowMs, engine.sentSoFar(session));
        }
    }

    boolean resume(int session, int node, long now) {
        if (!replica.resume(session, node, now)) {
            return false;
        }
        records.resumed(session, liveTtlMs);
        return true;
    }
}
