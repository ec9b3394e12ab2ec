package org.sysmodels.presence.run;

import java.util.function.IntFunction;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.sysmodels.presence.model.aggregate.Aggregator;
import org.sysmodels.presence.model.aggregate.StatusPrecedence;
import org.sysmodels.presence.model.expiry.ExpiryQueue;
import org.sysmodels.presence.model.expiry.TimingWheel;
import org.sysmodels.presence.model.fanout.CoalescingOutbox;
import org.sysmodels.presence.model.fanout.Outbox;
import org.sysmodels.presence.model.session.ReplayBuffer;
import org.sysmodels.presence.model.session.OnePerSession;
import org.sysmodels.presence.model.session.ReplayBuffers;
import org.sysmodels.presence.model.session.ReplayRings;
import org.sysmodels.presence.scenario.PresenceScenario;

/**
 * The swappable parts of a presence service: how sessions combine into one presence, the expiry queue (given its
 * tick), each subscriber's outbox, and each session's replay buffer (given its capacity). A bug lab swaps one part
 * for a variant from {@code host/labs}; the reference parts are never changed by a flag.
 */
public record SimParts(Supplier<Aggregator> aggregator, LongFunction<ExpiryQueue> expiry, Supplier<Outbox> outbox,
                       Replays replay) {

    /** Makes a run's replay buffers: {@code capacity} dispatches per session, about {@code sessions} sessions. */
    @FunctionalInterface
    public interface Replays {
        ReplayBuffers make(int capacity, int sessions);

        /**
         * The reference: each session's ring of {@code capacity} dispatches inside the node's session records
         * ({@link org.sysmodels.presence.model.session.Subscribers#withRings}), where a delivery touches it without a
         * cache miss of its own. {@code make} gives the same rings as separate arrays ({@link ReplayRings}).
         */
        Replays RINGS = ReplayRings::new;

        /** One {@link ReplayBuffer} object per session, from {@code make} (given the capacity). */
        static Replays perSession(IntFunction<ReplayBuffer> make) {
            return (capacity, sessions) -> new OnePerSession(() -> make.apply(capacity));
        }
    }

    public static SimParts reference() {
        return new SimParts(StatusPrecedence::new, tick -> TimingWheel.of(tick, 0), CoalescingOutbox::new,
                Replays.RINGS);
    }

    /**
     * The session slots a run of {@code sc} is expected to use: the warm start's mean of (1 + maxSessions) / 2 per
     * user and a margin, so per-session arrays are made once at about the right size instead of doubling past it.
     */
    static int expectedSessions(PresenceScenario sc) {
        long n = (long) sc.users() * (1 + sc.maxSessions()) / 2;
        return (int) Math.min(Integer.MAX_VALUE - 16, n + n / 32 + 1024);
    }

    public SimParts withAggregator(Supplier<Aggregator> a) {
        return new SimParts(a, expiry, outbox, replay);
    }

    public SimParts withExpiry(LongFunction<ExpiryQueue> e) {
        return new SimParts(aggregator, e, outbox, replay);
    }

    public SimParts withOutbox(Supplier<Outbox> o) {
        return new SimParts(aggregator, expiry, o, replay);
    }

    public SimParts withReplay(Replays r) {
        return new SimParts(aggregator, expiry, outbox, r);
    }
}
