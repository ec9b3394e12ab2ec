package org.sysmodels.queue.model;

/** What the queue tells its checks and tracers; every method has an empty default. Times are virtual ns. */
public interface QueueObserver {

    /** A job arrived; {@code inSystem} counts it. */
    default void arrived(long arrivalTime, long now, long inSystem) {
    }

    /** The server took the job that arrived at {@code arrivalTime}. */
    default void started(long arrivalTime, long now) {
    }

    /** The job that arrived at {@code arrivalTime} left. */
    default void departed(long arrivalTime, long now) {
    }

    /** The server went idle while {@code waiting} jobs had arrived and not been served. */
    default void idle(long now, long waiting) {
    }
}
