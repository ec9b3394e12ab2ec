package org.sysmodels.presence.model.store;

import java.util.List;
import org.sysmodels.presence.model.presence.Activity;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.Status;

/**
 * Everything a presence service keeps: who is friends with whom, who is in which guild, each user's sessions and
 * what each session set, and the presence last published for each user. Users are dense indexes
 * {@code 0..userCount()-1}, guilds {@code 0..guildCount()-1}, sessions slots {@code 0..sessionCapacity()-1} that are
 * reused after a close.
 *
 * <p>Two implementations keep the same data in two layouts, so what the layout costs is measured, not claimed:
 * {@link CompactStore} (primitive arrays, no object per relationship or session) and {@link ObjectStore} (one object
 * per user, guild and session, with collections between them, as a first Java version would be written).
 */
public interface PresenceStore {

    /** The end of a session list, and "no session". */
    int NONE = -1;

    // ------------------------------------------------------------------ the social graph (fixed once loaded)

    int userCount();

    int friendCount(int user);

    int friend(int user, int i);

    int guildCount();

    /** How many guilds {@code user} is a member of. */
    int membershipCount(int user);

    int guildOf(int user, int i);

    int memberCount(int guild);

    int member(int guild, int i);

    // ------------------------------------------------------------------ sessions

    /** Opens a session for {@code user} on {@code platform}, connected to gateway node {@code node}; offline. */
    int openSession(int user, Platform platform, int node);

    /** Closes a session; its slot may be reused by the next {@link #openSession}. */
    void closeSession(int session);

    boolean isOpen(int session);

    /** Slots are {@code 0..sessionCapacity()-1}; the capacity only grows. */
    int sessionCapacity();

    /** Open sessions. */
    int sessionCount();

    int user(int session);

    Platform platform(int session);

    int node(int session);

    /** A resumed session may come back on another node. */
    void moveSession(int session, int node);

    /** What the session set last (offline until it sets something). */
    Status status(int session);

    List<Activity> activities(int session);

    /** When the session last set its presence. */
    long updatedAt(int session);

    void setPresence(int session, Status status, List<Activity> activities, long at);

    /** The user's first open session, or {@link #NONE}. */
    int firstSession(int user);

    /** The user's open session after {@code session}, or {@link #NONE}. */
    int nextSession(int session);

    /**
     * The owner's word of a session slot: one int the store keeps beside the session's own fields for whoever owns
     * the store (the {@code PresenceCore}: phase, intent flag, fan-out stamp), so that a fan-out walking a watcher's
     * sessions reads one record per session, not a record and an entry of the owner's array. The store never reads
     * it; it is 0 when a session opens and reads as 0 while the slot is not open.
     */
    int ownerWord(int session);

    /** Sets the owner's word of an open session ({@link #ownerWord(int)}). */
    void ownerWord(int session, int word);

    // ------------------------------------------------------------------ published presence

    /** What others were last told about {@code user} ({@link Presence#offline} before anything). */
    Presence published(int user);

    void publish(Presence presence);
}
