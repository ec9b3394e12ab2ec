package org.sysmodels.presence.gateway.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.sysmodels.core.testing.Props;
import static org.quicktheories.generators.SourceDSL.longs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming fast path of {@link PayloadDecoder} against its tree decoder: for heartbeats and presence updates,
 * valid and broken in many ways (repeated or unknown keys, wrong types, keys in another order, trailing text), the
 * decoder's answer is the tree decoder's, refusals included.
 */
class PayloadDecoderTest {

    private static final com.fasterxml.jackson.core.JsonFactory JSON = new com.fasterxml.jackson.core.JsonFactory();
    private static final String[] OPS = {"1", "3", "2", "0", "99", "-1", "1.0", "\"1\"", "null",
        "4294967297"};
    private static final String[] HEARTBEAT_D = {"null", "0", "42", "-5", "9223372036854775807",
        "99999999999999999999", "\"x\"", "{}", "1.5", "true", "[]"};
    private static final String[] SINCE = {"null", "123", "-1", "\"a\"", "1.5", "1700000000000", "[]"};
    private static final String[] STATUS = {"\"online\"", "\"dnd\"", "\"idle\"", "\"invisible\"", "\"offline\"",
        "\"bad\"", "null", "5", "\"ONLINE\"", "\"on\\u006cine\""};
    private static final String[] AFK = {"true", "false", "null", "1", "\"true\""};
    private static final String[] ACTIVITIES = {"null", "[]", "[{\"name\":\"a\",\"type\":0}]",
        "[{\"name\":\"load 1/0\",\"type\":5},{\"type\":1,\"name\":\"b\"}]", "[{\"name\":\"a\",\"type\":6}]",
        "[{\"type\":0}]", "[{\"name\":1,\"type\":0}]", "[{\"name\":\"a\",\"type\":0,\"url\":\"u\"}]", "{}", "[1]",
        "[{\"name\":\"a\",\"name\":\"b\",\"type\":0}]", "[{\"name\":\"a\",\"type\":4294967296}]",
        "[{\"name\":\"a\",\"type\":-1}]", "[{\"name\":null,\"type\":0}]", "[[]]"};
    private static final String[] TRAILING = {"", " ", "\n", "x", "}", " {}", "]"};
    private static final String[] SCALARS = {"null", "1", "\"x\"", "true", "{}", "[]"};

    @Test
    void theStreamingPathAnswersAsTheTreeDecoder() {
        int[] fast = new int[2];
        Props.property().withExamples(4_000).forAll(longs().all()).checkAssert(seed -> {
            String text = payload(new Random(seed));
            assertEquals(PayloadDecoder.decodeTree(text), PayloadDecoder.decode(text), text);
            fast[StreamingDecoder.decode(JSON, text) == null ? 0 : 1]++;
        });
        // the generator reaches both paths (else the comparison says nothing about the fast one)
        assertTrue(fast[1] > fast[0] / 20 && fast[0] > fast[1] / 20, () -> Arrays.toString(fast));
    }

    /**
     * Request Guild Members names guilds and users by snowflake: a string that is not one (letters, a sign, past
     * 2^64 - 1) or a negative integer is an invalid payload for the opcode (4001), as the decoder's message says; it
     * was taken as an id.
     */
    @Test
    void requestGuildMembersTakesOnlySnowflakes() {
        String members = "{\"op\":8,\"d\":{\"guild_id\":%s,\"query\":\"\",\"limit\":0}}";
        for (String bad : new String[] {"\"abc\"", "\"-5\"", "\"+5\"", "-5", "\"18446744073709551616\"", "\"\"",
                "\" 9001\"", "1.5"}) {
            assertEquals(CloseCode.UNKNOWN_OPCODE, assertInstanceOf(ClientPayload.Refused.class,
                    PayloadDecoder.decode(members.formatted(bad))).code(), "guild_id " + bad);
        }
        for (String good : new String[] {"\"9001\"", "9001", "\"18446744073709551615\""}) {
            assertInstanceOf(ClientPayload.RequestGuildMembers.class, PayloadDecoder.decode(members.formatted(good)),
                    "guild_id " + good);
        }
        assertEquals(CloseCode.UNKNOWN_OPCODE, assertInstanceOf(ClientPayload.Refused.class, PayloadDecoder.decode(
                "{\"op\":8,\"d\":{\"guild_id\":\"9001\",\"user_ids\":[\"1\",\"x\"]}}")).code(), "user_ids");
    }

    /** An integer past the field's range is refused or capped, never cut to its low 32 bits (2^32 + 1 read as 1). */
    @Test
    void integersBeyondIntAreNotTruncated() {
        String identify = "{\"op\":2,\"d\":{\"token\":\"t\",\"properties\":{},\"intents\":1,\"shard\":[%s,1]}}";
        assertEquals(CloseCode.UNKNOWN_OPCODE, assertInstanceOf(ClientPayload.RefusedStart.class,
                PayloadDecoder.decode(identify.formatted("4294967296"))).refused().code(), "shard 2^32 is not shard 0");
        assertEquals(CloseCode.UNKNOWN_OPCODE, assertInstanceOf(ClientPayload.RefusedStart.class,
                PayloadDecoder.decode("{\"op\":2,\"d\":{\"token\":\"t\",\"properties\":{},\"intents\":1,"
                + "\"large_threshold\":18446744073709551716}}")).refused().code(), "large_threshold 2^64 + 100 is not 100");
        assertEquals(CloseCode.UNKNOWN_OPCODE, assertInstanceOf(ClientPayload.Refused.class, PayloadDecoder.decode(
                "{\"op\":3,\"d\":{\"since\":null,\"activities\":[{\"name\":\"a\",\"type\":4294967296}],"
                + "\"status\":\"online\",\"afk\":false}}")).code(), "activity type 2^32 is not type 0");
        String members = "{\"op\":8,\"d\":{\"guild_id\":\"9001\",\"query\":\"\",\"limit\":%s}}";
        for (String big : new String[] {"4294967297", "2147483648", "99999999999999999999"}) {
            assertEquals(Integer.MAX_VALUE, assertInstanceOf(ClientPayload.RequestGuildMembers.class,
                    PayloadDecoder.decode(members.formatted(big))).limit(), "limit " + big + " asks for every member");
        }
    }

    @Test
    void aSyntaxFaultsCloseReasonHasNoParserInternals() {
        assertEquals(new ClientPayload.Refused(CloseCode.DECODE_ERROR,
                "not JSON: Unexpected end-of-input: expected close marker for Object"), PayloadDecoder.decode("{"));
        assertEquals(new ClientPayload.Refused(CloseCode.DECODE_ERROR, "not JSON: duplicate field 'op'"),
                PayloadDecoder.decode("{\"op\": 2, \"op\": 3}"));
        ClientPayload deep = PayloadDecoder.decode("{\"op\": 1, \"d\": " + "[".repeat(20) + "]".repeat(20) + "}");
        String reason = assertInstanceOf(ClientPayload.Refused.class, deep).reason();
        assertTrue(reason.startsWith("not JSON: Document nesting depth") && !reason.contains("StreamReadConstraints"),
                reason);
    }

    @Test
    void aFramesBytesDecodeAsItsText() {
        // heap (with an offset into its array) and direct buffers, the payload not at the buffer's start
        Props.property().withExamples(4_000).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            // names past ASCII: 2 and 4-byte UTF-8, escaped pairs and a lone escaped surrogate
            String name = new String[] {"\"a\"", "\"caf\u00e9 \uD83C\uDFAE\"", "\"\\ud83c\\udfae x\"",
                "\"\\ud800\""}[r.nextInt(4)];
            String text = (r.nextInt(8) == 0 ? " " : "") + payload(r).replace("\"a\"", name);
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            ByteBuf heap = Unpooled.wrappedBuffer(new byte[3 + utf8.length + 2]).slice(1, 2 + utf8.length + 1);
            heap.writerIndex(0).writeBytes(new byte[] {'x', 'y'}).writeBytes(utf8).readerIndex(2);
            ByteBuf direct = Unpooled.directBuffer(utf8.length + 4).writeBytes(new byte[] {'{', '{'}).writeBytes(utf8)
                    .readerIndex(2);
            try {
                ClientPayload expected = PayloadDecoder.decode(text);
                assertEquals(expected, PayloadDecoder.decode(heap), text);
                assertEquals(expected, PayloadDecoder.decode(direct), text);
                assertEquals(2, heap.readerIndex(), "the frame is not consumed");
            } finally {
                direct.release();
            }
        });
    }

    @Test
    void theLoadGeneratorsPayloadsTakeTheFastPath() {
        String update = "{\"op\":3,\"d\":{\"since\":null,\"activities\":[{\"name\":\"load 123/1\",\"type\":0}],"
                + "\"status\":\"dnd\",\"afk\":false}}";
        assertInstanceOf(ClientPayload.UpdatePresence.class, StreamingDecoder.decode(JSON, update));
        assertEquals(new ClientPayload.Heartbeat(7L), StreamingDecoder.decode(JSON, "{\"op\":1,\"d\":7}"));
    }

    private static String payload(Random r) {
        List<String> fields = new ArrayList<>();
        String op = pick(r, OPS, 2);
        fields.add("\"op\":" + op);
        String d = op.equals("1") || r.nextInt(4) == 0 ? pick(r, HEARTBEAT_D, 3) : presence(r);
        if (r.nextInt(16) != 0) {
            fields.add("\"d\":" + d);
        }
        if (r.nextInt(3) == 0) {
            fields.add("\"s\":" + pick(r, SCALARS, 4));
        }
        if (r.nextInt(3) == 0) {
            fields.add("\"t\":" + pick(r, SCALARS, 4));
        }
        if (r.nextInt(10) == 0) {
            fields.add("\"x\":" + pick(r, SCALARS, 4));
        }
        if (r.nextInt(16) == 0) {
            fields.add(fields.get(r.nextInt(fields.size())));
        }
        if (r.nextInt(8) == 0) {
            Collections.shuffle(fields, r);
        }
        return "{" + String.join(",", fields) + "}" + pick(r, TRAILING, 3);
    }

    private static String presence(Random r) {
        List<String> fields = new ArrayList<>(Arrays.asList("\"since\":" + pick(r, SINCE, 3),
                "\"activities\":" + pick(r, ACTIVITIES, 4), "\"status\":" + pick(r, STATUS, 5), "\"afk\":" + pick(r, AFK, 3)));
        for (int i = 0, n = r.nextInt(3); i < n && fields.size() > 1; i++) {
            if (r.nextInt(3) == 0) {
                fields.remove(r.nextInt(fields.size()));
            }
        }
        if (r.nextInt(16) == 0) {
            fields.add("\"game\":" + pick(r, SCALARS, 4));
        }
        if (r.nextInt(16) == 0) {
            fields.add(fields.get(r.nextInt(fields.size())));
        }
        Collections.shuffle(fields, r);
        return "{" + String.join(",", fields) + "}";
    }

    /** Mostly (3 in 4) one of the first {@code valid} values, else any. */
    private static String pick(Random r, String[] from, int valid) {
        return from[r.nextInt(r.nextInt(4) == 0 ? from.length : valid)];
    }
}
