package org.sysmodels.presence.cluster.redis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sysmodels.presence.model.presence.Activity;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Status;

/**
 * One entry of the cluster's log (a Redis stream) or one session record: a session's whole state as its holder set
 * it ({@link Upsert}), or its end ({@link Ended}). Each entry carries the whole state, so applying one twice, or
 * over a snapshot that already has it, changes nothing. Fields are short names (the scripts write them):
 * {@code k} kind, {@code sid} session id, {@code w} the node that wrote the entry, {@code n} the node holding the
 * session, {@code g} its generation (one more each time another node takes it over), {@code u} user index,
 * {@code p} platform, {@code f} flags (1: guild presences), {@code s} status, {@code a} activities (JSON, empty for
 * none), {@code t} when the status was set (ns on the holder's wall clock). A node's writes of one turn come as one
 * entry of kind {@code ups} ({@link #parseAll}): {@code w} the node (which holds every session in it) and {@code b}
 * one line per session (write.lua says the layout).
 */
sealed interface LogEntry {

    /** The node that wrote the entry (a node skips its own: it applied them when it wrote them). */
    String writer();

    String sessionId();

    /** A session's state, as its holder set it. */
    record Upsert(String sessionId, String writer, String node, long gen, int user, Platform platform,
                  boolean guildPresences, Status status, List<Activity> activities, long at) implements LogEntry {
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

    JsonFactory STREAMING = new JsonFactory();

    /**
     * Every change a log entry carries, in order: one for kinds {@code up} and {@code end}, one per line for
     * {@code ups}; {@code users} bounds the user index. A malformed line makes the whole entry malformed.
     */
    static List<LogEntry> parseAll(Map<String, String> f, int users) {
        if (!"ups".equals(f.get("k"))) {
            return List.of(parse(f, users));
        }
        String writer = require(f, "w");
        String body = require(f, "b");
        List<LogEntry> out = new ArrayList<>();
        int from = 0;
        while (from <= body.length()) {
            int nl = body.indexOf('\n', from);
            int to = nl < 0 ? body.length() : nl;
            out.add(line(writer, body, from, to, users));
            from = to + 1;
        }
        return out;
    }

    /** One line of an {@code ups} entry: sid, gen, user, platform, flags, status, activities, at (tab-separated). */
    private static Upsert line(String writer, String body, int from, int to, int users) {
        String[] v = new String[8];
        int at = from;
        for (int i = 0; i < 8; i++) {
            int tab = i == 7 ? to : body.indexOf('\t', at);
            if (tab < 0 || tab > to) {
                throw new Malformed("an ups line has " + (i + 1) + " fields, not 8");
            }
            v[i] = body.substring(at, tab);
            at = tab + 1;
        }
        try {
            int user = Integer.parseInt(v[2]);
            if (user < 0 || user >= users) {
                throw new Malformed("user " + user + " is not in this node's world of " + users);
            }
            int p = Integer.parseInt(v[3]);
            int s = Integer.parseInt(v[5]);
            if (p < 0 || p >= Platform.count() || s < 0 || s >= Status.values().length) {
                throw new Malformed("platform " + p + " or status " + s + " out of range");
            }
            return new Upsert(v[0], writer, writer, Long.parseLong(v[1]), user, Platform.ofOrdinal(p),
                    (Integer.parseInt(v[4]) & 1) != 0, Status.ofOrdinal(s), activities(v[6]), Long.parseLong(v[7]));
        } catch (NumberFormatException e) {
            throw new Malformed("not a number: " + e.getMessage());
        }
    }

    /** Parses a log entry's fields ({@code up} or {@code end}); {@code users} bounds the user index. */
    static LogEntry parse(Map<String, String> f, int users) {
        String kind = f.get("k");
        String sid = require(f, "sid");
        String writer = require(f, "w");
        if ("end".equals(kind)) {
            return new Ended(sid, writer);
        }
        if (!"up".equals(kind)) {
            throw new Malformed("unknown entry kind " + kind);
        }
        return upsert(sid, writer, f, users);
    }

    /** A session's record (HGETALL of its key) as the upsert it stands for. */
    static Upsert record(String sessionId, Map<String, String> f, int users) {
        return upsert(sessionId, require(f, "n"), f, users);
    }

    private static Upsert upsert(String sid, String writer, Map<String, String> f, int users) {
        try {
            int user = Integer.parseInt(require(f, "u"));
            if (user < 0 || user >= users) {
                throw new Malformed("user " + user + " is not in this node's world of " + users);
            }
            int p = Integer.parseInt(require(f, "p"));
            int s = Integer.parseInt(require(f, "s"));
            if (p < 0 || p >= Platform.count() || s < 0 || s >= Status.values().length) {
                throw new Malformed("platform " + p + " or status " + s + " out of range");
            }
            return new Upsert(sid, writer, require(f, "n"), Long.parseLong(require(f, "g")), user,
                    Platform.ofOrdinal(p), (Integer.parseInt(require(f, "f")) & 1) != 0, Status.ofOrdinal(s),
                    activities(f.getOrDefault("a", "")), Long.parseLong(require(f, "t")));
        } catch (NumberFormatException e) {
            throw new Malformed("not a number: " + e.getMessage());
        }
    }

    private static String require(Map<String, String> f, String field) {
        String v = f.get(field);
        if (v == null) {
            throw new Malformed("no field " + field);
        }
        return v;
    }

    /**
     * Activities as the log carries them: empty for none, else a JSON array of {name, type}. Written by hand around
     * Jackson's string quoting ({@link JsonStringEncoder}, RFC 8259 section 7: no raw tab or newline survives, which
     * the batch lines rely on), read with Jackson's streaming parser: every change of every node passes here, and a
     * generator per change cost more than the rest of the write.
     */
    static String encode(List<Activity> activities) {
        if (activities.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(32 * activities.size());
        b.append('[');
        for (int i = 0; i < activities.size(); i++) {
            Activity x = activities.get(i);
            b.append(i == 0 ? "{\"name\":\"" : ",{\"name\":\"");
            QUOTE.quoteAsString(x.name(), b);
            b.append("\",\"type\":").append(x.type()).append('}');
        }
        return b.append(']').toString();
    }

    JsonStringEncoder QUOTE = JsonStringEncoder.getInstance();

    static List<Activity> activities(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        try (JsonParser p = STREAMING.createParser(text)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new Malformed("activities: not a JSON array");
            }
            List<Activity> out = new ArrayList<>(2);
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t != JsonToken.START_OBJECT) {
                    throw new Malformed("activities: an element is not an object");
                }
                String name = "";
                int type = 0;
                for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
                    if (f != JsonToken.FIELD_NAME) {
                        throw new Malformed("activities: unexpected " + f);
                    }
                    String field = p.currentName();
                    if (p.nextToken().isStructStart()) {
                        p.skipChildren();
                    } else if (field.equals("name")) {
                        name = p.getValueAsString("");
                    } else if (field.equals("type")) {
                        type = p.getValueAsInt(0);
                    }
                }
                out.add(new Activity(name, type));
            }
            return out;
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new Malformed("activities: " + e.getMessage());
        }
    }
}
