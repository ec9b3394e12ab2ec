package org.sysmodels.presence.model.session;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.sysmodels.presence.model.presence.Activity;
import org.sysmodels.presence.model.presence.ClientStatus;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.Status;

/**
 * The gateway's replay buffer: what {@link ReplayRing} keeps (the last {@code capacity} dispatches, replayed oldest
 * first), copied into one byte array instead of holding references to the presences.
 *
 * <p>Why: a gateway keeps 256 dispatches per session, about 25 s of them at 10 a second. Holding the presence
 * objects that long keeps every update's presence, client status, activity list, activity and name alive through
 * several young collections, and the collector copies them each time: 25–36 MB of survivors and 50–140 ms pauses
 * per collection in the two-node row on the quiet machine (docs/presence.md, "The replay rings and the young collections"). Here a
 * dispatch is copied into the ring when it is sent, so the presence dies young; a Resume, which is rare, builds the
 * presences again. Equal to {@link ReplayRing} in everything it answers (a property test holds them in lockstep):
 * the rebuilt presences are equal records, not the same objects.
 *
 * <p>One {@value #STRIDE}-byte entry per dispatch, the whole ring allocated at once as {@link ReplayRing} does (a
 * dispatch allocates nothing and nothing grows during a run): sequence number, version and
 * time (8 bytes each), user, status with client status, and via (4 each), then the activities, each as its type, its
 * name's length and its characters, when every name is ASCII and they fit in the entry's last {@value #INLINE} bytes
 * (one activity named in up to 22 characters); other lists are kept as the list itself, in an array made on first
 * need. One thread owns a ring (the gateway's presence thread), so the byte views are plain reads and writes.
 */
public final class PackedReplayRing implements ReplayBuffer {

    static final int STRIDE = 64;
    static final int INLINE = 24;
    private static final int SEQ = 0;
    private static final int VERSION = 8;
    private static final int AT = 16;
    private static final int USER = 24;
    private static final int SHOWN = 28;
    private static final int VIA = 32;
    /** Bytes of inline activities, or {@link #ELSEWHERE} when the list is in {@link #overflow}. */
    private static final int LENGTH = 36;
    private static final int ACTIVITIES = STRIDE - INLINE;
    private static final int ELSEWHERE = 0xFF;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final int capacity;
    private final byte[] entries;
    private List<?>[] overflow;
    private long count;
    private long evictedUpTo;

    public PackedReplayRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a replay ring holds at least one dispatch");
        }
        this.capacity = capacity;
        entries = new byte[Math.multiplyExact(capacity, STRIDE)];
    }

    @Override
    public void sent(Dispatch d) {
        if (count > 0) {
            long last = (long) LONG.get(entries, offset(count - 1) + SEQ);
            if (d.seq() <= last) {
                throw new IllegalArgumentException("dispatch " + d.seq() + " after " + last
                        + ": sequence numbers grow");
            }
        }
        int e = offset(count);
        if (count >= capacity) {
            evictedUpTo = (long) LONG.get(entries, e + SEQ);
            if (overflow != null) {
                overflow[e / STRIDE] = null;
            }
        }
        Presence p = d.presence();
        LONG.set(entries, e + SEQ, d.seq());
        LONG.set(entries, e + VERSION, p.version());
        LONG.set(entries, e + AT, p.at());
        INT.set(entries, e + USER, p.user());
        INT.set(entries, e + SHOWN, p.status().ordinal() << 16 | p.clientStatus().packed());
        INT.set(entries, e + VIA, d.via());
        entries[e + LENGTH] = (byte) inline(e, p.activities());
        count++;
    }

    /** The number of dispatches this ring keeps. */
    public int capacity() {
        return capacity;
    }

    /** Forgets every dispatch, as a new ring: for a ring handed to the next session once its session has ended. */
    public void clear() {
        count = 0;
        evictedUpTo = 0;
        overflow = null;
    }

    @Override
    public long evictedUpTo() {
        return evictedUpTo;
    }

    @Override
    public void replayAfter(long clientSeq, Consumer<Dispatch> out) {
        for (long k = Math.max(0, count - capacity); k < count; k++) {
            int e = offset(k);
            long seq = (long) LONG.get(entries, e + SEQ);
            if (seq > clientSeq) {
                int shown = (int) INT.get(entries, e + SHOWN);
                Presence p = new Presence((int) INT.get(entries, e + USER), Status.ofOrdinal(shown >>> 16),
                        new ClientStatus(shown & 0xFFFF), activities(e), (long) LONG.get(entries, e + VERSION),
                        (long) LONG.get(entries, e + AT));
                out.accept(new Dispatch(seq, p, (int) INT.get(entries, e + VIA)));
            }
        }
    }

    private int offset(long k) {
        return (int) (k % capacity) * STRIDE;
    }

    /** Writes the activities into the entry at {@code e} and answers their length, or keeps the list elsewhere. */
    private int inline(int e, List<Activity> activities) {
        int at = e + ACTIVITIES;
        int stop = at + INLINE;
        for (int i = 0, n = activities.size(); i < n; i++) {
            Activity a = activities.get(i);
            String name = a.name();
            if (at + 2 + name.length() > stop) {
                return elsewhere(e, activities);
            }
            int len = 0;
            for (int c = 0; c < name.length(); c++) {
                char ch = name.charAt(c);
                if (ch >= 0x80) {
                    return elsewhere(e, activities);
                }
                entries[at + 2 + len++] = (byte) ch;
            }
            entries[at] = (byte) a.type();
            entries[at + 1] = (byte) len;
            at += 2 + len;
        }
        return at - e - ACTIVITIES;
    }

    private int elsewhere(int e, List<Activity> activities) {
        if (overflow == null) {
            overflow = new List<?>[capacity];
        }
        overflow[e / STRIDE] = activities;
        return ELSEWHERE;
    }

    @SuppressWarnings("unchecked")
    private List<Activity> activities(int e) {
        int length = entries[e + LENGTH] & 0xFF;
        if (length == ELSEWHERE) {
            return (List<Activity>) overflow[e / STRIDE];
        }
        if (length == 0) {
            return List.of();
        }
        List<Activity> out = new ArrayList<>();
        for (int at = e + ACTIVITIES, stop = at + length; at < stop; ) {
            int type = entries[at];
            int len = entries[at + 1];
            out.add(new Activity(new String(entries, at + 2, len, StandardCharsets.ISO_8859_1), type));
            at += 2 + len;
        }
        return out;
    }
}
