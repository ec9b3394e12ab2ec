package org.sysmodels.presence.run;

import java.util.function.IntConsumer;
import org.sysmodels.presence.model.presence.Presence;

/**
 * Runs the shards of one simulation side by side on their own threads, in windows of {@code backboneMin} virtual
 * time (conservative parallel discrete-event simulation, Chandy and Misra 1979: no shard can receive anything inside
 * a window that it has not already been given, because every message between shards takes at least that long).
 *
 * <p>Windows lie on a fixed grid of multiples of the window, whatever points {@link #runUntil} is asked to stop at.
 * A presence shard {@code a} publishes at {@code t} goes into the ring {@code a → b} of every other shard with its
 * arrival time {@code t + backboneMin}; it arrives in a later window. At each grid barrier every shard moves what its
 * rings hold into its inboxes, merges them in the order (arrival time, sending shard, order sent) and schedules them;
 * only then does the next window begin. So what each shard does is a function of the seed and the shard count only:
 * which thread ran first, or how long one was held up, changes nothing.
 *
 * <p>A presence goes only to the shards that hold a watcher of its user ({@link WatcherShards}): elsewhere its fan-out
 * would reach nobody and its copy would never be read. When no shard watches another's users (the shards are
 * independent), nothing crosses at all, and each shard runs straight to the stopping point on its thread, with no
 * windows and no barriers: a shard's run then depends only on its own state, as when it waited at every barrier.
 *
 * <p>One shard needs none of this: {@link #runUntil} then simply runs its scheduler on the calling thread.
 */
final class Lockstep implements Split {

    private static final int RING = 1 << 14;

    private final Shard[] shards;
    private final long window;
    private final ShardRing[][] rings;
    private final ShardRing.Inbox[][] inboxes;
    private final WindowBarrier barrier;
    private final IntConsumer beforeWindow;
    private final WatcherShards watchers;
    private long now;
    long crossMessages;
    /** Presences not sent to a shard with no watcher of their user (summed after each {@link #runUntil}). */
    long unwatched;
    private final long[] sent;
    private final long[] unsent;

    /**
     * @param beforeWindow called by each shard's thread before each window (tests hold threads up with it)
     * @param watchers which shards watch each user (null with one shard)
     */
    Lockstep(Shard[] shards, long window, IntConsumer beforeWindow, WatcherShards watchers) {
        int k = shards.length;
        if (k > 1 && window <= 0) {
            throw new IllegalArgumentException("a run in " + k + " shards needs backboneMin > 0 (the window)");
        }
        this.shards = shards;
        this.window = window;
        this.beforeWindow = beforeWindow;
        this.watchers = watchers;
        this.unsent = new long[k];
        this.rings = new ShardRing[k][k];
        this.inboxes = new ShardRing.Inbox[k][k];
        this.sent = new long[k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                if (a != b) {
                    rings[a][b] = new ShardRing(RING);
                    inboxes[b][a] = new ShardRing.Inbox();
                }
            }
        }
        this.barrier = new WindowBarrier(k);
    }

    /** Called on shard {@code from}'s thread while it runs its window. */
    void publish(int from, long at, Presence p) {
        long arrival = at + window;
        for (int to = 0; to < shards.length; to++) {
            if (to == from) {
                continue;
            }
            if (!watchers.watchedIn(p.user(), to)) {
                unsent[from]++;
                continue;
            }
            ShardRing ring = rings[from][to];
            int spins = 0;
            while (!ring.offer(arrival, p)) {
                // full: the receiver drains at its barrier; drain ours meanwhile so two full rings cannot deadlock
                drainRings(from);
                if (++spins > 1_000) {
                    Thread.yield();
                }
            }
            sent[from]++;
        }
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public long crossMessages() {
        return crossMessages;
    }

    @Override
    public long unwatched() {
        return unwatched;
    }

    /** True when the shards never need each other's presences and run without windows. */
    @Override
    public boolean independent() {
        return watchers != null && watchers.independent();
    }

    /** Runs every shard up to virtual time {@code t} (inclusive); returns when all are there. */
    @Override
    public void runUntil(long t) {
        if (t <= now) {
            return;
        }
        if (shards.length == 1) {
            shards[0].sched.runUntil(t);
            now = t;
            return;
        }
        SideBySide.run(shards.length, "presence-shard", k -> runShard(k, t), barrier::breakIt);
        long total = 0;
        long skipped = 0;
        for (int k = 0; k < shards.length; k++) {
            total += sent[k];
            skipped += unsent[k];
        }
        crossMessages = total;
        unwatched = skipped;
        now = t;
    }

    private void runShard(int k, long t) {
        if (independent()) {
            beforeWindow.accept(k);
            shards[k].sched.runUntil(t);
            return;
        }
        long at = now;
        while (at < t) {
            long gridEnd = (Math.floorDiv(at, window) + 1) * window;
            long end = Math.min(t, gridEnd);
            beforeWindow.accept(k);
            shards[k].sched.runUntil(end);
            barrier.await(() -> drainRings(k));
            // every shard has passed the barrier: all it sent before it is in our rings (acquire/release)
            drainRings(k);
            if (end == gridEnd) {
                scheduleInbound(k, end + window);
            }
            at = end;
        }
    }

    private void drainRings(int k) {
        for (int from = 0; from < shards.length; from++) {
            if (from != k) {
                rings[from][k].drainTo(inboxes[k][from]);
            }
        }
    }

    /**
     * Merges shard {@code k}'s inboxes by (arrival, sender, order sent) and schedules every message sent up to the
     * barrier (arriving by {@code limit}); a faster shard may already have sent more for the next window, which stays
     * in the inbox for the next grid barrier, so where the messages join the scheduler never depends on timing.
     */
    private void scheduleInbound(int k, long limit) {
        ShardRing.Inbox[] in = inboxes[k];
        while (true) {
            int best = -1;
            for (int from = 0; from < in.length; from++) {
                ShardRing.Inbox box = in[from];
                if (box != null && box.hasNext() && box.at[box.next] <= limit
                        && (best < 0 || box.at[box.next] < in[best].at[in[best].next])) {
                    best = from;
                }
            }
            if (best < 0) {
                break;
            }
            ShardRing.Inbox box = in[best];
            shards[k].replicaArrives(box.at[box.next], box.items[box.next]);
            box.next++;
        }
        for (ShardRing.Inbox box : in) {
            if (box != null) {
                box.compact();
            }
        }
    }
}
