package org.sysmodels.sensor.host.rtic;

/** Task timing of an RTIC application, for checks and traces. */
public interface TaskListener {

    /** A task instance was released at {@code release} (its timer fired); it must finish by release + deadline. */
    default void released(String task, long release, long deadline) {
    }

    /**
     * A task instance completed: released at {@code release} (its timer fired or it was spawned), finished at
     * {@code end}. {@code bound} is the analysed worst-case response time (−1 when the task set fails the analysis),
     * {@code deadline} the relative deadline.
     */
    void completed(String task, long release, long end, long bound, long deadline);
}
