package org.sysmodels.presence.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.sysmodels.presence.model.presence.Activity;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Status;

/**
 * One change of the cluster's log (a Redis stream) or one session record: a session's whole state as its holder set
 * it ({@link Upsert}), or its end ({@link Ended}). Each carries the whole state, so applying one twice, or over a
 * snapshot that already has it, changes nothing. An entry's fields have short names (the scripts write them):
 * {@code k} kind, {@code w} the node that wrote the entry, and by kind:
 * <ul>
 *   <li>{@code batch} (write.lua): {@code b} the sessions of one write call, heads and states in
 *       {@link StateBytes}'s layout; the writer holds every one of them;</li>
 *   <li>{@code up} (takeover.lua): {@code sid} the session, then its record's fields;</li>
 *   <li>{@code end} (end.lua, sweep.lua): {@code sid} the session.</li>
 * </ul>
 * A session's record (a hash) has {@code n} the node holding the session, {@code g} its generation (one more each
 * time another node takes it over) and {@code r} its state ({@link StateBytes}). Values are bytes: Lettuce hands them
 * over undecoded ({@link RedisLink}).
 */
sealed interface LogEntry {

    /** The node that wrote the entry (a node skips its own: it applied them when it wrote them). */
    String writer();

    String sessionId();

    /** A session's state, as its holder set it; {@code flags} are its Identify's intents ({@link SessionFlags}). */
    record Upsert(String sessionId, String writer, String node, long gen, int user, Platform platform,
                  int flags, Status status, List<Activity> activities, long at) implements LogEntry {

        boolean guildPresences() {
            return SessionFlags.guildPresences(flags);
        }
    }

    /** The session ended: closed, its resume window over, or its key expired because its node stopped renewing it. */
    record Ended(String sessionId, String writer) implements LogEntry {
    }

    /** An entry or record that does not parse (another program's, or another version's); skipped and counted. */
    final class Malformed extends IllegalArgumentException {
        Malformed(String message) {
            super(message);
        }
    }

    /** The writer of a log entry ({@code w}), null if it has none. */
    static String writer(Map<String, byte[]> f) {
        byte[] w = f.get("w");
        return w == null ? null : text(w);
    }

    /**
     * Every change a log entry carries, in order: one per session for kind {@code batch}, one for kinds {@code up}
     * and {@code end}; {@code users} bounds the user index. A malformed session makes the whole entry malformed.
     */
    static List<? extends LogEntry> parseAll(Map<String, byte[]> f, int users) {
        return parseAll(f, users, StateBytes.Ids.NONE);
    }

    /** {@link #parseAll(Map, int)}, taking the session ids {@code ids} knows from a batch instead of decoding them. */
    static List<? extends LogEntry> parseAll(Map<String, byte[]> f, int users, StateBytes.Ids ids) {
        String kind = text(require(f, "k"));
        String writer = text(require(f, "w"));
        switch (kind) {
            case "batch" -> {
                return StateBytes.batch(writer, require(f, "b"), users, ids);
            }
            case "end" -> {
                return List.of(new Ended(text(require(f, "sid")), writer));
            }
            case "up" -> {
                return List.of(upsert(text(require(f, "sid")), writer, f, users));
            }
            default -> throw new Malformed("unknown entry kind " + kind + " (a node of another version?)");
        }
    }

    /** A session's record (HGETALL of its key) as the upsert it stands for. */
    static Upsert record(String sessionId, Map<String, byte[]> f, int users) {
        return upsert(sessionId, text(require(f, "n")), f, users);
    }

    private static Upsert upsert(String sid, String writer, Map<String, byte[]> f, int users) {
        try {
            return StateBytes.upsert(require(f, "r"), sid, writer, text(require(f, "n")),
                    Long.parseLong(text(require(f, "g"))), users);
        } catch (NumberFormatException e) {
            throw new Malformed("not a number: " + e.getMessage());
        }
    }

    private static byte[] require(Map<String, byte[]> f, String field) {
        byte[] v = f.get(field);
        if (v == null) {
            throw new Malformed("no field " + field);
        }
        return v;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
