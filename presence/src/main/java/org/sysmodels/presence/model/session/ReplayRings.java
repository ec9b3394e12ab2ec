package org.sysmodels.presence.model.session;

import java.util.Arrays;
import java.util.function.Consumer;
import org.sysmodels.presence.model.presence.Presence;

/**
 * {@link ReplayRing} for many sessions at once: each slot's ring is {@code capacity} consecutive entries of three
 * flat arrays (sequence, presence, guild), with the slot's count and eviction mark beside them. Same behaviour as one
 * {@link ReplayRing} per session (a property test holds them in lockstep), without the four objects per session a
 * ring costs (about 150 bytes at capacity 4 against 76 here), which at 10 M sessions is the difference between a heap
 * that fits and one that collects all the time.
 */
public final class ReplayRings implements ReplayBuffers {

    private final int capacity;
    private long[] seqs;
    private Presence[] presences;
    private int[] vias;
    private int[] counts;           // dispatches kept so far, capped at 2 * capacity (only count mod capacity matters
                                    // once full, and whether it is full)
    private long[] evictedUpTo;

    public ReplayRings(int capacity, int expectedSessions) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a replay ring holds at least one dispatch");
        }
        this.capacity = capacity;
        int n = Math.max(16, expectedSessions);
        seqs = new long[n * capacity];
        presences = new Presence[n * capacity];
        vias = new int[n * capacity];
        counts = new int[n];
        evictedUpTo = new long[n];
    }

    private void ensure(int s) {
        if (s >= counts.length) {
            int n = Math.max(counts.length * 2, s + 1);
            seqs = Arrays.copyOf(seqs, n * capacity);
            presences = Arrays.copyOf(presences, n * capacity);
            vias = Arrays.copyOf(vias, n * capacity);
            counts = Arrays.copyOf(counts, n);
            evictedUpTo = Arrays.copyOf(evictedUpTo, n);
        }
    }

    @Override
    public void clear(int s) {
        ensure(s);
        counts[s] = 0;
        evictedUpTo[s] = 0;
        Arrays.fill(presences, s * capacity, (s + 1) * capacity, null);
    }

    @Override
    public void sent(int s, long seq, Presence presence, int via) {
        ensure(s);
        int count = counts[s];
        int base = s * capacity;
        if (count > 0 && seq <= seqs[base + (count - 1) % capacity]) {
            throw new IllegalArgumentException("dispatch " + seq + " after " + seqs[base + (count - 1) % capacity]
                    + ": sequence numbers grow");
        }
        int i = base + count % capacity;
        if (count >= capacity) {
            evictedUpTo[s] = seqs[i];
        }
        seqs[i] = seq;
        presences[i] = presence;
        vias[i] = via;
        // keep the position mod capacity and the "full" bit, without overflow
        counts[s] = count + 1 < 2 * capacity ? count + 1 : capacity + (count + 1) % capacity;
    }

    @Override
    public long evictedUpTo(int s) {
        return s < counts.length ? evictedUpTo[s] : 0;
    }

    @Override
    public void replayAfter(int s, long clientSeq, Consumer<Dispatch> out) {
        if (s >= counts.length) {
            return;
        }
        int count = counts[s];
        int base = s * capacity;
        for (int k = Math.max(0, count - capacity); k < count; k++) {
            int i = base + k % capacity;
            if (seqs[i] > clientSeq) {
                out.accept(new Dispatch(seqs[i], presences[i], vias[i]));
            }
        }
    }
}
