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
 * slot's open bit and last sequence number, the guilds of its replay ring, and {@code extraWords} words its owner,
 * the gateway node, keeps there: {@link #words()}, {@link #word}) and one record of an {@code Object[]} (the outbox,
 * made on first use, and the presences of the replay ring). A delivery to a random session among millions then
 * misses the cache for one or two lines instead of one per array (about a dozen when each field had its own array).
 *
 * <p>The reference replay ring ({@link #withRings}) keeps no sequence numbers of its own: a session's dispatches are
 * numbered 1, 2, 3, ... from the slot's open, and every one goes into the ring, so the ring holds the dispatches
 * {@code seq - capacity + 1 .. seq} at positions {@code seq mod capacity}, and the last evicted one is
 * {@code seq - capacity}. A bug lab's replay buffers ({@link ReplayBuffers}) are kept beside the records instead.
 */
public final class Subscribers {

    private static final long OPEN = 1;

    private final Supplier<Outbox> outboxes;
    private final ReplayBuffers replays;       // null: the reference ring, inline in the records
    private final int ring;                    // inline ring capacity (0 with separate replay buffers)
    private final int viaWords;                // longs holding the ring's guilds, two per long
    private final int extraBase;
    private final int wordStride;
    private final int refStride;
    private int capacity;
    private long[] words;                      // per slot: seq << 1 | open, ring guilds, owner's words
    private Object[] refs;                     // per slot: outbox, ring presences

    /** With a separate replay buffer per slot ({@code replays}), and no owner's words. */
    public Subscribers(Supplier<Outbox> outboxes, ReplayBuffers replays, int expectedSessions) {
        this(outboxes, replays, 0, expectedSessions, 0);
    }

    /** With a separate replay buffer per slot ({@code replays}) and {@code extraWords} owner's words per slot. */
    public Subscribers(Supplier<Outbox> outboxes, ReplayBuffers replays, int expectedSessions, int extraWords) {
        this(outboxes, replays, 0, expectedSessions, extraWords);
    }

    /** The reference: a replay ring of {@code capacity} dispatches per slot inside the slot's records. */
    public static Subscribers withRings(Supplier<Outbox> outboxes, int capacity, int expectedSessions,
                                        int extraWords) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a replay ring holds at least one dispatch");
        }
        return new Subscribers(outboxes, null, capacity, expectedSessions, extraWords);
    }

    private Subscribers(Supplier<Outbox> outboxes, ReplayBuffers replays, int ring, int expectedSessions,
                        int extraWords) {
        if (extraWords < 0) {
            throw new IllegalArgumentException("extra words " + extraWords + " < 0");
        }
        this.outboxes = outboxes;
        this.replays = replays;
        this.ring = ring;
        this.viaWords = (ring + 1) / 2;
        this.extraBase = 1 + viaWords;
        this.wordStride = extraBase + extraWords;
        this.refStride = 1 + ring;
        capacity = Math.max(16, expectedSessions);
        words = new long[Math.multiplyExact(capacity, wordStride)];
        refs = new Object[Math.multiplyExact(capacity, refStride)];
    }

    private void ensure(int s) {
        if (s >= capacity) {
            int n = Math.max(capacity * 2, s + 1);
            words = Arrays.copyOf(words, Math.multiplyExact(n, wordStride));
            refs = Arrays.copyOf(refs, Math.multiplyExact(n, refStride));
            capacity = n;
        }
    }

    /** A new session in slot {@code s}: nothing sent, nothing pending, nothing kept; the owner's words are zero. */
    public void open(int s) {
        ensure(s);
        Arrays.fill(words, s * wordStride, (s + 1) * wordStride, 0L);
        words[s * wordStride] = OPEN;
        Arrays.fill(refs, s * refStride, (s + 1) * refStride, null);
        if (replays != null) {
            replays.clear(s);
        }
    }

    /** The session in slot {@code s} ended: its state is dropped (the owner's words stay until the next open). */
    public void close(int s) {
        if (s < capacity) {
            words[s * wordStride] &= ~OPEN;
            Arrays.fill(refs, s * refStride, (s + 1) * refStride, null);
            if (replays != null) {
                replays.clear(s);
            }
        }
    }

    /** True while slot {@code s} holds a session (opened and not closed). */
    public boolean isOpen(int s) {
        return s >= 0 && s < capacity && (words[s * wordStride] & OPEN) != 0;
    }

    /** Slots so far (every opened slot is below this). */
    public int capacity() {
        return capacity;
    }

    /** The last sequence number handed out to {@code s} (0 before the first dispatch). */
    public long seq(int s) {
        return words[s * wordStride] >>> 1;
    }

    /** True when nothing waits to be sent to {@code s} (without making an outbox). */
    public boolean nothingPending(int s) {
        Outbox box = (Outbox) refs[s * refStride];
        return box == null || box.isEmpty();
    }

    /** The outbox of {@code s} (made on first use). */
    public Outbox outbox(int s) {
        Outbox box = (Outbox) refs[s * refStride];
        if (box == null) {
            box = outboxes.get();
            refs[s * refStride] = box;
        }
        return box;
    }

    /** Stamps {@code p} with the next sequence number of {@code s}, keeps it for replay, and returns the number. */
    public long send(int s, Presence p, int via) {
        int w = s * wordStride;
        long n = (words[w] >>> 1) + 1;
        words[w] = n << 1 | (words[w] & OPEN);
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
                int via = (int) (words[s * wordStride + 1 + (i >>> 1)] >>> ((i & 1) << 5));
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
     * Reads each word record from its first word to the owner's word {@code ownerWords - 1}, the last one a delivery
     * reads (the owner keeps its rarely read words after those), so a record whose unused tail lies on the next cache
     * line does not fetch that line. Changes nothing; returns a value the caller keeps so the reads are not optimised
     * away.
     */
    public long touch(int[] slots, int count, int ownerWords) {
        long[] w = words;
        Object[] r = refs;
        int last = extraBase + Math.max(0, Math.min(ownerWords, wordStride - extraBase)) - 1;
        long sum = 0;
        for (int i = 0; i < count; i++) {
            int s = slots[i];
            if (s >= 0 && s < capacity) {
                int b = s * wordStride;
                sum += w[b] + w[b + last];
                sum += r[s * refStride] == null ? 0 : 1;
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
        return words;
    }

    /** Where word {@code k} (0 to extraWords - 1) of slot {@code s} is in {@link #words()}. */
    public int wordIndex(int s, int k) {
        return s * wordStride + extraBase + k;
    }

    /** Word {@code k} of slot {@code s}. */
    public long word(int s, int k) {
        return words[s * wordStride + extraBase + k];
    }

    /** Sets word {@code k} of slot {@code s}. */
    public void word(int s, int k, long value) {
        words[s * wordStride + extraBase + k] = value;
    }
}
