package org.sysmodels.presence.cluster.redis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sysmodels.presence.model.cluster.Adoption;
import org.sysmodels.presence.model.cluster.NodeSink;
import org.sysmodels.presence.model.cluster.SentSoFar;
import org.sysmodels.presence.model.core.PresenceCore;
import org.sysmodels.presence.model.session.Phase;
import org.sysmodels.presence.model.store.PresenceStore;

/**
 * Sessions moving between nodes: a client resumes on this node a session another node holds ({@link #adopted}, after
 * {@code takeover.lua}), or another node takes over one this node holds ({@link #handOver}, when the log or a
 * script's answer says so). Generations order the holders: a session has one writer. Presence thread only.
 */
final class Moves {

    private final PresenceCore replica;
    private final PresenceStore store;
    private final SessionTable sessions;
    private final ClusterStats stats;
    private final Skipped skipped;
    private final NodeSink engine;
    private final int remoteNode;

    Moves(PresenceCore replica, PresenceStore store, SessionTable sessions, ClusterStats stats, Skipped skipped,
          NodeSink engine, int remoteNode) {
        this.replica = replica;
        this.store = store;
        this.sessions = sessions;
        this.stats = stats;
        this.skipped = skipped;
        this.engine = engine;
        this.remoteNode = remoteNode;
    }

    /**
     * Remote ---- detach, resume here ----> Local: session {@code sessionId} moved here with {@code record} (its
     * fields as takeover.lua returned them); {@code round} is the current resynchronisation round.
     */
    Adoption adopted(String sessionId, List<Object> record, int localNode, long now, int round, LogReader reader) {
        Map<String, byte[]> fields = new HashMap<>();
        for (int i = 0; i + 1 < record.size(); i += 2) {
            if (record.get(i) instanceof byte[] k && record.get(i + 1) instanceof byte[] v) {
                fields.put(new String(k, java.nio.charset.StandardCharsets.UTF_8), v);
            }
        }
        LogEntry.Upsert u;
        try {
            u = LogEntry.record(sessionId, fields, store.userCount());
        } catch (LogEntry.Malformed e) {
            skipped.skip("record " + Keys.session(sessionId) + " (a client resuming it here was refused)",
                    e.getMessage());
            return Adoption.NONE;
        }
        SentSoFar sent = sentSoFar(fields);
        Integer s = sessions.slot(sessionId);
        if (s == null) {
            s = replica.identify(u.user(), u.platform(), remoteNode, null, u.guildPresences(), now);
            sessions.bind(s, sessionId, u.gen(), u.flags(), round);
            stats.remoteSessions.incrementAndGet();
        } else if (sessions.local(s)) {
            // this node holds it already (its engine had forgotten it): a plain resume
            if (replica.phase(s) != Phase.DETACHED) {
                return Adoption.NONE;
            }
            sessions.gen(s, u.gen());
            replica.resume(s, localNode, now);
            return adoption(s, sent);
        }
        sessions.gen(s, u.gen());
        // the record is the newest word on the session: a replica first seen through an older writer's entry may
        // not know its GUILD_MEMBERS bit
        sessions.flags(s, u.flags());
        reader.setState(s, u);
        // the node's wheel now keeps its deadline
        replica.detach(s, now);
        replica.resume(s, localNode, now);
        stats.remoteSessions.decrementAndGet();
        stats.localSessions.incrementAndGet();
        stats.takenOver.incrementAndGet();
        return adoption(s, sent);
    }

    private Adoption adoption(int s, SentSoFar sent) {
        int f = sessions.flags(s);
        return new Adoption(s, SessionFlags.guildPresences(f), SessionFlags.guildMembers(f), sent);
    }

    /**
     * The record's {@code q} and {@code u} (touch.lua wrote them when the old node lost the connection): what it had
     * sent. Absent, or not two such numbers (another program's data): unknown.
     */
    static SentSoFar sentSoFar(Map<String, byte[]> fields) {
        byte[] q = fields.get("q");
        byte[] u = fields.get("u");
        if (q == null || u == null || q.length > 19 || u.length > 19) {
            return SentSoFar.UNKNOWN;
        }
        try {
            long last = Long.parseLong(new String(q, java.nio.charset.StandardCharsets.US_ASCII));
            long from = Long.parseLong(new String(u, java.nio.charset.StandardCharsets.US_ASCII));
            return last >= 0 && from >= 0 && from <= last ? new SentSoFar(last, from) : SentSoFar.UNKNOWN;
        } catch (NumberFormatException e) {
            return SentSoFar.UNKNOWN;
        }
    }

    /**
     * Local ---- another node took the session over ----> Remote: the engine closes the connection and forgets it;
     * the replica keeps the session, held elsewhere now.
     */
    void handOver(int s, long newGen, long now) {
        engine.takenOver(store.node(s), s);
        if (replica.phase(s) == Phase.LIVE) {
            replica.detach(s, now);
        }
        replica.resume(s, remoteNode, now);
        sessions.gen(s, newGen);
        stats.localSessions.decrementAndGet();
        stats.remoteSessions.incrementAndGet();
        stats.handedOver.incrementAndGet();
    }
}
