package org.sysmodels.presence.model.session;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.sysmodels.presence.model.fanout.Outbox;
import org.sysmodels.presence.model.presence.Presence;

/**
 * {@link Subscriber} for every session slot of a simulated cluster at once. Same behaviour as one {@code Subscriber}
 * per session (a property test holds them in lockstep), without an object per session: millions of sessions fit in
 * the heap.
 *
 * <p>Layout: what a delivery reads and writes for one session sits together, in one record of a {@code long[]} (the
 * slot's open bit, whether its outbox exists, and last sequence number, the guilds of its replay ring, and
 * {@code extraWords} words its owner, the gateway node, keeps there: {@link #words()}, {@link #word}), in
 * {@link SessionRecords} that a check may share, and one record of an {@code Object[]} (the outbox, made on first use,
 * and the presences of the replay ring). A delivery to a random session among millions then misses the cache for the
 * long record's line or two, and stores its presence into the other record (the outbox reference is read only for a
 * session whose outbox was ever made).
 *
 * <p>The reference replay ring ({@link #withRings}) keeps no sequence numbers of its own: a session's dispatches are
 * numbered 1, 2, 3, ... from the slot's open, and every one goes into the ring, so the ring holds the dispatches
 * {@code seq - capacity + 1 .. seq} at positions {@code seq mod capacity}, and the last evicted one is
 * {@code seq - capacity}. A bug lab's replay buffers ({@link ReplayBuffers}) are kept beside the records instead.
 */
public final class Subscribers {

    private static final long OPEN = 1;
    /** The slot's outbox has been made (so {@link #nothingPending} reads the outbox reference only then). */
    private static final long HAS_BOX = 2;
    private static final long FLAGS = OPEN | HAS_BOX;
    private static final int SEQ_SHIFT = 2;

    private final Supplier<Outbox> outboxes;
    private final ReplayBuffers replays;       // null: the reference ring, inline in the records
    private final int ring;                    // inline ring capacity (0 with separate replay buffers)
    private final int viaWords;                // longs holding the ring's guilds, two per long
    private final int extraBase;
    private final int ownWords;
    private final int refStride;
    private final SessionRecords records;      // per slot, from base: seq << 2 | flags, ring guilds, owner's words
    private final int base;
    private int capacity;
    private Object[] refs;                     // per slot: outbox, ring presences

    /** With a separate replay buffer per slot ({@code replays}), and no owner's words. */
    public Subscribers(Supplier<Outbox> outboxes, ReplayBuffers replays, int expectedSessions) {
        this(outboxes, replays, 0, new SessionRecords(expectedSessions), expectedSessions, 0);
    }

    /** With a separate replay buffer per slot ({@code replays}) and {@code extraWords} owner's words per slot. */
    public Subscribers(Supplier<Outbox> outboxes, ReplayBuffers replays, int expectedSessions, int extraWords) {
        this(outboxes, replays, 0, new SessionRecords(expectedSessions), expectedSessions, extraWords);
    }

    /** The reference: a replay ring of {@code capacity} dispatches per slot inside the slot's records. */
    public static Subscribers withRings(Supplier<Outbox> outboxes, int capacity, int expectedSessions,
                                        int extraWords) {
        return withRings(outboxes, capacity, new SessionRecords(expectedSessions), expectedSessions, extraWords);
    }

    /**
     * As {@link #withRings(Supplier, int, int, int)}, with the slots' words claimed in {@code records}, which others
     * (a check) may share: a delivery then finds everything it reads about a session in one record.
     */
    public static Subscribers withRings(Supplier<Outbox> outboxes, int capacity, SessionRecords records,
                                        int expectedSessions, int extraWords) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a replay ring holds at least one dispatch");
        }
        return new Subscribers(outboxes, null, capacity, records, expectedSessions, extraWords);
    }

    /** With a separate replay buffer per slot, the slots' words claimed in {@code records}. */
    public Subscribers(Supplier<Outbox> outboxes, ReplayBuffers replays, SessionRecords records,
                       int expectedSessions, int extraWords) {
        this(outboxes, replays, 0, records, expectedSessions, extraWords);
    }

    private Subscribers(Supplier<Outbox> outboxes, ReplayBuffers replays, int ring, SessionRecords records,
                        int expectedSessions, int extraWords) {
        if (extraWords < 0) {
            throw new IllegalArgumentException("extra words " + extraWords + " < 0");
        }
        this.outboxes = outboxes;
        this.replays = replays;
        this.ring = ring;
        this.viaWords = (ring + 1) / 2;
        this.extraBase = 1 + viaWords;
        this.ownWords = extraBase + extraWords;
        this.refStride = 1 + ring;
        this.records = records;
        this.base = records.claim(ownWords);
        capacity = Math.max(16, expectedSessions);
        refs = new Object[Math.multiplyExact(capacity, refStride)];
    }

    private void ensure(int s) {
        records.fit(s);
        if (s >= capacity) {
            int n = Math.max(capacity * 2, s + 1);
            refs = Arrays.copyOf(refs, Math.multiplyExact(n, refStride));
            capacity = n;
        }
    }

    /** Where slot {@code s}'s first word is in {@code records.words()}. */
    private int at(int s) {
        return s * records.stride() + base;
    }

    /** A new session in slot {@code s}: nothing sent, nothing pending, nothing kept; the owner's words are zero. */
    public void open(int s) {
        ensure(s);
        long[] words = records.words();
        int w = at(s);
        Arrays.fill(words, w, w + ownWords, 0L);
        words[w] = OPEN;
        Arrays.fill(refs, s * refStride, (s + 1) * refStride, null);
        if (replays != null) {
            replays.clear(s);
        }
    }

    /** The session in slot {@code s} ended: its state is dropped (the owner's words stay until the next open). */
    public void close(int s) {
        if (s < capacity && s < records.capacity()) {
            records.words()[at(s)] &= ~FLAGS;
            Arrays.fill(refs, s * refStride, (s + 1) * refStride, null);
            if (replays != null) {
                replays.clear(s);
            }
        }
    }

    /** True while slot {@code s} holds a session (opened and not closed). */
    public boolean isOpen(int s) {
        return s >= 0 && s < capacity && s < records.capacity() && (records.words()[at(s)] & OPEN) != 0;
    }

    /** Slots so far (every opened slot is below this). */
    public int capacity() {
        return capacity;
    }

    /** The last sequence number handed out to {@code s} (0 before the first dispatch). */
    public long seq(int s) {
        return records.words()[at(s)] >>> SEQ_SHIFT;
    }

    /** True when nothing waits to be sent to {@code s} (without making an outbox). */
    public boolean nothingPending(int s) {
        if ((records.words()[at(s)] & HAS_BOX) == 0) {
            return true;
        }
        Outbox box = (Outbox) refs[s * refStride];
        return box == null || box.isEmpty();
    }

    /** The outbox of {@code s} (made on first use). */
    public Outbox outbox(int s) {
        Outbox box = (Outbox) refs[s * refStride];
        if (box == null) {
            box = outboxes.get();
            refs[s * refStride] = box;
            records.words()[at(s)] |= HAS_BOX;
        }
        return box;
    }

    /** Stamps {@code p} with the next sequence number of {@code s}, keeps it for replay, and returns the number. */
    public long send(int s, Presence p, int via) {
        long[] words = records.words();
        int w = at(s);
        long n = (words[w] >>> SEQ_SHIFT) + 1;
        words[w] = n << SEQ_SHIFT | (words[w] & FLAGS);
        if (replays != null) {
            replays.sent(s, n, p, via);
        } else {
            int i = (int) (n % ring);
            refs[s * refStride + 1 + i] = p;
            int vw = w + 1 + (i >>> 1);
            int shift = (i & 1) << 5;
            words[vw] = words[vw] & ~(0xFFFF_FFFFL << shift) | (via & 0xFFFF_FFFFL) << shift;
        }
        return n;
    }

    /** Sends the next pending presence of {@code s} ({@link #send}) and returns it, or null when none is pending. */
    public Presence sendPending(int s) {
        Outbox box = (Outbox) refs[s * refStride];
        if (box == null) {
            return null;
        }
        Presence p = box.poll();
        if (p != null) {
            send(s, p, box.polledVia());
        }
        return p;
    }

    /** The highest sequence number the replay buffer of {@code s} has dropped (0: none). */
    private long evictedUpTo(int s) {
        if (replays != null) {
            return replays.evictedUpTo(s);
        }
        long seq = seq(s);
        return seq > ring ? seq - ring : 0;
    }

    /** Whether a Resume of {@code s} from {@code clientSeq} can be honoured. */
    public ResumeCheck check(int s, long clientSeq) {
        return ResumeCheck.of(clientSeq, seq(s), evictedUpTo(s));
    }

    /** As {@link Subscriber#resume}: checks, then replays the kept dispatches after it and every pending presence. */
    public ResumeCheck resume(int s, long clientSeq, Consumer<Dispatch> out) {
        ResumeCheck check = check(s, clientSeq);
        if (check != ResumeCheck.OK) {
            return check;
        }
        if (replays != null) {
            replays.replayAfter(s, clientSeq, out);
        } else {
            long seq = seq(s);
            for (long n = Math.max(clientSeq, seq - ring) + 1; n <= seq; n++) {
                int i = (int) (n % ring);
                int via = (int) (records.words()[at(s) + 1 + (i >>> 1)] >>> ((i & 1) << 5));
                out.accept(new Dispatch(n, (Presence) refs[s * refStride + 1 + i], via));
            }
        }
        Outbox box = (Outbox) refs[s * refStride];
        for (Presence p = box == null ? null : box.poll(); p != null; p = box.poll()) {
            long n = send(s, p, box.polledVia());
            out.accept(new Dispatch(n, p, box.polledVia()));
        }
        return check;
    }

    /**
     * Reads the records of {@code slots[0..count)} once, in a loop that does nothing else, so that their cache misses
     * overlap (a delivery loop that reads one record, works on it, then reads the next waits for each miss in turn).
     * Changes nothing; returns a value the caller keeps so the reads are not optimised away.
     */
    public long touch(int[] slots, int count) {
        long[] w = records.words();
        int stride = records.stride();
        long sum = 0;
        for (int i = 0; i < count; i++) {
            int s = slots[i];
            if (s >= 0 && s < capacity) {
                int b = s * stride;
                sum += w[b] + w[b + stride - 1];
            }
        }
        return sum;
    }

    // ------------------------------------------------------------------ the owner's words

    /**
     * The records' array, for an owner reading its words in a hot loop: word {@code k} of slot {@code s} is at
     * {@code words()[wordIndex(s, k)]}. The array is replaced when the slots grow ({@link #open} of a new slot), so
     * read it again after an open.
     */
    public long[] words() {
        return records.words();
    }

    /** Where word {@code k} (0 to extraWords - 1) of slot {@code s} is in {@link #words()}. */
    public int wordIndex(int s, int k) {
        return at(s) + extraBase + k;
    }

    /** Word {@code k} of slot {@code s}. */
    public long word(int s, int k) {
        return records.words()[at(s) + extraBase + k];
    }

    /** Sets word {@code k} of slot {@code s}. */
    public void word(int s, int k, long value) {
        records.words()[at(s) + extraBase + k] = value;
    }
}
