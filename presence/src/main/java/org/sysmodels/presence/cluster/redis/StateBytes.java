package org.sysmodels.presence.cluster.redis;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.sysmodels.presence.model.presence.Activity;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Status;

/**
 * The cluster's binary formats (big-endian, as {@link ByteBuffer} writes them; lengths count bytes):
 *
 * <pre>
 * state   user i32 | platform u8 | flags u8 ({@link SessionFlags}) | status u8 | at i64 (ns, holder's wall clock)
 *         | activities u16 | per activity: type i32, name length i32, name UTF-8
 * head    session id length u16 | session id UTF-8 | generation i64 | state length i32
 * batch   head state head state ...   (a log entry of kind {@code batch}: one write.lua call's sessions, in order)
 * </pre>
 *
 * A session's record keeps its state as field {@code r}; write.lua appends the head and the state of each session
 * it wrote to the entry's {@code b} without looking inside (Lua's {@code table.concat}), so Redis neither parses nor
 * formats a change, and a reader decodes the bytes straight into {@link LogEntry.Upsert}s: no per-field strings, no
 * JSON. Anything that does not fit the layout is {@link LogEntry.Malformed}.
 */
final class StateBytes {

    /** Bumped with every change of these layouts (nodes of another version refuse to join: {@link Outages}). */
    static final int VERSION = 2;

    private static final int STATE_FIXED = 4 + 3 + 8 + 2;
    /**
     * The largest state a node writes or reads: a session's state comes from a Presence Update the gateway accepted
     * (payloads of at most 4096 bytes, in which an activity takes at least 20 bytes of JSON for its 8 + name bytes
     * here), so a larger one is from no conforming writer, and a reader refuses it rather than hold it.
     */
    static final int MAX_STATE = STATE_FIXED + 4096;
    /** How many statuses there are ({@code Status.values()} copies its array at every call). */
    private static final int STATUSES = Status.values().length;
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private StateBytes() {
    }

    /** A session's state. */
    static byte[] state(int user, int platform, int flags, int status, List<Activity> activities, long at) {
        int count = activities.size();
        if (count > 0xFFFF) {
            throw new IllegalArgumentException(count + " activities: at most 65535");
        }
        // an ASCII name's UTF-8 is its chars, copied in place below; any other name is encoded once here
        byte[][] names = null;
        int size = STATE_FIXED;
        for (int i = 0; i < count; i++) {
            String name = activities.get(i).name();
            if (ascii(name)) {
                size += 8 + name.length();
            } else {
                if (names == null) {
                    names = new byte[count][];
                }
                names[i] = name.getBytes(StandardCharsets.UTF_8);
                size += 8 + names[i].length;
            }
        }
        // written in place (no ByteBuffer object per state), in the layout above
        byte[] b = new byte[size];
        INT.set(b, 0, user);
        b[4] = (byte) platform;
        b[5] = (byte) flags;
        b[6] = (byte) status;
        LONG.set(b, 7, at);
        SHORT.set(b, 15, (short) count);
        int w = STATE_FIXED;
        for (int i = 0; i < count; i++) {
            Activity a = activities.get(i);
            byte[] utf8 = names == null ? null : names[i];
            int length = utf8 == null ? a.name().length() : utf8.length;
            INT.set(b, w, a.type());
            INT.set(b, w + 4, length);
            if (utf8 == null) {
                asciiInto(a.name(), b, w + 8);
            } else {
                System.arraycopy(utf8, 0, b, w + 8, length);
            }
            w += 8 + length;
        }
        return b;
    }

    private static boolean ascii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Copies ASCII string {@code s} into {@code b} at {@code at} (its chars are its UTF-8 bytes). */
    @SuppressWarnings("deprecation")
    private static void asciiInto(String s, byte[] b, int at) {
        // String.getBytes(int, int, byte[], int) keeps each char's low 8 bits: exact for ASCII, with no array made
        s.getBytes(0, s.length(), b, at);
    }

    /** The head of a session's state in a batch. */
    static byte[] head(String sessionId, long gen, int stateLength) {
        byte[] id = sessionId.getBytes(StandardCharsets.UTF_8);
        if (id.length > 0xFFFF) {
            throw new IllegalArgumentException("a session id of " + id.length + " bytes: at most 65535");
        }
        byte[] h = new byte[2 + id.length + 8 + 4];
        SHORT.set(h, 0, (short) id.length);
        System.arraycopy(id, 0, h, 2, id.length);
        LONG.set(h, 2 + id.length, gen);
        INT.set(h, 2 + id.length + 8, stateLength);
        return h;
    }

    /** Session ids a reader already holds, found by their UTF-8 bytes, so a batch's ids need no decoding. */
    interface Ids {
        /** None known: every id is decoded. */
        Ids NONE = (b, off, len) -> null;

        /** The id whose UTF-8 is {@code b[off, off + len)}, if known (equal to its decoding), else null. */
        String known(byte[] b, int off, int len);
    }

    /** Every session of a batch, in order, written by {@code writer}; {@code users} bounds the user index. */
    static List<LogEntry.Upsert> batch(String writer, byte[] body, int users) {
        return batch(writer, body, users, Ids.NONE);
    }

    /** {@link #batch(String, byte[], int)}, taking the ids {@code ids} knows from it instead of decoding them. */
    static List<LogEntry.Upsert> batch(String writer, byte[] body, int users, Ids ids) {
        ByteBuffer b = ByteBuffer.wrap(body);
        List<LogEntry.Upsert> out = new ArrayList<>();
        try {
            while (b.hasRemaining()) {
                int idLength = Short.toUnsignedInt(b.getShort());
                String sid = idLength <= b.remaining() ? ids.known(body, b.position(), idLength) : null;
                if (sid == null) {
                    sid = text(b, idLength);
                } else {
                    b.position(b.position() + idLength);
                }
                long gen = b.getLong();
                int length = b.getInt();
                if (length < STATE_FIXED || length > b.remaining()) {
                    throw new LogEntry.Malformed("a state of " + length + " bytes, " + b.remaining() + " left");
                }
                int end = b.position() + length;
                // the state alone in view (its limit), without a slice object per session
                int limit = b.limit();
                b.limit(end);
                out.add(state(b, sid, writer, writer, gen, users));
                b.limit(limit);
                b.position(end);
            }
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new LogEntry.Malformed("a batch ends inside a session");
        }
        return out;
    }

    /** A session's state {@code r} as the upsert of session {@code sid} held by {@code node} at generation {@code gen}. */
    static LogEntry.Upsert upsert(byte[] r, String sid, String writer, String node, long gen, int users) {
        return state(ByteBuffer.wrap(r), sid, writer, node, gen, users);
    }

    private static LogEntry.Upsert state(ByteBuffer b, String sid, String writer, String node, long gen, int users) {
        if (b.remaining() > MAX_STATE) {
            throw new LogEntry.Malformed("a state of " + b.remaining() + " bytes: a node writes at most " + MAX_STATE
                    + " (from a Presence Update of at most 4096)");
        }
        try {
            int user = b.getInt();
            int p = Byte.toUnsignedInt(b.get());
            int flags = Byte.toUnsignedInt(b.get());
            int s = Byte.toUnsignedInt(b.get());
            long at = b.getLong();
            int count = Short.toUnsignedInt(b.getShort());
            if (user < 0 || user >= users) {
                throw new LogEntry.Malformed("user " + user + " is not in this node's world of " + users);
            }
            if (p >= Platform.count() || s >= STATUSES) {
                throw new LogEntry.Malformed("platform " + p + " or status " + s + " out of range");
            }
            // one activity (the common case) straight into List.of, no list to copy
            Activity first = count == 0 ? null : activity(b);
            List<Activity> activities;
            if (count <= 1) {
                activities = first == null ? List.of() : List.of(first);
            } else {
                List<Activity> more = new ArrayList<>(count);
                more.add(first);
                for (int i = 1; i < count; i++) {
                    more.add(activity(b));
                }
                activities = List.copyOf(more);
            }
            if (b.hasRemaining()) {
                throw new LogEntry.Malformed(b.remaining() + " bytes after a state");
            }
            return new LogEntry.Upsert(sid, writer, node, gen, user, Platform.ofOrdinal(p), flags,
                    Status.ofOrdinal(s), activities, at);
        } catch (BufferUnderflowException e) {
            throw new LogEntry.Malformed("a state ends early");
        }
    }

    private static Activity activity(ByteBuffer b) {
        int type = b.getInt();
        int length = b.getInt();
        if (length < 0 || length > b.remaining()) {
            throw new LogEntry.Malformed("an activity name of " + length + " bytes, " + b.remaining() + " left");
        }
        try {
            return new Activity(text(b, length), type);
        } catch (IllegalArgumentException e) {
            throw e instanceof LogEntry.Malformed m ? m : new LogEntry.Malformed(e.getMessage());
        }
    }

    private static String text(ByteBuffer b, int length) {
        if (length > b.remaining()) {
            throw new LogEntry.Malformed("a text of " + length + " bytes, " + b.remaining() + " left");
        }
        String s = new String(b.array(), b.arrayOffset() + b.position(), length, StandardCharsets.UTF_8);
        b.position(b.position() + length);
        return s;
    }
}
