package org.sysmodels.irp.host.workload;

import org.sysmodels.core.random.Distribution;

/**
 * How the workload cancels requests: each request is cancelled with a probability, after a delay drawn from a
 * distribution (counted from its issue), in one of the ways a user's program cancels I/O.
 */
public record CancelPlan(double probability, Distribution after, Kind kind) {

    /** How the cancel reaches the driver. */
    public enum Kind {
        /** CancelIoEx on the one request: IoCancelIrp. */
        CANCEL_IO,
        /** The issuing thread exits: IoCancelThreadIo cancels every IRP on its list. */
        THREAD_EXIT,
        /** Another thread closes the handle: IRP_MJ_CLEANUP, and the driver completes the file's queued IRPs. */
        CLOSE_HANDLE
    }

    public CancelPlan {
        if (probability < 0 || probability > 1) {
            throw new IllegalArgumentException("a cancel probability is in [0, 1]: " + probability);
        }
    }

    public static CancelPlan none() {
        return new CancelPlan(0, new Distribution.Fixed(0), Kind.CANCEL_IO);
    }
}
