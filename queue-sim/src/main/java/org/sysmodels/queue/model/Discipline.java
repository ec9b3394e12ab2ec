package org.sysmodels.queue.model;

/**
 * The waiting line in front of the server: which waiting job the server takes next. M/M/1 as Kleinrock states it is
 * first come, first served (Queueing Systems vol. 1, §3.2), so the reference is a FIFO ring; this is also the slot a
 * student fills ({@code sim queue --discipline MyDiscipline.java}).
 *
 * <p>A job is known by its arrival time in virtual nanoseconds. The queue calls {@link #take()} only when
 * {@link #isEmpty()} is false.
 */
public interface Discipline {

    /** A job arrived at {@code arrivalTime} and must wait: keep it. */
    void add(long arrivalTime);

    /** Removes and returns the job the server serves next (its arrival time). */
    long take();

    /** True when no job waits. */
    boolean isEmpty();
}
