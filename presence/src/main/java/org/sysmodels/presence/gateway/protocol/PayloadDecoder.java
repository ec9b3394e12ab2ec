package org.sysmodels.presence.gateway.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sysmodels.presence.model.presence.Activity;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.PresenceUpdate;
import org.sysmodels.presence.model.presence.Status;

/**
 * Decodes a client's text frame into a {@link ClientPayload}, or refuses it with the close code Discord uses for the
 * fault (opcodes-and-status-codes.mdx): over 4096 bytes or not a JSON object with an integer {@code op} → 4002
 * (gateway.mdx, "Sending Events": "must not exceed 4096 bytes ... closed with a 4002"); an opcode Discord does not
 * define or that only the server sends, or an invalid payload for an opcode → 4001.
 */
public final class PayloadDecoder {

    /** The largest payload a client may send (gateway.mdx, "Sending Events"). */
    public static final int MAX_PAYLOAD_BYTES = 4096;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build());
    }

    private PayloadDecoder() {
    }

    public static ClientPayload decode(String text) {
        int bytes = text.length() > MAX_PAYLOAD_BYTES / 3 ? text.getBytes(StandardCharsets.UTF_8).length
                : text.length();
        if (bytes > MAX_PAYLOAD_BYTES) {
            return refuse(CloseCode.DECODE_ERROR, "payload of " + bytes + " bytes is over 4096");
        }
        ClientPayload fast = StreamingDecoder.decode(JSON.getFactory(), text);
        return fast != null ? fast : decodeTree(text);
    }

    /** A direct buffer's payload copied for the parser (one per thread; a payload is at most 4096 bytes). */
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[MAX_PAYLOAD_BYTES];
        }
    };

    /**
     * {@link #decode(String)} of a text frame's UTF-8 (valid: Netty's decoder checks text frames' UTF-8, RFC 6455
     * §8.1): a payload starting with {@code {} takes the streaming path straight from its bytes (no string, no
     * second copy as characters); anything else, and whatever that path leaves, is decoded from its text as before.
     * The bytes of an object start can only be UTF-8 to Jackson's encoding detection, so both paths read the same
     * characters ({@code PayloadDecoderTest} compares them).
     */
    public static ClientPayload decode(ByteBuf content) {
        int n = content.readableBytes();
        int at = content.readerIndex();
        if (n > 0 && n <= MAX_PAYLOAD_BYTES && content.getByte(at) == '{') {
            byte[] bytes;
            int offset;
            if (content.hasArray()) {
                bytes = content.array();
                offset = content.arrayOffset() + at;
            } else {
                bytes = SCRATCH.get();
                offset = 0;
                content.getBytes(at, bytes, 0, n);
            }
            ClientPayload fast = StreamingDecoder.decode(JSON.getFactory(), bytes, offset, n);
            if (fast != null) {
                return fast;
            }
        }
        return decode(content.toString(StandardCharsets.UTF_8));
    }

    /**
     * Jackson's description of a syntax fault without its internals, for a close reason a client's developer reads:
     * no "(start marker at [Source: ...])", no feature names.
     */
    static String problem(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m.startsWith("Duplicate field")) {
            int end = m.indexOf(" for ");
            return "duplicate" + m.substring("Duplicate".length(), end > 0 ? end : m.length());
        }
        m = m.replaceAll(", from `[^`]*`", "");
        for (String internals : new String[] {" (start marker at", "\n", " at [Source"}) {
            int cut = m.indexOf(internals);
            if (cut > 0) {
                m = m.substring(0, cut);
            }
        }
        return m;
    }

    /** The decoder for every payload and every fault: the whole text as a tree, then checks per opcode. */
    static ClientPayload decodeTree(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return refuse(CloseCode.DECODE_ERROR, "not JSON: " + problem(e));
        }
        if (root == null || !root.isObject()) {
            return refuse(CloseCode.DECODE_ERROR, "a payload is a JSON object {op, d}");
        }
        JsonNode op = root.get("op");
        if (op == null || !op.isIntegralNumber() || !op.canConvertToInt()) {
            return refuse(CloseCode.DECODE_ERROR, "op must be an integer");
        }
        Optional<Opcode> opcode = Opcode.of(op.intValue());
        if (opcode.isEmpty() || !opcode.get().clientSends()) {
            return refuse(CloseCode.UNKNOWN_OPCODE, "opcode " + op.intValue() + (opcode.isEmpty()
                    ? " is not a gateway opcode" : " is sent by the server, not by clients"));
        }
        JsonNode d = root.get("d");
        try {
            return switch (opcode.get()) {
                case HEARTBEAT -> heartbeat(d);
                case IDENTIFY -> identify(d);
                case PRESENCE_UPDATE -> new ClientPayload.UpdatePresence(presence(d, "d"));
                case RESUME -> resume(d);
                case REQUEST_GUILD_MEMBERS -> members(d);
                case VOICE_STATE_UPDATE, REQUEST_SOUNDBOARD_SOUNDS, REQUEST_CHANNEL_INFO ->
                        new ClientPayload.NotServed(opcode.get());
                default -> refuse(CloseCode.UNKNOWN_OPCODE, "opcode " + op.intValue() + " is not sent by clients");
            };
        } catch (Invalid e) {
            ClientPayload.Refused refused = new ClientPayload.Refused(CloseCode.UNKNOWN_OPCODE,
                    "invalid " + opcode.get().title() + ": " + e.getMessage());
            return opcode.get() == Opcode.IDENTIFY || opcode.get() == Opcode.RESUME
                    ? new ClientPayload.RefusedStart(refused) : refused;
        }
    }

    private static ClientPayload refuse(CloseCode code, String reason) {
        return new ClientPayload.Refused(code, reason);
    }

    /** An invalid payload for an opcode (closes with 4001). */
    private static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private static ClientPayload heartbeat(JsonNode d) throws Invalid {
        if (d == null || d.isNull()) {
            return new ClientPayload.Heartbeat(null);
        }
        if (!d.isIntegralNumber() || !d.canConvertToLong() || d.longValue() < 0) {
            throw new Invalid("d is the last sequence number (an integer) or null");
        }
        return new ClientPayload.Heartbeat(d.longValue());
    }

    private static ClientPayload identify(JsonNode d) throws Invalid {
        JsonNode obj = object(d, "d");
        String token = string(obj, "token");
        JsonNode props = object(obj.get("properties"), "properties");
        Platform platform = Platform.WEB;
        JsonNode device = props.get("device");
        if (device != null && !device.isNull()) {
            if (!device.isTextual()) {
                throw new Invalid("properties.device must be a string");
            }
            platform = Platform.parse(device.textValue()).orElse(Platform.WEB);
        }
        JsonNode intents = obj.get("intents");
        if (intents == null || !intents.isIntegralNumber() || !intents.canConvertToLong()) {
            throw new Invalid("intents (an integer) is required");
        }
        int large = 50;
        JsonNode lt = obj.get("large_threshold");
        if (lt != null && !lt.isNull()) {
            if (!isInt(lt) || lt.intValue() < 50 || lt.intValue() > 250) {
                throw new Invalid("large_threshold is an integer from 50 to 250");
            }
            large = lt.intValue();
        }
        int[] shard = null;
        JsonNode sh = obj.get("shard");
        if (sh != null && !sh.isNull()) {
            if (!sh.isArray() || sh.size() != 2 || !isInt(sh.get(0)) || !isInt(sh.get(1))) {
                throw new Invalid("shard is [shard_id, num_shards]");
            }
            shard = new int[] {sh.get(0).intValue(), sh.get(1).intValue()};
        }
        JsonNode compress = obj.get("compress");
        if (compress != null && !compress.isNull() && !compress.isBoolean()) {
            throw new Invalid("compress is a boolean");
        }
        JsonNode p = obj.get("presence");
        PresenceUpdate presence = p == null || p.isNull() ? null : presence(p, "presence");
        return new ClientPayload.Identify(token, platform, intents.longValue(), large, shard, presence);
    }

    private static PresenceUpdate presence(JsonNode d, String where) throws Invalid {
        JsonNode obj = object(d, where);
        String statusText = string(obj, "status");
        Status status = Status.parse(statusText).orElseThrow(() -> new Invalid(where + ".status \"" + statusText
                + "\" is not online, dnd, idle, invisible or offline"));
        Long since = null;
        JsonNode s = obj.get("since");
        if (s != null && !s.isNull()) {
            if (!s.isIntegralNumber() || !s.canConvertToLong()) {
                throw new Invalid(where + ".since is Unix time in ms or null");
            }
            since = s.longValue();
        }
        JsonNode afk = obj.get("afk");
        if (afk != null && !afk.isNull() && !afk.isBoolean()) {
            throw new Invalid(where + ".afk is a boolean");
        }
        List<Activity> activities = new ArrayList<>();
        JsonNode acts = obj.get("activities");
        if (acts != null && !acts.isNull()) {
            if (!acts.isArray()) {
                throw new Invalid(where + ".activities is an array");
            }
            for (JsonNode a : acts) {
                JsonNode ao = object(a, where + ".activities[]");
                String name = string(ao, "name");
                JsonNode type = ao.get("type");
                if (type == null || !isInt(type) || type.intValue() < 0 || type.intValue() > Activity.MAX_TYPE) {
                    throw new Invalid(where + ".activities[].type is an integer 0 to " + Activity.MAX_TYPE);
                }
                activities.add(new Activity(name, type.intValue()));
            }
        }
        return new PresenceUpdate(since, activities, status, afk != null && afk.asBoolean());
    }

    private static ClientPayload resume(JsonNode d) throws Invalid {
        JsonNode obj = object(d, "d");
        JsonNode seq = obj.get("seq");
        if (seq == null || !seq.isIntegralNumber() || !seq.canConvertToLong()) {
            throw new Invalid("seq (an integer) is required");
        }
        return new ClientPayload.Resume(string(obj, "token"), string(obj, "session_id"), seq.longValue());
    }

    private static ClientPayload members(JsonNode d) throws Invalid {
        JsonNode obj = object(d, "d");
        String guild = snowflake(obj.get("guild_id"), "guild_id");
        JsonNode q = obj.get("query");
        JsonNode ids = obj.get("user_ids");
        if ((q == null || q.isNull()) == (ids == null || ids.isNull())) {
            throw new Invalid("give one of query or user_ids");
        }
        List<String> userIds = new ArrayList<>();
        String query = null;
        int limit = 0;
        if (ids != null && !ids.isNull()) {
            if (ids.isArray()) {
                for (JsonNode id : ids) {
                    userIds.add(snowflake(id, "user_ids[]"));
                }
            } else {
                userIds.add(snowflake(ids, "user_ids"));
            }
        } else {
            if (!q.isTextual()) {
                throw new Invalid("query is a string");
            }
            query = q.textValue();
            JsonNode l = obj.get("limit");
            if (l == null || !l.isIntegralNumber() || l.bigIntegerValue().signum() < 0) {
                throw new Invalid("limit (an integer ≥ 0) is required with query");
            }
            // more than an int can count is more than any guild has: every member
            limit = isInt(l) ? l.intValue() : Integer.MAX_VALUE;
        }
        JsonNode pres = obj.get("presences");
        JsonNode nonce = obj.get("nonce");
        // "Nonce can only be up to 32 bytes. If you send an invalid nonce it will be ignored" (discord-api-docs,
        // gateway-events.mdx "Request Guild Members"): bytes of UTF-8, not characters
        String n = nonce != null && nonce.isTextual()
                && nonce.textValue().getBytes(StandardCharsets.UTF_8).length <= 32 ? nonce.textValue() : null;
        return new ClientPayload.RequestGuildMembers(guild, query, limit, pres != null && pres.asBoolean(), userIds, n);
    }

    /** An integer an int holds: {@code intValue()} of a larger one keeps only its low 32 bits (2^32 + 1 → 1). */
    private static boolean isInt(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToInt();
    }

    private static JsonNode object(JsonNode n, String where) throws Invalid {
        if (n == null || !n.isObject()) {
            throw new Invalid(where + " must be an object");
        }
        return n;
    }

    private static String string(JsonNode obj, String field) throws Invalid {
        JsonNode n = obj.get(field);
        if (n == null || !n.isTextual()) {
            throw new Invalid(field + " (a string) is required");
        }
        return n.textValue();
    }

    /** A {@link Snowflake}, sent as a string of digits or a JSON integer. */
    private static String snowflake(JsonNode n, String field) throws Invalid {
        String text = n == null ? null : n.isTextual() ? n.textValue() : n.isIntegralNumber() ? n.asText() : null;
        if (!Snowflake.is(text)) {
            throw new Invalid(field + " is a snowflake (a string of digits, at most 2^64 - 1)");
        }
        return text;
    }
}
