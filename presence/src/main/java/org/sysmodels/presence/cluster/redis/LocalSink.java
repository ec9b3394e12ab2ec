package org.sysmodels.presence.cluster.redis;

import org.sysmodels.presence.model.cluster.NodeSink;
import org.sysmodels.presence.model.presence.Presence;

/**
 * The replica's fan-out: this node's sessions to the engine, other nodes' dropped (they deliver their own). A missed
 * heartbeat or an end of one of this node's sessions is also told to Redis, through the node. Presence thread only.
 */
final class LocalSink implements NodeSink {

    private final RedisCluster node;
    private final NodeSink engine;
    private final SessionTable sessions;
    private final ClusterStats stats;
    private final int remoteNode;

    LocalSink(RedisCluster node, NodeSink engine, SessionTable sessions, ClusterStats stats, int remoteNode) {
        this.node = node;
        this.engine = engine;
        this.sessions = sessions;
        this.stats = stats;
        this.remoteNode = remoteNode;
    }

    @Override
    public void deliver(int n, Presence presence, int[] to, int[] via, int count) {
        if (n != remoteNode) {
            engine.deliver(n, presence, to, via, count);
        }
    }

    @Override
    public void heartbeatMissed(int n, int session) {
        if (n != remoteNode) {
            engine.heartbeatMissed(n, session);
            node.records().detached(session, node.windowMs(), engine.sentSoFar(session));
        }
    }

    @Override
    public void ended(int n, int session) {
        long g = sessions.gen(session);
        String id = sessions.forget(session);
        if (n == remoteNode) {
            stats.remoteSessions.decrementAndGet();
            return;
        }
        stats.localSessions.decrementAndGet();
        engine.ended(n, session);
        node.records().ended(id, g);
    }
}
