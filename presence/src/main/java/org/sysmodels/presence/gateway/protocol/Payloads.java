package org.sysmodels.presence.gateway.protocol;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.sysmodels.presence.model.presence.Activity;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.Status;

/**
 * Server payloads as JSON text, in the gateway's envelope {@code {op, d, s, t}}: "s and t are null when op is not 0"
 * (gateway-events.mdx, "Payload Structure").
 */
public final class Payloads {

    private static final JsonFactory JSON = new JsonFactory();

    private Payloads() {
    }

    /** Writes one JSON value with a generator. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** A non-dispatch payload: {@code {"op":op,"d":<body>,"s":null,"t":null}}. */
    public static String control(Opcode op, Body d) {
        return json(g -> {
            g.writeStartObject();
            g.writeNumberField("op", op.code());
            g.writeFieldName("d");
            d.write(g);
            g.writeNullField("s");
            g.writeNullField("t");
            g.writeEndObject();
        });
    }

    /** A dispatch: {@code {"op":0,"d":<body>,"s":seq,"t":type}}. */
    public static String dispatch(long seq, String type, Body d) {
        return json(g -> {
            g.writeStartObject();
            g.writeNumberField("op", 0);
            g.writeFieldName("d");
            d.write(g);
            g.writeNumberField("s", seq);
            g.writeStringField("t", type);
            g.writeEndObject();
        });
    }

    /** A dispatch around an already encoded {@code d} (the fan-out encodes one presence once for many sessions). */
    public static String dispatch(long seq, String type, String encodedBody) {
        return "{\"op\":0,\"d\":" + encodedBody + ",\"s\":" + seq + ",\"t\":\"" + type + "\"}";
    }

    private static final byte[] DISPATCH_HEAD = "{\"op\":0,\"d\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEQ_FIELD = ",\"s\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PRESENCE_UPDATE_TAIL = ",\"t\":\"PRESENCE_UPDATE\"}".getBytes(
            StandardCharsets.US_ASCII);

    /**
     * The bytes of {@code dispatch(seq, "PRESENCE_UPDATE", body)} around a body encoded once ({@link #utf8}) for
     * every session it goes to: per session only the envelope and the digits of {@code seq} (non-negative) are
     * written, into one array of the exact size.
     */
    public static byte[] presenceUpdate(long seq, byte[] body) {
        ByteBuf b = Unpooled.wrappedBuffer(new byte[presenceUpdateLength(seq, body)]).clear();
        writePresenceUpdate(b, seq, body);
        return b.array();
    }

    /** The length of {@link #presenceUpdate}'s bytes. */
    public static int presenceUpdateLength(long seq, byte[] body) {
        return DISPATCH_HEAD.length + body.length + SEQ_FIELD.length + digits(seq) + PRESENCE_UPDATE_TAIL.length;
    }

    /** Writes {@link #presenceUpdate}'s bytes into {@code into} (a pooled buffer of the event loop writing them). */
    public static void writePresenceUpdate(ByteBuf into, long seq, byte[] body) {
        into.writeBytes(DISPATCH_HEAD).writeBytes(body).writeBytes(SEQ_FIELD);
        int digits = digits(seq);
        int at = into.writerIndex();
        into.writerIndex(at + digits);
        for (int i = digits - 1; i >= 0; i--, seq /= 10) {
            into.setByte(at + i, (int) ('0' + seq % 10));
        }
        into.writeBytes(PRESENCE_UPDATE_TAIL);
    }

    private static int digits(long seq) {
        int digits = 1;
        for (long v = seq; v >= 10; v /= 10) {
            digits++;
        }
        return digits;
    }

    /** A body's UTF-8 bytes. */
    public static byte[] utf8(String encoded) {
        return encoded.getBytes(StandardCharsets.UTF_8);
    }

    public static String hello(long heartbeatIntervalMs) {
        return control(Opcode.HELLO, g -> {
            g.writeStartObject();
            g.writeNumberField("heartbeat_interval", heartbeatIntervalMs);
            g.writeEndObject();
        });
    }

    public static String heartbeatAck() {
        return control(Opcode.HEARTBEAT_ACK, JsonGenerator::writeNull);
    }

    public static String reconnect() {
        return control(Opcode.RECONNECT, JsonGenerator::writeNull);
    }

    public static String invalidSession(boolean resumable) {
        return control(Opcode.INVALID_SESSION, g -> g.writeBoolean(resumable));
    }

    public static String json(Body body) {
        StringWriter w = new StringWriter(128);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /**
     * A Presence Update event's fields (gateway-events.mdx, "Presence Update Event Fields"): user (only the id is
     * required), guild_id (absent for a friend), status, activities, client_status with only the platforms where the
     * user shows online, idle or dnd.
     */
    public static void presence(JsonGenerator g, Presence p, String userId, String guildId) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("user");
        g.writeStringField("id", userId);
        g.writeEndObject();
        if (guildId != null) {
            g.writeStringField("guild_id", guildId);
        }
        g.writeStringField("status", p.status().wire());
        g.writeArrayFieldStart("activities");
        for (Activity a : p.activities()) {
            g.writeStartObject();
            g.writeStringField("name", a.name());
            g.writeNumberField("type", a.type());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("client_status");
        for (Platform platform : Platform.values()) {
            Optional<Status> s = p.clientStatus().get(platform);
            if (s.isPresent()) {
                g.writeStringField(platform.wire(), s.get().wire());
            }
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    public static String presenceBody(Presence p, String userId, String guildId) {
        return json(g -> presence(g, p, userId, guildId));
    }

    /**
     * {@code utf8(presenceBody(p, userId, guildId))}, byte for byte, written by Jackson's UTF-8 generator straight
     * into bytes: no text, no second copy (the fan-out encodes each change once). The two differ only for a
     * surrogate: the UTF-8 generator escapes an unpaired one as {@code \uD800} where {@link String#getBytes} makes
     * it {@code ?}, so any string with a surrogate takes the text path.
     */
    public static byte[] presenceBodyUtf8(Presence p, String userId, String guildId) {
        if (hasSurrogate(userId) || guildId != null && hasSurrogate(guildId)) {
            return utf8(presenceBody(p, userId, guildId));
        }
        for (int i = 0, n = p.activities().size(); i < n; i++) {
            if (hasSurrogate(p.activities().get(i).name())) {
                return utf8(presenceBody(p, userId, guildId));
            }
        }
        ExactBytes out = new ExactBytes();
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            presence(g, p, userId, guildId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.bytes;
    }

    /**
     * What a generator writes, as one array of exactly its length. Jackson's generator fills a buffer of its own
     * (recycled) and hands it over when closed, in one {@code write} for a body under its size (8,000 bytes): then
     * that is the one copy. A {@link ByteArrayBuilder} of 128 bytes made a first block, a larger second one (and a
     * list node) for a body past 128 bytes, and a final copy: about 1.6 KB per body (the fan-out encodes one per
     * change).
     */
    private static final class ExactBytes extends java.io.OutputStream {
        private static final byte[] NONE = new byte[0];
        byte[] bytes = NONE;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (bytes.length == 0) {
                bytes = java.util.Arrays.copyOfRange(b, off, off + len);
            } else {
                byte[] more = java.util.Arrays.copyOf(bytes, bytes.length + len);
                System.arraycopy(b, off, more, bytes.length, len);
                bytes = more;
            }
        }
    }

    private static boolean hasSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
