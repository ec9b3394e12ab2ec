package org.sysmodels.presence.model.expiry;

/**
 * Deadlines keyed by a small int (a session slot): a heartbeat moves its session's deadline, {@link #advance} fires
 * every deadline that has passed. The reference is {@link TimingWheel} (O(1) per heartbeat); a bug lab swaps in a
 * queue that scans every entry on each tick, which is correct but costs O(sessions) per tick.
 */
public interface ExpiryQueue {

    /** Sets (or moves) the deadline of {@code id}. */
    void schedule(int id, long deadline);

    /**
     * Moves a scheduled deadline later without touching the queue's structure: one store. The entry is re-filed
     * only when its old slot comes due and the new deadline has not (the re-arm trick of Netty's
     * {@code IdleStateHandler}, which checks the last read time when its timer fires). A heartbeat does this. An
     * earlier deadline, or an id not scheduled, is a {@link #schedule}.
     */
    default void extend(int id, long deadline) {
        schedule(id, deadline);
    }

    /** Removes {@code id}'s deadline, if it has one. */
    void cancel(int id);

    boolean isScheduled(int id);

    /** The deadline of a scheduled id. */
    long deadline(int id);

    /** Scheduled ids. */
    int size();

    /**
     * Fires, in deadline order at the queue's resolution, every id whose deadline is at or before {@code now}; the
     * listener may schedule again. @return how many fired
     */
    int advance(long now, Listener listener);

    /** Entries touched so far while expiring (fired, moved between levels, or scanned): the cost the labs compare. */
    long work();

    /** Told of each id whose deadline passed (it is no longer scheduled when this is called). */
    @FunctionalInterface
    interface Listener {
        void expired(int id, long deadline, long now);
    }
}
