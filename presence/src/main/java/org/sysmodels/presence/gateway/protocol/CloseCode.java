package org.sysmodels.presence.gateway.protocol;

/**
 * Gateway close codes (opcodes-and-status-codes.mdx, "Gateway Close Event Codes"), with the docs' Reconnect column
 * and when this gateway sends each. 1000/1001 are RFC 6455's normal closes: a client that sends them ends its session
 * (gateway.mdx, "Disconnecting"); any other close leaves the session resumable for the resume window.
 */
public enum CloseCode {
    NORMAL(1000, "Normal closure", true, "a client closing with it ends its session at once (shown offline)"),
    GOING_AWAY(1001, "Going away", true, "as 1000"),
    UNKNOWN_ERROR(4000, "Unknown error", true, "a failure inside the gateway; also after Reconnect (op 7)"),
    UNKNOWN_OPCODE(4001, "Unknown opcode", true, "an opcode Discord does not define or a client may not send, or an "
            + "invalid payload for an opcode"),
    DECODE_ERROR(4002, "Decode error", true, "not JSON, not an object, a binary frame, or over 4096 bytes"),
    NOT_AUTHENTICATED(4003, "Not authenticated", true, "a payload other than Heartbeat, Identify or Resume before "
            + "Identify"),
    AUTHENTICATION_FAILED(4004, "Authentication failed", false, "a token no user of the gateway has"),
    ALREADY_AUTHENTICATED(4005, "Already authenticated", true, "a second Identify (or Resume) on one connection"),
    INVALID_SEQ(4007, "Invalid seq", true, "a Resume whose seq is above the last one sent"),
    RATE_LIMITED(4008, "Rate limited", true, "more than the limit of events per window (120 per 60 s)"),
    SESSION_TIMED_OUT(4009, "Session timed out", true, "no Identify within the identify timeout, or no heartbeat "
            + "within interval + grace (the session stays resumable for the window)"),
    INVALID_SHARD(4010, "Invalid shard", false, "a shard other than [0, 1]: this gateway has one shard"),
    SHARDING_REQUIRED(4011, "Sharding required", false, "never: a user session here is never sharded"),
    INVALID_API_VERSION(4012, "Invalid API version", false, "?v= other than 10"),
    INVALID_INTENTS(4013, "Invalid intent(s)", false, "intent bits Discord does not define"),
    DISALLOWED_INTENTS(4014, "Disallowed intent(s)", false, "GUILD_PRESENCES for a user the users file does not "
            + "allow it");

    private final int code;
    private final String description;
    private final boolean reconnect;
    private final String here;

    CloseCode(int code, String description, boolean reconnect, String here) {
        this.code = code;
        this.description = description;
        this.reconnect = reconnect;
        this.here = here;
    }

    public int code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** The docs' Reconnect column: may the client reconnect after it. */
    public boolean reconnect() {
        return reconnect;
    }

    /** When this gateway sends it. */
    public String here() {
        return here;
    }

    /** True for the closes that end a session rather than leave it resumable. */
    public static boolean endsSession(int code) {
        return code == 1000 || code == 1001;
    }
}
