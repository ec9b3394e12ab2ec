package org.sysmodels.presence.model.core;

import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.Status;
import org.sysmodels.presence.model.session.Phase;

/**
 * What the presence core and its gateway nodes tell run-time checks, traces and metrics. Every method has an empty
 * default, so an observer implements only what it needs; {@link #NONE} observes nothing.
 */
public interface PresenceObserver {

    PresenceObserver NONE = new PresenceObserver() {
    };

    default void sessionOpened(int session, int user, Platform platform, int node, long at) {
    }

    /** The session set {@code status} (Identify's presence or op 3). */
    default void statusSet(int session, int user, Status status, long at) {
    }

    default void heartbeat(int session, long deadline, long at) {
    }

    /** The session changed phase (after a lost connection, a missed heartbeat, a resume, an end). */
    default void phaseChanged(int session, int user, Phase from, Phase to, long at) {
    }

    /** The expiry queue fired a deadline of a session in {@code phase}. */
    default void expired(int session, Phase phase, long deadline, long at) {
    }

    /** One pass of the expiry queue: how many fired, how many entries it touched, how many are scheduled. */
    default void expiryPass(int fired, long touched, int scheduled, long at) {
    }

    /** A new version of a user's presence was published. */
    default void published(Presence presence) {
    }

    /** One change's fan-out: how many sessions it reached on how many nodes, i.e. how many node messages. */
    default void fannedOut(Presence presence, int sessions, int nodes, long at) {
    }

    /** The part of a change's fan-out that went through guild {@code guild}: how many sessions it added. */
    default void guildFannedOut(int guild, Presence presence, int sessions, long at) {
    }

    /** A node queued a presence for a session that could not be written at once. */
    default void queued(int session, Presence presence, int pendingForUser, int pending, long at) {
    }

    /** A session's starting view of a user it watches (what READY and GUILD_CREATE showed it). */
    default void snapshot(int session, Presence presence, long at) {
    }

    /** A node sent a dispatch (sequence {@code seq}) carrying {@code presence} to a session. */
    default void dispatched(int session, long seq, Presence presence, long at) {
    }

    /**
     * A node message is about to be written to {@code sessions[0..count)} (its {@link #dispatched} events follow). A
     * speed hint only, for an observer that keeps state per session: reading it here, in one loop, lets the cache
     * misses of the whole message overlap instead of coming one per dispatch. Must not change what the observer
     * concludes.
     */
    default void arriving(int[] sessions, int count, long at) {
    }

    /** A session resumed from client sequence {@code clientSeq}; its replay follows as {@link #dispatched} calls. */
    default void resumed(int session, long clientSeq, long at) {
    }
}
