package org.sysmodels.presence.model.session;

import java.util.function.Consumer;
import org.sysmodels.presence.model.presence.Presence;

/**
 * The last {@code capacity} dispatches in a ring, in the order they were sent; replayed oldest first. Kept as
 * parallel arrays (sequence, presence, guild), so keeping a dispatch allocates nothing: the presence object is the
 * one every subscriber of the change shares.
 */
public final class ReplayRing implements ReplayBuffer {

    private final long[] seqs;
    private final Presence[] presences;
    private final int[] vias;
    private long count;
    private long evictedUpTo;

    public ReplayRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a replay ring holds at least one dispatch");
        }
        seqs = new long[capacity];
        presences = new Presence[capacity];
        vias = new int[capacity];
    }

    @Override
    public void sent(Dispatch d) {
        int n = seqs.length;
        if (count > 0 && d.seq() <= seqs[(int) ((count - 1) % n)]) {
            throw new IllegalArgumentException("dispatch " + d.seq() + " after " + seqs[(int) ((count - 1) % n)]
                    + ": sequence numbers grow");
        }
        int i = (int) (count % n);
        if (count >= n) {
            evictedUpTo = seqs[i];
        }
        seqs[i] = d.seq();
        presences[i] = d.presence();
        vias[i] = d.via();
        count++;
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
                out.accept(new Dispatch(seqs[i], presences[i], vias[i]));
            }
        }
    }
}
