package org.sysmodels.presence.model.session;

import java.util.function.Consumer;

/**
 * The last dispatches sent to a session, kept so a Resume can replay what the client missed: "Discord will replay
 * any missed events in order" (discord-api-docs, gateway.mdx, "Resuming"). The reference is {@link ReplayRing}; a bug
 * lab swaps in one that replays out of order.
 */
public interface ReplayBuffer {

    /** Records a dispatch just sent (sequence numbers grow; READY and RESUMED take numbers but are not kept). */
    void sent(Dispatch d);

    /** The newest sequence number that was dropped to make room, or 0: a client behind it cannot be caught up. */
    long evictedUpTo();

    /** Replays every kept dispatch with a sequence above {@code clientSeq} into {@code out}. */
    void replayAfter(long clientSeq, Consumer<Dispatch> out);
}
