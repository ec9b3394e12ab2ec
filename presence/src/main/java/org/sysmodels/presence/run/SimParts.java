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
import org.sysmodels.presence.model.session.ReplayRing;

/**
 * The swappable parts of a presence service: how sessions combine into one presence, the expiry queue (given its
 * tick), each subscriber's outbox, and each session's replay buffer (given its capacity). A bug lab swaps one part
 * for a variant from {@code host/labs}; the reference parts are never changed by a flag.
 */
public record SimParts(Supplier<Aggregator> aggregator, LongFunction<ExpiryQueue> expiry, Supplier<Outbox> outbox,
                       IntFunction<ReplayBuffer> replay) {

    public static SimParts reference() {
        return new SimParts(StatusPrecedence::new, tick -> TimingWheel.of(tick, 0), CoalescingOutbox::new,
                ReplayRing::new);
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

    public SimParts withReplay(IntFunction<ReplayBuffer> r) {
        return new SimParts(aggregator, expiry, outbox, r);
    }
}
