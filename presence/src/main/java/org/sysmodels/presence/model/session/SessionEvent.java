package org.sysmodels.presence.model.session;

/** What can happen to a session (payload-free, so a heartbeat allocates nothing). */
public enum SessionEvent {
    /** Heartbeat (op 1) from the session's connection. */
    HEARTBEAT,
    /** Update Presence (op 3). */
    UPDATE,
    /** The client closed with 1000 or 1001: "will invalidate your session" (gateway.mdx, "Disconnecting"). */
    CLOSE_NORMAL,
    /** The connection dropped or closed with another code: the session may be resumed (gateway.mdx, "Resuming"). */
    CONNECTION_LOST,
    /** No heartbeat within the timeout: "your connection will be closed and you will be forced to Resume"
     *  (gateway.mdx, "Sending Heartbeats"). */
    HEARTBEAT_MISSED,
    /** Resume (op 6) on a new connection. */
    RESUME,
    /** The resume window after a lost connection passed. */
    RESUME_WINDOW_OVER
}
