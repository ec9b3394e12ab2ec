package org.sysmodels.presence.host;

import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.PresenceUpdate;

/**
 * The gateway as simulated clients see it: the opcodes they send and the two ways a connection ends. Calls happen at
 * the moment the client's message reaches its gateway node.
 */
public interface Gateway {

    /** Identify (op 2) on {@code node}. @return the new session */
    int identify(int user, Platform platform, int node, PresenceUpdate presence);

    /** Heartbeat (op 1). */
    void heartbeat(int session);

    /** Presence Update (op 3). */
    void update(int session, PresenceUpdate update);

    /** Close with 1000: the session ends. */
    void close(int session);

    /** The connection is lost; {@code silent}: the server only notices when heartbeats stop. */
    void drop(int session, boolean silent);

    /** Resume (op 6) on {@code node} from the client's last seq. @return false: Invalid Session, identify anew */
    boolean resume(int session, int node);

    /** The user whose session this is. */
    int user(int session);
}
