package org.sysmodels.nvme.host.driver;

/**
 * What the threaded host loop reports, on the host thread (the run-time checks turn it into findings). Times are
 * wall-clock here: the threads run for real.
 */
public interface ThreadedObserver {

    ThreadedObserver NONE = new ThreadedObserver() {
    };

    /**
     * No completion arrived for {@code wallNanos} of wall-clock time with {@code inFlight} commands out.
     * @param deviceFailure what the device thread threw, or null
     */
    default void stalled(long wallNanos, int inFlight, Throwable deviceFailure) {
    }

    /** A completion on queue {@code qid} for a CID that is not in flight (lost ordering or a duplicate). */
    default void unknownCompletion(int qid, int cid) {
    }

    /** A read of {@code lba} on queue {@code qid} returned a block stamped for another LBA. */
    default void wrongData(int qid, long lba, long stamp) {
    }
}
