package org.sysmodels.presence.cluster.redis;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import java.nio.ByteBuffer;

/**
 * The log reader's codec: keys as UTF-8 text, values as bytes ({@link ByteArrayCodec}), except the sessions of a
 * batch this node wrote itself. Every node reads every entry of the one log, its own too, and skips its own (it
 * applied them when it made them: {@link LogReader}); a batch's {@code b} is the entry's bulk, so copying it out of
 * the reply for nothing was about a third of the bytes a node's presence thread allocated per update (JFR,
 * {@code ClusterCpu}). Lettuce's stream output decodes an entry's fields in the order Redis keeps them, key then
 * value, and write.lua writes {@code k}, {@code w} (the writer), then {@code b}: when the last {@code w} of the
 * entry (no {@code k} since) was this node's name, {@code b} decodes to an empty array. The reader tells its own
 * entries by the same {@code w}, so it never looks at what is left out. One instance per connection: its I/O
 * thread decodes one reply at a time.
 */
final class LogCodec implements RedisCodec<String, byte[]> {

    private static final byte[] NONE = new byte[0];

    private final Utf8Codec keys = new Utf8Codec();
    private final ByteBuffer self;
    private String key;
    private boolean own;

    /** The codec of node {@code node}'s log reader. */
    LogCodec(String node) {
        this.self = ByteBuffer.wrap(WriteArgs.bytes(node));
    }

    @Override
    public String decodeKey(ByteBuffer bytes) {
        String k = keys.decodeKey(bytes);
        if (k.equals("k") || k.equals("w")) {
            own = false;
        }
        key = k;
        return k;
    }

    @Override
    public byte[] decodeValue(ByteBuffer bytes) {
        String k = key;
        key = null;
        if ("w".equals(k)) {
            own = bytes.equals(self);
        } else if (own && "b".equals(k)) {
            own = false;
            return NONE;
        }
        return ByteArrayCodec.INSTANCE.decodeValue(bytes);
    }

    @Override
    public ByteBuffer encodeKey(String key) {
        return keys.encodeKey(key);
    }

    @Override
    public ByteBuffer encodeValue(byte[] value) {
        return ByteArrayCodec.INSTANCE.encodeValue(value);
    }
}
