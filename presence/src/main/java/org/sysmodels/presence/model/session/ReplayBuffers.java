package org.sysmodels.presence.model.session;

import java.util.function.Consumer;
import org.sysmodels.presence.model.presence.Presence;

/**
 * The {@link ReplayBuffer}s of every session of a gateway node, addressed by session slot: what a node with millions
 * of sessions keeps instead of an object per session. The simulation's reference ring lives inside
 * {@link Subscribers}' records ({@link Subscribers#withRings}); {@link ReplayRings} is the same ring in flat arrays;
 * {@link OnePerSession} adapts any single-session {@link ReplayBuffer} (a bug lab's).
 */
public interface ReplayBuffers {

    /** Forgets what slot {@code session} kept (a new session takes the slot, or the session ended). */
    void clear(int session);

    /** Records a dispatch just sent to {@code session} (as {@link ReplayBuffer#sent}). */
    void sent(int session, long seq, Presence presence, int via);

    /** As {@link ReplayBuffer#evictedUpTo}, for {@code session}. */
    long evictedUpTo(int session);

    /** As {@link ReplayBuffer#replayAfter}, for {@code session}. */
    void replayAfter(int session, long clientSeq, Consumer<Dispatch> out);
}
