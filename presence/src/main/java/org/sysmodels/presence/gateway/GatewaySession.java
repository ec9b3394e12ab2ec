package org.sysmodels.presence.gateway;

import org.sysmodels.presence.model.cluster.IntentBit;
import org.sysmodels.presence.model.session.Subscriber;

/** A session's gateway-side state: which connection carries it and its {@link Subscriber} (engine thread only). */
final class GatewaySession {
    final int slot;
    final String sessionId;
    final int user;
    final boolean guildPresences;
    /**
     * Whether the Identify asked for GUILD_MEMBERS (1 &lt;&lt; 1), which op 8 needs for the whole member list. A
     * session taken over from another node has the bit its state carried through the cluster; UNKNOWN where the
     * writer of that state did not record it (a node from before 5 December), and then op 8 is answered, not refused.
     */
    final IntentBit guildMembers;
    final int largeThreshold;
    final Subscriber subscriber;
    GatewayConnection conn;
    /** The newest sequence number not kept for replay (READY, GUILD_CREATE, RESUMED, chunks). */
    long lastUnkept;

    GatewaySession(int slot, String sessionId, int user, boolean guildPresences, IntentBit guildMembers,
                   int largeThreshold, Subscriber sub) {
        this.slot = slot;
        this.sessionId = sessionId;
        this.user = user;
        this.guildPresences = guildPresences;
        this.guildMembers = guildMembers;
        this.largeThreshold = largeThreshold;
        this.subscriber = sub;
    }

    /** Detaches the connection, if one is attached, after asking it to close with {@code code}. */
    void closeConnection(org.sysmodels.presence.gateway.protocol.CloseCode code, String reason) {
        if (conn != null) {
            conn.closeFromEngine(code, reason);
            conn.engineSlot = -1;
            conn = null;
        }
    }
}
