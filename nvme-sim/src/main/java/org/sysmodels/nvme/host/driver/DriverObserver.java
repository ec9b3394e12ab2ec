package org.sysmodels.nvme.host.driver;

/** What the reference driver reports to the run-time checker and the report. */
public interface DriverObserver {

    DriverObserver NONE = new DriverObserver() {
    };

    /** Probe finished: the I/O queues are up. */
    default void live(int queues, int depth, long now) {
    }

    /** A completion arrived for a CID with no command outstanding (Linux logs "invalid id ... completed"). */
    default void unknownCompletion(int qid, int cid, long now) {
    }

    /** The driver resets the controller. */
    default void reset(String why, long now) {
    }

    /** An Abort completed: whether the command was aborted. */
    default void abortResult(int qid, int cid, boolean aborted, long now) {
    }

    /** An Asynchronous Event Request completed with this Dword 0. */
    default void asyncEvent(int dw0, long now) {
    }
}
