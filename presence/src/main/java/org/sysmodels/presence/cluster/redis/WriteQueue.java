package org.sysmodels.presence.cluster.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * A node's session writes on their way to {@code write.lua}, batched. The first write after a quiet spell goes out
 * behind the tasks already waiting on the presence thread, so alone it goes at once; after that, calls go out
 * {@link #LINGER_NS} apart at most, and while one is out the queue waits for its answer (Nagle's rule, RFC 896,
 * applied to the script: one call in flight). Under load one call so carries every change of a linger: one script
 * run, one log entry and one read per node for them all. Redis's cost is mostly per request (its CPU time per change
 * fell by about a third when calls went from one per turn to one per linger, the heartbeats riding along), so the
 * requests per change fall as the rate rises, and a change waits at most a linger or a round trip more. Presence
 * thread only.
 */
final class WriteQueue {

    /**
     * Write calls go out at most once per this (Kafka's producer {@code linger.ms} waits up to 5 ms by default to
     * batch; here 2 ms of issue 15's 20 ms delivery target).
     */
    static final long LINGER_NS = 2_000_000L;
    /** Sessions written by one write.lua call at most (its arguments: 10 per session). */
    static final int WRITE_BATCH = 512;

    /** What the node does with write.lua's answers (on the presence thread). */
    interface Replies {
        /**
         * A script's answer about session {@code id}: {"taken", generation, node}, {"gone"}, {"foreign", type} (or
         * {"ok"}).
         */
        void written(String id, List<?> reply);

        void failed(String what, Throwable err);

        /** A call was answered (after its writes' answers were handled). */
        void answered();
    }

    private final RedisLink link;
    private final String node;
    private final ClusterStats stats;
    private final Executor owner;
    private final LongSupplier clock;
    private final BooleanSupplier halted;
    private final Replies replies;
    private final List<RedisLink.Write> queued = new ArrayList<>();
    /** Per queued write, its future if someone awaits its answer, else null. */
    private final List<CompletableFuture<Void>> queuedDone = new ArrayList<>();
    /** The load generator's send times of the queued writes ({@link Hops}; only when on). */
    private final List<Long> queuedSent = new ArrayList<>();
    private boolean sendScheduled;
    private int inFlight;
    /** Sessions queued or sent and not yet answered. */
    private int unanswered;
    private long lastSendNs = Long.MIN_VALUE / 2;

    WriteQueue(RedisLink link, String node, ClusterStats stats, Executor owner, LongSupplier clock,
               BooleanSupplier halted, Replies replies) {
        this.link = link;
        this.node = node;
        this.stats = stats;
        this.owner = owner;
        this.clock = clock;
        this.halted = halted;
        this.replies = replies;
    }

    /**
     * Queues one session's record for the next call, with nobody waiting for its answer (a status change, a
     * heartbeat's renewal); {@code sentNs} is the load's send time it carries, if {@link Hops} are on (else 0).
     */
    void add(RedisLink.Write w, long sentNs) {
        queue(w, null, sentNs);
    }

    /** Queues one session's record for the next call. @return done when Redis has answered for it */
    CompletionStage<Void> addAwaited(RedisLink.Write w) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue(w, done, 0);
        return done;
    }

    private void queue(RedisLink.Write w, CompletableFuture<Void> done, long sentNs) {
        unanswered++;
        queued.add(w);
        queuedDone.add(done);
        if (Hops.ON) {
            queuedSent.add(sentNs);
        }
        if (!sendScheduled && inFlight == 0) {
            scheduleSend();
        }
    }

    /** Session writes queued or sent and not yet answered. */
    int unanswered() {
        return unanswered;
    }

    private void scheduleSend() {
        sendScheduled = true;
        long wait = lastSendNs + LINGER_NS - clock.getAsLong();
        if (wait <= 0) {
            owner.execute(this::flush);
        } else {
            link.later(wait, () -> owner.execute(this::flush));
        }
    }

    /**
     * Sends the queued writes now, at most {@link #WRITE_BATCH} per call. Every other command to Redis calls this
     * first, so commands reach Redis in the order the presence thread issued them (an end never overtakes the open
     * of its session).
     */
    void flush() {
        sendScheduled = false;
        if (!queued.isEmpty()) {
            lastSendNs = clock.getAsLong();
        }
        while (!queued.isEmpty()) {
            int n = Math.min(WRITE_BATCH, queued.size());
            List<RedisLink.Write> batch = List.copyOf(queued.subList(0, n));
            List<CompletableFuture<Void>> done = awaited(n);
            queued.subList(0, n).clear();
            queuedDone.subList(0, n).clear();
            long[] sent = Hops.ON ? hopsIssued(n) : null;
            if (halted.getAsBoolean()) {
                unanswered -= n;
                done.forEach(d -> d.complete(null));
                continue;
            }
            stats.writeCalls.incrementAndGet();
            inFlight++;
            CompletionStage<List<Object>> call = link.write(node, batch);
            if (sent != null) {
                call.whenComplete((a, e) -> {
                    long at = System.nanoTime();
                    for (long t : sent) {
                        Hops.record(Hops.Hop.A_REPLIED, t, at);
                    }
                });
            }
            call.whenCompleteAsync((answers, err) -> {
                unanswered -= n;
                inFlight--;
                if (err != null) {
                    replies.failed("writing sessions", err);
                    done.forEach(d -> d.completeExceptionally(err));
                } else {
                    // only the writes that did not go through are named: index, then "taken", gen, node or "gone"
                    // or "foreign", type
                    for (int i = 0; i < answers.size(); ) {
                        int at = answers.get(i) instanceof Long l ? l.intValue() - 1 : -1;
                        int size = switch (String.valueOf(i + 1 < answers.size() ? answers.get(i + 1) : null)) {
                            case "taken" -> 3;
                            case "foreign" -> 2;
                            default -> 1;
                        };
                        if (at >= 0 && at < n && i + 1 + size <= answers.size()) {
                            replies.written(batch.get(at).sid(), answers.subList(i + 1, i + 1 + size));
                        }
                        i += 1 + size;
                    }
                    done.forEach(d -> d.complete(null));
                }
                if (sent != null) {
                    long at = System.nanoTime();
                    for (long t : sent) {
                        Hops.record(Hops.Hop.A_ANSWERED, t, at);
                    }
                }
                if (inFlight == 0 && !sendScheduled && !queued.isEmpty()) {
                    scheduleSend();
                }
                replies.answered();
            }, owner);
        }
    }

    /** The futures of the first {@code n} queued writes that someone awaits (most have none: an empty list). */
    private List<CompletableFuture<Void>> awaited(int n) {
        List<CompletableFuture<Void>> done = List.of();
        for (int i = 0; i < n; i++) {
            CompletableFuture<Void> d = queuedDone.get(i);
            if (d != null) {
                if (done.isEmpty()) {
                    done = new ArrayList<>();
                }
                done.add(d);
            }
        }
        return done;
    }

    /** Records {@link Hops.Hop#A_ISSUED} for the first {@code n} queued send times, and takes them off. */
    private long[] hopsIssued(int n) {
        long[] sent = new long[n];
        long at = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sent[i] = queuedSent.get(i);
            Hops.record(Hops.Hop.A_ISSUED, sent[i], at);
        }
        queuedSent.subList(0, n).clear();
        return sent;
    }
}
