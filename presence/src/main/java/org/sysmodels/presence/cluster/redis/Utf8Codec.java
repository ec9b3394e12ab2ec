package org.sysmodels.presence.cluster.redis;

import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.ToByteBufEncoder;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Lettuce's strings as UTF-8, encoded with an exact size and one bulk copy per argument. Lettuce's {@code StringCodec}
 * gives an estimate for UTF-8, so Lettuce encodes every argument into a temporary buffer first, and Netty writes the
 * characters one at a time through a fresh NIO view of the direct buffer; with write.lua's ten arguments per session
 * that was the largest share of the Lettuce threads' CPU (JFR, ClusterCpu). Here {@link #estimateSize} encodes the
 * string (Java's own, array-copy fast for ASCII) and keeps the bytes, and the encode that follows writes them with
 * one {@code writeBytes}. Decoding copies the reply's bytes once into the string. One instance per connection: a
 * connection encodes on its one event-loop thread; the kept pair is immutable, so a stray caller elsewhere costs a
 * second encoding, never wrong bytes.
 */
final class Utf8Codec implements RedisCodec<String, String>, ToByteBufEncoder<String, String> {

    /** The last string sized and its bytes (CommandArgs sizes an argument, then encodes it at once). */
    private record Encoded(String text, byte[] bytes) {
    }

    private static final byte[] NONE = new byte[0];

    private Encoded last = new Encoded("", NONE);

    private byte[] bytes(String s) {
        if (s == null) {
            return NONE;
        }
        Encoded e = last;
        if (e.text() == s) {
            return e.bytes();
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        last = new Encoded(s, b);
        return b;
    }

    @Override
    public int estimateSize(Object keyOrValue) {
        return keyOrValue instanceof byte[] b ? b.length : bytes(keyOrValue == null ? null : keyOrValue.toString()).length;
    }

    @Override
    public boolean isEstimateExact() {
        return true;
    }

    @Override
    public void encodeKey(String key, ByteBuf target) {
        target.writeBytes(bytes(key));
    }

    @Override
    public void encodeValue(String value, ByteBuf target) {
        target.writeBytes(bytes(value));
    }

    @Override
    public ByteBuffer encodeKey(String key) {
        return ByteBuffer.wrap(bytes(key));
    }

    @Override
    public ByteBuffer encodeValue(String value) {
        return ByteBuffer.wrap(bytes(value));
    }

    @Override
    public String decodeKey(ByteBuffer bytes) {
        return decode(bytes);
    }

    @Override
    public String decodeValue(ByteBuffer bytes) {
        return decode(bytes);
    }

    private static String decode(ByteBuffer bytes) {
        int n = bytes.remaining();
        if (n == 0) {
            return "";
        }
        if (bytes.hasArray()) {
            return new String(bytes.array(), bytes.arrayOffset() + bytes.position(), n, StandardCharsets.UTF_8);
        }
        byte[] b = new byte[n];
        bytes.get(bytes.position(), b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
