package org.sysmodels.irp.host.workload;

/** What the workload reports as requests come and go (the run's metrics listen). */
public interface WorkloadListener {

    WorkloadListener NONE = new WorkloadListener() {
    };

    /** A request is about to go down (the system service is calling IoCallDriver). */
    default void started(Op op, int major, long at) {
    }

    /** IoCallDriver returned for a request: STATUS_PENDING or its final status. */
    default void issued(Op op, int major, boolean pended, long at) {
    }

    /** The I/O manager finished a request. */
    default void finished(Op op, int major, int status, long latencyNs, boolean cancelRequested, boolean pended,
                          long at) {
    }

    /** A cancel was attempted: what IoCancelIrp returned (false: no cancel routine, or already finished). */
    default void cancelAttempted(CancelPlan.Kind kind, boolean routineCalled, long at) {
    }
}
