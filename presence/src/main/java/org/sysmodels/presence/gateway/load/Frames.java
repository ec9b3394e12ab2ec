package org.sysmodels.presence.gateway.load;

import java.nio.charset.StandardCharsets;

/**
 * Byte searches over the first {@code len} bytes of a frame (the load generator copies each frame it receives
 * into one array per event loop and parses it there: no String per frame).
 */
final class Frames {

    private Frames() {
    }

    /** How the frames the load generator times begin and end (as the gateway writes them). */
    static final byte[] HELLO = ascii("{\"op\":10");
    static final byte[] DISPATCH = ascii("{\"op\":0,");
    static final byte[] HEARTBEAT_REQUEST = ascii("{\"op\":1,");
    static final byte[] SEQ = ascii(",\"s\":");
    static final byte[] PRESENCE_UPDATE = ascii("\"t\":\"PRESENCE_UPDATE\"}");
    static final byte[] READY = ascii("\"t\":\"READY\"}");
    static final byte[] LOAD_NAME = ascii("\"name\":\"load ");

    /** Each event loop's copy of the frame it is parsing. */
    static final io.netty.util.concurrent.FastThreadLocal<byte[]> SCRATCH =
            new io.netty.util.concurrent.FastThreadLocal<>() {
                @Override
                protected byte[] initialValue() {
                    return new byte[1024];
                }
            };

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static boolean startsWith(byte[] b, int len, byte[] prefix) {
        return len >= prefix.length && java.util.Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
    }

    static boolean endsWith(byte[] b, int len, byte[] suffix) {
        return len >= suffix.length && java.util.Arrays.equals(b, len - suffix.length, len, suffix, 0,
                suffix.length);
    }

    /** The index of the first {@code needle} at or after {@code from}, or -1. */
    static int indexOf(byte[] b, int len, byte[] needle, int from) {
        outer:
        for (int i = from, last = len - needle.length; i <= last; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (b[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The index of the last {@code needle}, or -1. */
    static int lastIndexOf(byte[] b, int len, byte[] needle) {
        outer:
        for (int i = len - needle.length; i >= 0; i--) {
            for (int k = 0; k < needle.length; k++) {
                if (b[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The index of byte {@code c} in [from, to), or -1. */
    static int indexOf(byte[] b, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** The decimal digits starting at {@code from} (up to the first non-digit or {@code to}). */
    static long parseLong(byte[] b, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
