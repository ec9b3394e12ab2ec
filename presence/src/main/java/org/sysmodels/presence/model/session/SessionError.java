package org.sysmodels.presence.model.session;

/** Why an event does not apply to a session in its phase; one line each. */
public enum SessionError {
    NOT_CONNECTED("the session has no connection attached (it is waiting to be resumed)"),
    ALREADY_CONNECTED("the session already has a connection; only a detached session can be resumed"),
    ENDED("the session has ended");

    private final String message;

    SessionError(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
