package org.sysmodels.presence.model.session;

import java.util.function.Consumer;

/** The last {@code capacity} dispatches in a ring, in the order they were sent; replayed oldest first. */
public final class ReplayRing implements ReplayBuffer {

    private final Dispatch[] ring;
    private long count;
    private long evictedUpTo;

    public ReplayRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a replay ring holds at least one dispatch");
        }
        ring = new Dispatch[capacity];
    }

    @Override
    public void sent(Dispatch d) {
        int i = (int) (count % ring.length);
        if (count > 0) {
            Dispatch last = ring[(int) ((count - 1) % ring.length)];
            if (d.seq() <= last.seq()) {
                throw new IllegalArgumentException("dispatch " + d.seq() + " after " + last.seq()
                        + ": sequence numbers grow");
            }
        }
        if (ring[i] != null) {
            evictedUpTo = ring[i].seq();
        }
        ring[i] = d;
        count++;
    }

    @Override
    public long evictedUpTo() {
        return evictedUpTo;
    }

    @Override
    public void replayAfter(long clientSeq, Consumer<Dispatch> out) {
        long first = Math.max(0, count - ring.length);
        for (long k = first; k < count; k++) {
            Dispatch d = ring[(int) (k % ring.length)];
            if (d.seq() > clientSeq) {
                out.accept(d);
            }
        }
    }
}
