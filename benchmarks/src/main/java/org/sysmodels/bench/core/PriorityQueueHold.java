package org.sysmodels.bench.core;

import java.util.PriorityQueue;

/**
 * The peer: the same hold model as a plain {@code java.util.PriorityQueue} loop, ordered by (time, insertion number)
 * like the scheduler. Event objects are reused (poll, update, offer), so it allocates nothing per event either.
 */
public final class PriorityQueueHold {

    static final class Event implements Comparable<Event> {
        long time;
        long seq;
        final long id;

        Event(long time, long seq, long id) {
            this.time = time;
            this.seq = seq;
            this.id = id;
        }

        @Override
        public int compareTo(Event o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Event> queue;
    private final long[] increments;
    private int next;
    private long seq;
    private long now;
    long checksum;

    public PriorityQueueHold(int pending, long seed) {
        this.queue = new PriorityQueue<>(pending);
        this.increments = HoldModel.increments(seed);
        long[] initial = HoldModel.initialTimes(pending, seed);
        for (int i = 0; i < pending; i++) {
            queue.add(new Event(initial[i], seq++, i));
        }
    }

    /** Runs {@code n} events. */
    public void steps(int n) {
        for (int i = 0; i < n; i++) {
            Event e = queue.poll();
            now = e.time;
            checksum += e.id ^ now;
            e.time = now + increments[next++ & (HoldModel.INCREMENTS - 1)];
            e.seq = seq++;
            queue.add(e);
        }
    }

    public long checksum() {
        return checksum;
    }

    public long now() {
        return now;
    }
}
