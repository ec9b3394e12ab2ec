package org.sysmodels.presence.model.session;

/** Where a session is in its life, as the presence core sees it (see {@link SessionLifecycle}). */
public enum Phase {
    /** A connection is attached and heartbeating; the session counts in its user's presence. */
    LIVE,
    /** The connection was lost or closed with a code other than 1000/1001; resumable until the window ends, and
     *  still counted in the presence meanwhile. */
    DETACHED,
    /** Over: closed with 1000/1001, or the resume window passed. The slot is free again. */
    ENDED
}
