package org.sysmodels.presence.model.cluster;

import org.sysmodels.presence.model.presence.Presence;

/**
 * What the cluster sends a gateway node. Fan-out arrives once per node per change with the list of that node's
 * sessions to reach (Discord's Manifold: "group recipients by node and send once per node", which halved its
 * packets per second), not once per session.
 */
public interface NodeSink {

    /**
     * {@code presence} for sessions {@code sessions[0..count)} on {@code node}; {@code via[i]} is the guild through
     * which session i watches the user, or -1 for a friend. The arrays are reused after the call returns.
     */
    void deliver(int node, Presence presence, int[] sessions, int[] via, int count);

    /** A session on {@code node} missed its heartbeat: close its connection; the session waits to be resumed. */
    void heartbeatMissed(int node, int session);

    /** A session on {@code node} ended (resume window over, or closed for good): drop what the node keeps for it. */
    void ended(int node, int session);

    /**
     * Another node took over a session this node held (its client resumed there): close its connection if one is
     * attached and drop what the node keeps for it. The session goes on, elsewhere.
     */
    default void takenOver(int node, int session) {
        heartbeatMissed(node, session);
        ended(node, session);
    }

    /**
     * What the node had sent {@code session} so far (asked when its connection is lost, for a backend that lets
     * another node take the session over); {@link SentSoFar#UNKNOWN} where nothing is numbered.
     */
    default SentSoFar sentSoFar(int session) {
        return SentSoFar.UNKNOWN;
    }
}
