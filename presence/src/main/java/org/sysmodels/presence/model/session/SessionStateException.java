package org.sysmodels.presence.model.session;

/** An event that does not apply to the session's phase (a caller's mistake, reported with its {@link SessionError}). */
public final class SessionStateException extends RuntimeException {

    private final SessionError error;

    public SessionStateException(SessionError error, int session, SessionEvent event) {
        super("session " + session + ": " + event + ": " + error.message());
        this.error = error;
    }

    public SessionError error() {
        return error;
    }
}
