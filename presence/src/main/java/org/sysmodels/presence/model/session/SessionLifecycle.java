package org.sysmodels.presence.model.session;

/**
 * The session state machine, one method per phase returning the next phase (Firecracker's {@code vcpu.rs} shape).
 * Sources: discord-api-docs gateway.mdx, "Sending Heartbeats", "Disconnecting" and "Resuming".
 */
public final class SessionLifecycle {

    private SessionLifecycle() {
    }

    /** The phase after {@code event}, or a {@link SessionStateException} when the event does not apply. */
    public static Phase next(Phase phase, SessionEvent event, int session) {
        return switch (phase) {
            case LIVE -> live(event, session);
            case DETACHED -> detached(event, session);
            case ENDED -> throw new SessionStateException(SessionError.ENDED, session, event);
        };
    }

    private static Phase live(SessionEvent event, int session) {
        return switch (event) {
            // Live ---- Heartbeat / Update Presence ----> Live
            case HEARTBEAT, UPDATE -> Phase.LIVE;
            // Live ---- close 1000/1001 ----> Ended
            case CLOSE_NORMAL -> Phase.ENDED;
            // Live ---- connection lost / other close code / heartbeat missed ----> Detached
            case CONNECTION_LOST, HEARTBEAT_MISSED -> Phase.DETACHED;
            case RESUME -> throw new SessionStateException(SessionError.ALREADY_CONNECTED, session, event);
            case RESUME_WINDOW_OVER -> throw new SessionStateException(SessionError.ALREADY_CONNECTED, session,
                    event);
        };
    }

    private static Phase detached(SessionEvent event, int session) {
        return switch (event) {
            // Detached ---- Resume ----> Live
            case RESUME -> Phase.LIVE;
            // Detached ---- resume window over ----> Ended
            case RESUME_WINDOW_OVER -> Phase.ENDED;
            // Detached ---- close of the new connection before it resumed: nothing to do ----> Detached
            case CONNECTION_LOST -> Phase.DETACHED;
            // Detached ---- the session is given up explicitly ----> Ended
            case CLOSE_NORMAL -> Phase.ENDED;
            case HEARTBEAT, UPDATE, HEARTBEAT_MISSED ->
                    throw new SessionStateException(SessionError.NOT_CONNECTED, session, event);
        };
    }
}
