package org.sysmodels.presence.gateway.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.sysmodels.presence.model.presence.Activity;
import org.sysmodels.presence.model.presence.PresenceUpdate;
import org.sysmodels.presence.model.presence.Status;

/**
 * The fast path of {@link PayloadDecoder} for the two payloads every client sends over and over, Heartbeat (op 1)
 * and Update Presence (op 3): one pass over the text with Jackson's streaming parser, no tree. It accepts only the
 * plain valid shape ({@code op} first, then {@code d}, optional {@code s}/{@code t} scalars, no repeated or unknown
 * keys, nothing after the object) and answers null for anything else, which the tree decoder then decodes or refuses
 * with its exact close code and reason: the fast path can only agree with it (PayloadDecoderTest checks that).
 */
final class StreamingDecoder {

    private static final int OP = 1;
    private static final int D = 2;
    private static final int S = 4;
    private static final int T = 8;

    private StreamingDecoder() {
    }

    /** The payload, or null when {@code text} is not the plain shape of a valid op 1 or op 3. */
    static ClientPayload decode(JsonFactory json, String text) {
        try (JsonParser p = json.createParser(text)) {
            return decode(p);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@link #decode(JsonFactory, String)} of UTF-8 JSON {@code bytes[offset, offset + length)}. */
    static ClientPayload decode(JsonFactory json, byte[] bytes, int offset, int length) {
        try (JsonParser p = json.createParser(bytes, offset, length)) {
            return decode(p);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static ClientPayload decode(JsonParser p) {
        try {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            int seen = 0;
            int op = -1;
            ClientPayload payload = null;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                if (t != JsonToken.FIELD_NAME) {
                    return null;
                }
                int key = switch (p.currentName()) {
                    case "op" -> OP;
                    case "d" -> D;
                    case "s" -> S;
                    case "t" -> T;
                    default -> 0;
                };
                if (key == 0 || (seen & key) != 0) {
                    return null;
                }
                seen |= key;
                JsonToken v = p.nextToken();
                if (key == OP) {
                    if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                        return null;
                    }
                    op = p.getIntValue();
                    if (op != 1 && op != 3) {
                        return null;
                    }
                } else if (key == D) {
                    if (op < 0) {
                        return null;
                    }
                    payload = op == 1 ? heartbeat(p, v) : presence(p, v);
                    if (payload == null) {
                        return null;
                    }
                } else if (!v.isScalarValue()) {
                    return null;
                }
            }
            return payload != null && p.nextToken() == null ? payload : null;
        } catch (IOException | RuntimeException e) {
            // not JSON, too deep, too long a number...: the tree decoder says which
            return null;
        }
    }

    private static ClientPayload heartbeat(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return new ClientPayload.Heartbeat(null);
        }
        if (!isLong(p, v) || p.getLongValue() < 0) {
            return null;
        }
        return new ClientPayload.Heartbeat(p.getLongValue());
    }

    private static boolean isLong(JsonParser p, JsonToken v) throws IOException {
        return v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
    }

    private static ClientPayload presence(JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.START_OBJECT) {
            return null;
        }
        boolean seenSince = false;
        boolean seenAfk = false;
        Long since = null;
        Status status = null;
        Boolean afk = null;
        List<Activity> activities = null;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "since" -> {
                    if (seenSince) {
                        return null;
                    }
                    seenSince = true;
                    if (value != JsonToken.VALUE_NULL) {
                        if (!isLong(p, value)) {
                            return null;
                        }
                        since = p.getLongValue();
                    }
                }
                case "status" -> {
                    if (status != null || value != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    status = Status.parse(p.getText()).orElse(null);
                    if (status == null) {
                        return null;
                    }
                }
                case "afk" -> {
                    if (seenAfk) {
                        return null;
                    }
                    seenAfk = true;
                    if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
                        afk = value == JsonToken.VALUE_TRUE;
                    } else if (value != JsonToken.VALUE_NULL) {
                        return null;
                    }
                }
                case "activities" -> {
                    if (activities != null) {
                        return null;
                    }
                    if (value == JsonToken.VALUE_NULL) {
                        activities = new ArrayList<>();
                    } else {
                        activities = activities(p, value);
                        if (activities == null) {
                            return null;
                        }
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        if (status == null) {
            return null;
        }
        return new ClientPayload.UpdatePresence(new PresenceUpdate(since, activities == null ? List.of() : activities,
                status, afk != null && afk));
    }

    private static List<Activity> activities(JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.START_ARRAY) {
            return null;
        }
        List<Activity> out = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.START_OBJECT) {
                return null;
            }
            String name = null;
            int type = -1;
            for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                if (key.equals("name") && name == null && value == JsonToken.VALUE_STRING) {
                    name = p.getText();
                } else if (key.equals("type") && type < 0 && value == JsonToken.VALUE_NUMBER_INT
                        && p.getNumberType() == JsonParser.NumberType.INT && p.getIntValue() >= 0
                        && p.getIntValue() <= Activity.MAX_TYPE) {
                    type = p.getIntValue();
                } else {
                    return null;
                }
            }
            if (name == null || type < 0) {
                return null;
            }
            out.add(new Activity(name, type));
        }
        return out;
    }
}
