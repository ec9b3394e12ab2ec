package org.sysmodels.presence.model.cluster;

import java.util.function.Consumer;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.PresenceUpdate;
import org.sysmodels.presence.model.store.PresenceStore;

/**
 * What a gateway node needs from the presence cluster: session liveness (identify, heartbeat, detach, resume, end),
 * presence changes, and fan-out back to the nodes through a {@link NodeSink}. The in-process backend is
 * {@link org.sysmodels.presence.model.core.PresenceCore} (one process holds everything). A networked backend, e.g. Redis
 * with liveness as keys whose TTL heartbeats renew and changes on pub/sub, implements the same calls, so nodes do not
 * change when the cluster does.
 */
public interface ClusterBackend {

    /** A new session (Identify) on {@code node}; {@code initial} may be null. @return the session id */
    int identify(int user, Platform platform, int node, PresenceUpdate initial, boolean guildPresences, long now);

    /**
     * {@link #identify} for a session clients will resume by {@code sessionId} (READY's {@code session_id}). A backend
     * shared by several nodes keys the session by it, so another node can take it over ({@link #adopt}); in process
     * the name is the gateway's business alone.
     */
    default int identify(int user, Platform platform, int node, PresenceUpdate initial, boolean guildPresences,
                         String sessionId, long now) {
        return identify(user, platform, node, initial, guildPresences, now);
    }

    /**
     * {@link #identify(int, Platform, int, PresenceUpdate, boolean, String, long)} that also keeps whether the
     * Identify asked for GUILD_MEMBERS, so a node that takes the session over knows it ({@link Adoption#guildMembers});
     * in process no other node ever needs it.
     */
    default int identify(int user, Platform platform, int node, PresenceUpdate initial, boolean guildPresences,
                         boolean guildMembers, String sessionId, long now) {
        return identify(user, platform, node, initial, guildPresences, sessionId, now);
    }

    /**
     * A client resumes on {@code node} a session this node does not hold: if the cluster still has session
     * {@code sessionId} of {@code user} (held by another node, live or waiting to be resumed, or by one that died),
     * moves it here with the presence it set and calls {@code then} with it; otherwise with {@link Adoption#NONE}.
     * {@code then} runs on the thread that drives this backend. In process every session is here already: none.
     */
    default void adopt(String sessionId, int user, int node, long now, Consumer<Adoption> then) {
        then.accept(Adoption.NONE);
    }

    void heartbeat(int session, long now);

    void update(int session, PresenceUpdate update, long now);

    /** The session's connection was lost (or closed with a code other than 1000/1001): keep it resumable. */
    void detach(int session, long now);

    /** A detached session resumes on {@code node}. @return false if it is gone (window over): Invalid Session */
    boolean resume(int session, int node, long now);

    /** The session is over (close 1000/1001). */
    void end(int session, long now);

    /** Fires due deadlines (missed heartbeats, resume windows). */
    void advance(long now);

    /** The presence last published for {@code user}. */
    Presence presence(int user);

    /** Read access to users, relationships and guilds (for READY and member lists). */
    PresenceStore store();

    /** True while {@code session} exists (live or waiting to be resumed). */
    boolean exists(int session);
}
