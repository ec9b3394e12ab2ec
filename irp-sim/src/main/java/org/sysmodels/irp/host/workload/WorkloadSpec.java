package org.sysmodels.irp.host.workload;

import org.sysmodels.core.random.Distribution;

/**
 * What the user threads do: how many threads, how many requests each keeps outstanding (1 is a synchronous handle:
 * the thread waits for each request), closed loop (issue the next after a think time) or open (arrivals at a rate per
 * second across all threads), how many requests in all or for how long, the mix, and the cancellations.
 *
 * @param requests total requests to issue (0: use {@code durationNs})
 * @param durationNs how long to issue requests for (0: use {@code requests})
 * @param drainNs after issuing stops, how long in-flight requests may take before they count as leaked
 */
public record WorkloadSpec(int threads, int iodepth, boolean open, double ratePerSecond, Distribution think,
                           long requests, long durationNs, long drainNs, RequestMix mix, CancelPlan cancel) {

    public WorkloadSpec {
        if (threads < 1 || iodepth < 1) {
            throw new IllegalArgumentException("threads and iodepth are at least 1");
        }
        if (requests <= 0 && durationNs <= 0) {
            throw new IllegalArgumentException("a workload ends after a number of requests or a duration");
        }
        if (open && ratePerSecond <= 0) {
            throw new IllegalArgumentException("an open workload needs a positive rate");
        }
    }

    /** A synchronous handle: one request at a time per thread, finished inline when it does not pend. */
    public boolean synchronous() {
        return iodepth == 1;
    }
}
