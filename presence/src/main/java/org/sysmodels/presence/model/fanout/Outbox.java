package org.sysmodels.presence.model.fanout;

import org.sysmodels.presence.model.presence.Presence;

/**
 * What one subscriber (a session) still has to be sent. The reference, {@link CoalescingOutbox}, has watch
 * semantics (tokio::sync::watch: "only the most recent value is retained"; a slow receiver skips intermediate
 * values): it holds at most one presence per user, the newest, so a slow subscriber costs memory bounded by the
 * number of users it watches. A bug lab swaps in a plain FIFO queue, which grows without bound under a slow reader.
 */
public interface Outbox {

    /**
     * Queues {@code p} for sending, reached through guild {@code via} (-1: a friend); an older or equal version of a
     * user already pending is not queued again.
     */
    void offer(Presence p, int via);

    /** The presence to send next (first pending first), or null when nothing is pending. */
    Presence poll();

    /** The relation of the presence the last {@link #poll} returned. */
    int polledVia();

    /** Pending entries. */
    int size();

    /** Pending entries for {@code user} (at most 1 with watch semantics). */
    int pendingFor(int user);

    default boolean isEmpty() {
        return size() == 0;
    }

    /** Drops everything pending (the session ended). */
    void clear();
}
