package org.sysmodels.presence.model.session;

/**
 * Whether a Resume's {@code seq} can be honoured: a seq above the last one sent is invalid ("4007 Invalid seq: the
 * sequence sent when resuming the session was invalid", opcodes-and-status-codes.mdx); one at or behind a dispatch
 * the replay buffer already dropped cannot be caught up, so the session is not resumable (Invalid Session, d = false).
 */
public enum ResumeCheck {
    OK,
    SEQ_AHEAD,
    GAP_TOO_OLD;

    public static ResumeCheck of(long clientSeq, long lastSent, ReplayBuffer replay) {
        return of(clientSeq, lastSent, replay.evictedUpTo());
    }

    /** The same, given the replay buffer's {@link ReplayBuffer#evictedUpTo()}. */
    public static ResumeCheck of(long clientSeq, long lastSent, long evictedUpTo) {
        if (clientSeq < 0 || clientSeq > lastSent) {
            return SEQ_AHEAD;
        }
        if (clientSeq < evictedUpTo) {
            return GAP_TOO_OLD;
        }
        return OK;
    }
}
