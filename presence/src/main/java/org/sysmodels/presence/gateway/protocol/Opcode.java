package org.sysmodels.presence.gateway.protocol;

import java.util.Optional;

/**
 * Gateway opcodes (discord-api-docs, developers/topics/opcodes-and-status-codes.mdx, "Gateway Opcodes"), with what
 * this presence gateway does with each. Discord also has opcodes a presence service does not serve (4, 31, 43): they
 * are valid, so they are accepted and ignored (counted against the rate limit, answered with nothing), not closed
 * with 4001, which Discord would not send for them.
 */
public enum Opcode {
    DISPATCH(0, "Dispatch", Direction.RECEIVE, "PRESENCE_UPDATE, READY, GUILD_CREATE, RESUMED, GUILD_MEMBERS_CHUNK"),
    HEARTBEAT(1, "Heartbeat", Direction.BOTH, "answered with Heartbeat ACK; renews the session's deadline"),
    IDENTIFY(2, "Identify", Direction.SEND, "token from the users file → READY, then one GUILD_CREATE per guild"),
    PRESENCE_UPDATE(3, "Presence Update", Direction.SEND, "sets this session's status and activities"),
    VOICE_STATE_UPDATE(4, "Voice State Update", Direction.SEND, "not served: accepted and ignored"),
    RESUME(6, "Resume", Direction.SEND, "replays missed dispatches in order, then RESUMED"),
    RECONNECT(7, "Reconnect", Direction.RECEIVE, "sent before the server closes a connection it wants moved"),
    REQUEST_GUILD_MEMBERS(8, "Request Guild Members", Direction.SEND,
            "answered with GUILD_MEMBERS_CHUNK of the guild's members and, if asked, their presences"),
    INVALID_SESSION(9, "Invalid Session", Direction.RECEIVE, "d = false: identify anew; d = true: resume again"),
    HELLO(10, "Hello", Direction.RECEIVE, "sent on connect with heartbeat_interval"),
    HEARTBEAT_ACK(11, "Heartbeat ACK", Direction.RECEIVE, "the answer to every Heartbeat"),
    REQUEST_SOUNDBOARD_SOUNDS(31, "Request Soundboard Sounds", Direction.SEND, "not served: accepted and ignored"),
    REQUEST_CHANNEL_INFO(43, "Request Channel Info", Direction.SEND, "not served: accepted and ignored");

    /** Who sends the opcode, from the client's side (the docs' "Client Action" column). */
    public enum Direction {
        SEND,
        RECEIVE,
        BOTH
    }

    private final int code;
    private final String title;
    private final Direction direction;
    private final String here;

    Opcode(int code, String title, Direction direction, String here) {
        this.code = code;
        this.title = title;
        this.direction = direction;
        this.here = here;
    }

    public int code() {
        return code;
    }

    public String title() {
        return title;
    }

    public Direction direction() {
        return direction;
    }

    /** What this gateway does with it. */
    public String here() {
        return here;
    }

    /** True if a client may send it. */
    public boolean clientSends() {
        return direction != Direction.RECEIVE;
    }

    public static Optional<Opcode> of(int code) {
        for (Opcode o : values()) {
            if (o.code == code) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
