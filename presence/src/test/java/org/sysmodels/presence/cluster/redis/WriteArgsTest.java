package org.sysmodels.presence.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;
import org.sysmodels.core.testing.Props;

import io.lettuce.core.output.NestedMultiOutput;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.sysmodels.presence.model.presence.Activity;

/**
 * write.lua's call as {@link WriteArgs} encodes it is byte for byte the call Lettuce's {@link CommandArgs} encodes
 * from the same arguments (the keys as strings, the head from {@link StateBytes#head}), the way the call was built
 * before.
 */
class WriteArgsTest {

    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    /** The call as it was built with Lettuce's arguments. */
    private static byte[] reference(String node, List<RedisLink.Write> writes) {
        Utf8Codec codec = new Utf8Codec();
        CommandArgs<String, String> args = new CommandArgs<>(codec).add(SHA).add(writes.size() + 2);
        for (RedisLink.Write w : writes) {
            args.addKey(Keys.session(w.sid()));
        }
        args.addKey(Keys.DUE).addKey(Keys.LOG).addValue(node).add(RedisLink.LOG_CAP).addValue(Keys.SESSION_PREFIX);
        for (RedisLink.Write w : writes) {
            byte[] head = w.state().length == 0 ? new byte[0] : StateBytes.head(w.sid(), w.gen(), w.state().length);
            args.add(w.mode()).add(w.gen()).add(w.ttlMs()).add(head).add(w.state());
        }
        return encode(args);
    }

    private static byte[] encode(CommandArgs<String, String> args) {
        Command<String, String, List<Object>> c = new Command<>(CommandType.EVALSHA,
                new NestedMultiOutput<>(new Utf8Codec()), args);
        ByteBuf buf = Unpooled.directBuffer(64);
        try {
            c.encode(buf);
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    private static byte[] direct(String node, List<RedisLink.Write> writes) {
        return encode(new WriteArgs(new Utf8Codec(), SHA.getBytes(StandardCharsets.US_ASCII),
                node.getBytes(StandardCharsets.UTF_8), RedisLink.LOG_CAP, writes));
    }

    private static RedisLink.Write write(String sid, long gen, int mode, long ttl, String activity) {
        byte[] id = sid.getBytes(StandardCharsets.UTF_8);
        if (mode == 3) {
            return RedisLink.Write.renew(sid, id, gen, ttl);
        }
        byte[] state = StateBytes.state(7, 1, mode & 1, 2, activity.isEmpty() ? List.of()
                : List.of(new Activity(activity, 0)), gen * 31);
        return new RedisLink.Write(sid, id, gen, List.of("open", "set", "state").get(mode), ttl, state);
    }

    @Test
    void encodesAsLettucesArgumentsDo() {
        List<RedisLink.Write> fixed = List.of(write("abc", 1, 2, 15_500, "load 123"),
                write("caf\u00e9-\uD83C\uDFAE", 9, 0, 0, ""), write("0f", 123_456_789_012L, 3, 10, ""),
                write("x", Long.MAX_VALUE, 1, -5, "\u00ff"), write("y", Long.MIN_VALUE, 2, Long.MIN_VALUE, "a"));
        assertArrayEquals(reference("n1-7", fixed), direct("n1-7", fixed));
        assertArrayEquals(reference("n", List.of()), direct("n", List.of()));
        Gen<RedisLink.Write> writes = strings().betweenCodePoints(0x20, 0xD7FF).ofLengthBetween(1, 24)
                .zip(longs().all(), integers().between(0, 3), longs().between(-10, 1L << 40), (sid, gen, mode, ttl) ->
                        write(sid, gen, mode, ttl, mode == 3 ? "" : "load " + gen));
        Props.property().forAll(lists().of(writes).ofSizeBetween(0, 30), strings().basicLatinAlphabet()
                        .ofLengthBetween(1, 20))
                .checkAssert((ws, node) -> {
                    assertArrayEquals(reference(node, ws), direct(node, ws));
                    WriteArgs args = new WriteArgs(new Utf8Codec(), SHA.getBytes(StandardCharsets.US_ASCII),
                            node.getBytes(StandardCharsets.UTF_8), RedisLink.LOG_CAP, ws);
                    ByteBuf buf = Unpooled.buffer(0);
                    args.encode(buf);
                    assertEquals(buf.readableBytes(), args.size(), "the size it reserves is the size it writes");
                    assertEquals(Unpooled.buffer(0).ensureWritable(args.size()).capacity(), buf.capacity(),
                            "reserved once, never grown");
                });
    }

    @Test
    void countsItsArgumentsAsLettuceDoes() {
        List<RedisLink.Write> ws = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ws.add(write("s" + i, i, i, 100, "a"));
        }
        CommandArgs<String, String> ref = new CommandArgs<>(new Utf8Codec()).add(SHA).add(6);
        ws.forEach(w -> ref.addKey(Keys.session(w.sid())));
        ref.addKey(Keys.DUE).addKey(Keys.LOG).addValue("n").add(1).addValue("p");
        ws.forEach(w -> ref.add(w.mode()).add(w.gen()).add(w.ttlMs()).add(new byte[0]).add(w.state()));
        assertEquals(ref.count(), new WriteArgs(new Utf8Codec(), new byte[0], new byte[0], 1, ws).count());
    }

    @Test
    void writesDecimalsAsLongToStringDoes() {
        Props.property().forAll(longs().all()).checkAssert(v -> {
            ByteBuf buf = Unpooled.buffer(1);
            WriteArgs.decimal(buf, v);
            assertEquals(Long.toString(v), buf.toString(StandardCharsets.US_ASCII));
            assertEquals(Long.toString(v).length(), WriteArgs.decimalLength(v));
        });
    }
}
