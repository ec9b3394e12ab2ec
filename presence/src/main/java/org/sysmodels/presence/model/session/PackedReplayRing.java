package org.sysmodels.presence.model.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.sysmodels.presence.model.presence.Activity;
import org.sysmodels.presence.model.presence.ClientStatus;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.Status;

/**
 * The gateway's replay buffer: what {@link ReplayRing} keeps (the last {@code capacity} dispatches, replayed oldest
 * first), kept as numbers and bytes instead of references to the presences.
 *
 * <p>Why: a gateway keeps 256 dispatches per session, about 25 s of them at 10 a second. Holding the presence
 * objects that long keeps every update's presence, client status, activity list, activity and name alive through
 * several young collections, and the collector copies them each time: 25–36 MB of survivors and 50–250 ms pauses
 * per collection in the two-node row (docs/presence.md, "The replay rings and the young collections"). Here a
 * dispatch is copied into long-lived primitive arrays when it is sent, so the presence dies young; a Resume, which
 * is rare, builds the presences again. Equal to {@link ReplayRing} in everything it answers (a property test holds
 * them in lockstep): the rebuilt presences are equal records, not the same objects.
 *
 * <p>The entry arrays start small and double up to {@code capacity}, so a session that receives little holds
 * little. Activities go into one byte array per ring: for each activity its type, its name's UTF-8 length and the
 * bytes; the array is compacted (or grown) when its end is reached, which keeps the copying amortised.
 */
public final class PackedReplayRing implements ReplayBuffer {

    private static final int FIRST_SLOTS = 16;

    private final int capacity;
    private long[] seqs;
    private long[] versions;
    private long[] ats;
    private int[] users;
    /** The status ordinal above bit 16, the client status's packed platforms below it. */
    private int[] shown;
    private int[] vias;
    private int[] starts;
    private int[] lengths;
    private byte[] bytes = new byte[0];
    private int end;
    private int liveBytes;
    private long count;
    private long evictedUpTo;

    public PackedReplayRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a replay ring holds at least one dispatch");
        }
        this.capacity = capacity;
        slots(Math.min(FIRST_SLOTS, capacity));
    }

    @Override
    public void sent(Dispatch d) {
        int n = seqs.length;
        if (count > 0 && d.seq() <= seqs[(int) ((count - 1) % n)]) {
            throw new IllegalArgumentException("dispatch " + d.seq() + " after " + seqs[(int) ((count - 1) % n)]
                    + ": sequence numbers grow");
        }
        if (count == n && n < capacity) {
            slots(Math.min(2 * n, capacity));
            n = seqs.length;
        }
        int i = (int) (count % n);
        if (count >= n) {
            evictedUpTo = seqs[i];
            liveBytes -= lengths[i];
        }
        Presence p = d.presence();
        seqs[i] = d.seq();
        versions[i] = p.version();
        ats[i] = p.at();
        users[i] = p.user();
        shown[i] = p.status().ordinal() << 16 | p.clientStatus().packed();
        vias[i] = d.via();
        lengths[i] = 0;
        count++;
        if (!p.activities().isEmpty()) {
            keep(i, p.activities());
        }
    }

    @Override
    public long evictedUpTo() {
        return evictedUpTo;
    }

    @Override
    public void replayAfter(long clientSeq, Consumer<Dispatch> out) {
        int n = seqs.length;
        for (long k = Math.max(0, count - n); k < count; k++) {
            int i = (int) (k % n);
            if (seqs[i] > clientSeq) {
                Presence p = new Presence(users[i], Status.ofOrdinal(shown[i] >>> 16),
                        new ClientStatus(shown[i] & 0xFFFF), activities(i), versions[i], ats[i]);
                out.accept(new Dispatch(seqs[i], p, vias[i]));
            }
        }
    }

    /** Grows the entry arrays to {@code n} slots; only called while nothing has been evicted, so slot = index. */
    private void slots(int n) {
        seqs = seqs == null ? new long[n] : Arrays.copyOf(seqs, n);
        versions = versions == null ? new long[n] : Arrays.copyOf(versions, n);
        ats = ats == null ? new long[n] : Arrays.copyOf(ats, n);
        users = users == null ? new int[n] : Arrays.copyOf(users, n);
        shown = shown == null ? new int[n] : Arrays.copyOf(shown, n);
        vias = vias == null ? new int[n] : Arrays.copyOf(vias, n);
        starts = starts == null ? new int[n] : Arrays.copyOf(starts, n);
        lengths = lengths == null ? new int[n] : Arrays.copyOf(lengths, n);
    }

    private void keep(int slot, List<Activity> activities) {
        int size = 0;
        byte[][] names = new byte[activities.size()][];
        for (int a = 0; a < names.length; a++) {
            names[a] = activities.get(a).name().getBytes(StandardCharsets.UTF_8);
            size += 5 + names[a].length;
        }
        room(size);
        starts[slot] = end;
        for (int a = 0; a < names.length; a++) {
            bytes[end++] = (byte) activities.get(a).type();
            int len = names[a].length;
            bytes[end++] = (byte) (len >>> 24);
            bytes[end++] = (byte) (len >>> 16);
            bytes[end++] = (byte) (len >>> 8);
            bytes[end++] = (byte) len;
            System.arraycopy(names[a], 0, bytes, end, len);
            end += len;
        }
        lengths[slot] = size;
        liveBytes += size;
    }

    /**
     * Makes room for {@code size} more bytes at the end: the kept entries' bytes move to the front, oldest first,
     * into this array when they fill at most two thirds of it with the new bytes, else into one twice that size (so
     * at least a third of the array is free after a move, and a byte is moved at most about twice on average).
     */
    private void room(int size) {
        if (end + size <= bytes.length) {
            return;
        }
        int need = liveBytes + size;
        byte[] to = 3L * need <= 2L * bytes.length ? bytes : new byte[Math.max(64, 2 * need)];
        int n = seqs.length;
        int at = 0;
        for (long k = Math.max(0, count - n); k < count; k++) {
            int i = (int) (k % n);
            if (lengths[i] > 0) {
                System.arraycopy(bytes, starts[i], to, at, lengths[i]);
                starts[i] = at;
                at += lengths[i];
            }
        }
        bytes = to;
        end = at;
    }

    private List<Activity> activities(int slot) {
        if (lengths[slot] == 0) {
            return List.of();
        }
        List<Activity> out = new ArrayList<>();
        int at = starts[slot];
        int stop = at + lengths[slot];
        while (at < stop) {
            int type = bytes[at++];
            int len = (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8
                    | (bytes[at + 3] & 0xFF);
            at += 4;
            out.add(new Activity(new String(bytes, at, len, StandardCharsets.UTF_8), type));
            at += len;
        }
        return out;
    }
}
