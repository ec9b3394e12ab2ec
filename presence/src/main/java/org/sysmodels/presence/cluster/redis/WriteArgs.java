package org.sysmodels.presence.cluster.redis;

import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * write.lua's {@code EVALSHA} arguments, encoded straight into the connection's buffer as RESP bulk strings (Redis
 * protocol specification, "Bulk strings": {@code $<length>\r\n<bytes>\r\n}): the script's SHA, the key count, a key
 * per session, the due set and the log, then the node, the log cap, the key prefix and five arguments per session
 * (mode, generation, TTL, head, state). The bytes are those {@link CommandArgs} would write for the same arguments
 * ({@code WriteArgsTest} compares them), but with no object per argument: Lettuce's {@code CommandArgs} holds one per
 * argument and writes every number, a bulk string's length included, through {@code Long.toString}, so a session
 * cost six argument objects, eight strings and the session's key as a string and its bytes (about a third of a
 * node's allocation on the cluster path, JFR). Here a number's digits go straight into the buffer, the key is the
 * prefix's bytes and the session id's (kept by {@link SessionTable}), and the head ({@link StateBytes}'s layout) is
 * written in place.
 */
final class WriteArgs extends CommandArgs<String, String> {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] SESSION_PREFIX = bytes(Keys.SESSION_PREFIX);
    private static final byte[] DUE = bytes(Keys.DUE);
    private static final byte[] LOG = bytes(Keys.LOG);
    private static final byte[] OPEN = bytes("open");
    private static final byte[] SET = bytes("set");
    private static final byte[] STATE = bytes("state");
    private static final byte[] RENEW = bytes("renew");
    /** The head's fixed part: id length u16, generation i64, state length i32. */
    private static final int HEAD_FIXED = 2 + 8 + 4;

    private final byte[] sha;
    private final byte[] node;
    private final long logCap;
    private final List<RedisLink.Write> writes;

    /** The call of write.lua (its {@code sha}) by {@code node} for {@code writes}, the log capped at {@code logCap}. */
    WriteArgs(RedisCodec<String, String> codec, byte[] sha, byte[] node, long logCap, List<RedisLink.Write> writes) {
        super(codec);
        this.sha = sha;
        this.node = node;
        this.logCap = logCap;
        this.writes = writes;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int count() {
        // sha, key count, a key per session, due, log, node, cap, prefix, five per session
        return 2 + writes.size() + 2 + 3 + 5 * writes.size();
    }

    @Override
    public void encode(ByteBuf buf) {
        // the whole call's size first: Lettuce's encoder starts from a small buffer, which would grow (a copy) a
        // few times over a call of many sessions
        buf.ensureWritable(size());
        bulk(buf, sha);
        bulk(buf, writes.size() + 2L);
        for (RedisLink.Write w : writes) {
            byte[] id = w.sidUtf8();
            header(buf, SESSION_PREFIX.length + id.length);
            buf.writeBytes(SESSION_PREFIX).writeBytes(id).writeBytes(CRLF);
        }
        bulk(buf, DUE);
        bulk(buf, LOG);
        bulk(buf, node);
        bulk(buf, logCap);
        bulk(buf, SESSION_PREFIX);
        for (RedisLink.Write w : writes) {
            bulk(buf, mode(w.mode()));
            bulk(buf, w.gen());
            bulk(buf, w.ttlMs());
            byte[] state = w.state();
            if (state.length == 0) {
                bulk(buf, state);     // a renewal: an empty head and an empty state
                bulk(buf, state);
            } else {
                byte[] id = w.sidUtf8();
                header(buf, HEAD_FIXED + id.length);
                buf.writeShort(id.length).writeBytes(id).writeLong(w.gen()).writeInt(state.length).writeBytes(CRLF);
                bulk(buf, state);
            }
        }
    }

    /** The bytes {@link #encode} writes. */
    int size() {
        int n = bulkSize(sha.length) + bulkSize(decimalLength(writes.size() + 2L));
        for (RedisLink.Write w : writes) {
            n += bulkSize(SESSION_PREFIX.length + w.sidUtf8().length);
        }
        n += bulkSize(DUE.length) + bulkSize(LOG.length) + bulkSize(node.length) + bulkSize(decimalLength(logCap))
                + bulkSize(SESSION_PREFIX.length);
        for (RedisLink.Write w : writes) {
            int state = w.state().length;
            n += bulkSize(mode(w.mode()).length) + bulkSize(decimalLength(w.gen())) + bulkSize(decimalLength(w.ttlMs()))
                    + bulkSize(state == 0 ? 0 : HEAD_FIXED + w.sidUtf8().length) + bulkSize(state);
        }
        return n;
    }

    /** A bulk string of {@code length} bytes on the wire: {@code $}, the length's digits, CRLF, the bytes, CRLF. */
    private static int bulkSize(int length) {
        return 1 + decimalLength(length) + 2 + length + 2;
    }

    private static byte[] mode(String mode) {
        return switch (mode) {
            case "open" -> OPEN;
            case "set" -> SET;
            case "state" -> STATE;
            case "renew" -> RENEW;
            default -> bytes(mode);
        };
    }

    private static void header(ByteBuf buf, int length) {
        buf.writeByte('$');
        decimal(buf, length);
        buf.writeBytes(CRLF);
    }

    private static void bulk(ByteBuf buf, byte[] b) {
        header(buf, b.length);
        buf.writeBytes(b).writeBytes(CRLF);
    }

    private static void bulk(ByteBuf buf, long v) {
        header(buf, decimalLength(v));
        decimal(buf, v);
        buf.writeBytes(CRLF);
    }

    /** How many bytes {@code Long.toString(v)} has. */
    static int decimalLength(long v) {
        if (v == Long.MIN_VALUE) {
            return 20;
        }
        int n = v < 0 ? 2 : 1;
        for (long a = Math.abs(v); a >= 10; a /= 10) {
            n++;
        }
        return n;
    }

    /** Writes {@code Long.toString(v)}'s bytes without making the string. */
    static void decimal(ByteBuf buf, long v) {
        if (v == Long.MIN_VALUE) {
            buf.writeBytes(bytes(Long.toString(v)));
            return;
        }
        int n = decimalLength(v);
        buf.ensureWritable(n);
        int at = buf.writerIndex();
        if (v < 0) {
            buf.setByte(at, '-');
            v = -v;
        }
        for (int i = at + n - 1; ; i--) {
            buf.setByte(i, (int) ('0' + v % 10));
            v /= 10;
            if (v == 0) {
                break;
            }
        }
        buf.writerIndex(at + n);
    }

    @Override
    public String toString() {
        return "WriteArgs[" + writes.size() + " sessions]";
    }

    @Override
    public String toCommandString() {
        return toString();
    }
}
