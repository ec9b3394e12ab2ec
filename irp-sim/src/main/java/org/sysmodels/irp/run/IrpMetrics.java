package org.sysmodels.irp.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sysmodels.core.metrics.Counter;
import org.sysmodels.core.metrics.LatencyHistogram;
import org.sysmodels.core.metrics.Metrics;
import org.sysmodels.core.metrics.TimeSeries;
import org.sysmodels.core.run.Table;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.irp.host.workload.CancelPlan;
import org.sysmodels.irp.host.workload.Op;
import org.sysmodels.irp.host.workload.WorkloadListener;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.io.IoObserver;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.IrpMajor;
import org.sysmodels.irp.model.io.RoutineFrame;

/**
 * What a run measures: latency per major function (HdrHistogram), requests finished, the share that pended, and how
 * cancel races ended: the cancel won (the request finished STATUS_CANCELLED) or the completion won (the request was
 * cancelled but finished with its real status, because it was not cancelable at that moment or had completed already).
 * As the kernel's observer it also counts IoCancelIrp per IRP and the cancel routines those calls found (a thread exit
 * is one IoCancelIrp per IRP on the thread's list; a handle's IRP_MJ_CLEANUP calls none, its driver completes the
 * file's queued IRPs STATUS_CANCELLED itself).
 */
public final class IrpMetrics implements WorkloadListener, IoObserver {

    private final Metrics metrics = new Metrics();
    private final LatencyHistogram[] byMajor = new LatencyHistogram[IrpMajor.IRP_MJ_MAXIMUM_FUNCTION + 1];
    private LatencyHistogram all;
    /** The width of {@link #completionsSeries()}' buckets: 100 us of virtual time. */
    static final long BUCKET_NS = 100_000;

    private final TimeSeries completions = new TimeSeries("finished per 100 us");
    private long issued;
    private long pended;
    private long finished;
    private long succeeded;
    private long failed;
    private int firstFailure;
    private int firstFailureMajor;
    private long finishedCancelled;
    private long cancelWon;
    private long completionWon;
    private final long[] userCancels = new long[CancelPlan.Kind.values().length];
    private long cancelIrpCalls;
    private long cancelRoutineCalls;
    private long firstIssue = -1;
    private long lastFinish;
    private long bucketStart;
    private long bucketCount;

    private final Counter issuedCounter;
    private final Counter finishedCounter;
    private final Counter cancelWonCounter;
    private final Counter completionWonCounter;

    public IrpMetrics() {
        issuedCounter = metrics.counter("requests issued");
        finishedCounter = metrics.counter("requests finished");
        cancelWonCounter = metrics.counter("cancel races won by the cancel");
        completionWonCounter = metrics.counter("cancel races won by the completion");
    }

    @Override
    public void started(Op op, int major, long at) {
        if (firstIssue < 0) {
            firstIssue = at;
        }
        issued++;
        issuedCounter.increment();
    }

    @Override
    public void issued(Op op, int major, boolean pendedNow, long at) {
        if (pendedNow) {
            pended++;
        }
    }

    @Override
    public void finished(Op op, int major, int status, long latencyNs, boolean cancelRequested, boolean pendedReq,
                         long at) {
        finished++;
        finishedCounter.increment();
        lastFinish = Math.max(lastFinish, at);
        if (NtStatus.isSuccess(status)) {
            succeeded++;
        } else if (status == NtStatus.STATUS_CANCELLED) {
            finishedCancelled++;
        } else if (failed++ == 0) {
            firstFailure = status;
            firstFailureMajor = major;
        }
        LatencyHistogram h = byMajor[major];
        if (h == null) {
            h = byMajor[major] = metrics.latency("latency " + IrpMajor.name(major));
        }
        h.record(Math.max(0, latencyNs));
        if (all == null) {
            all = new LatencyHistogram("all requests");
        }
        all.record(Math.max(0, latencyNs));
        if (cancelRequested) {
            if (status == NtStatus.STATUS_CANCELLED) {
                cancelWon++;
                cancelWonCounter.increment();
            } else {
                completionWon++;
                completionWonCounter.increment();
            }
        }
        if (at - bucketStart >= BUCKET_NS) {
            if (bucketCount > 0) {
                completions.add(bucketStart, bucketCount);
            }
            bucketStart = at - at % BUCKET_NS;
            bucketCount = 0;
        }
        bucketCount++;
    }

    @Override
    public void cancelAttempted(CancelPlan.Kind kind, boolean routineCalled, long at) {
        userCancels[kind.ordinal()]++;
    }

    @Override
    public void onCancelIrp(RoutineFrame caller, Irp irp, boolean cancelRoutineCalled) {
        cancelIrpCalls++;
        if (cancelRoutineCalled) {
            cancelRoutineCalls++;
        }
    }

    public long issued() {
        return issued;
    }

    public long finished() {
        return finished;
    }

    public long pended() {
        return pended;
    }

    public long cancelWon() {
        return cancelWon;
    }

    public long completionWon() {
        return completionWon;
    }

    /** What users did to cancel: CancelIoEx calls, thread exits and handle closes, all kinds together. */
    public long cancelAttempts() {
        long n = 0;
        for (long c : userCancels) {
            n += c;
        }
        return n;
    }

    /** IoCancelIrp calls, one per IRP (whoever called it). */
    public long cancelIrpCalls() {
        return cancelIrpCalls;
    }

    /** Cancel routines IoCancelIrp found set and called. */
    public long cancelRoutineCalls() {
        return cancelRoutineCalls;
    }

    /** Requests that finished STATUS_CANCELLED, whatever cancelled them. */
    public long finishedCancelled() {
        return finishedCancelled;
    }

    /** Requests that finished with a success status. */
    public long succeeded() {
        return succeeded;
    }

    /** Requests that finished with an error status other than STATUS_CANCELLED (those are cancel races). */
    public long failed() {
        return failed;
    }

    /** The status of the first request that {@link #failed()}. */
    public int firstFailure() {
        return firstFailure;
    }

    /** The major function of the first request that {@link #failed()}. */
    public int firstFailureMajor() {
        return firstFailureMajor;
    }

    /** When the last request finished (virtual time). */
    public long lastFinish() {
        return lastFinish;
    }

    /** Finished requests per second of virtual time, from the first issue to the last finish. */
    public double irpsPerSecond() {
        long span = lastFinish - Math.max(0, firstIssue);
        return span <= 0 ? 0 : finished * 1e9 / span;
    }

    public TimeSeries completionsSeries() {
        if (bucketCount > 0 && (completions.size() == 0 || completions.time(completions.size() - 1) != bucketStart)) {
            completions.add(bucketStart, bucketCount);
        }
        return completions;
    }

    public Metrics metrics() {
        metrics.value("requests/s (virtual time)", irpsPerSecond(), "IRPs/s");
        metrics.value("pended share", issued == 0 ? 0 : 100.0 * pended / issued, "%");
        return metrics;
    }

    /** Adds every latency recorded to {@code into}. */
    public void latencyHistogram(LatencyHistogram into) {
        if (all != null) {
            into.add(all);
        }
    }

    /** The latency of each major function that finished a request, by name, in major-function order. */
    public Map<String, LatencyHistogram> latencyByMajor() {
        Map<String, LatencyHistogram> out = new LinkedHashMap<>();
        for (int mj = 0; mj < byMajor.length; mj++) {
            if (byMajor[mj] != null && byMajor[mj].count() > 0) {
                out.put(IrpMajor.name(mj), byMajor[mj]);
            }
        }
        return out;
    }

    /** One row per major function: count and latency percentiles. */
    public Table latencyTable() {
        List<List<String>> rows = new ArrayList<>();
        latencyByMajor().forEach((major, h) -> rows.add(row(major, h)));
        if (all != null && all.count() > 0) {
            rows.add(row("all", all));
        }
        return new Table("Latency by major function (issue to I/O manager finish)",
                List.of("major function", "requests", "mean", "p50", "p99", "p99.9", "max"), rows);
    }

    private static List<String> row(String name, LatencyHistogram h) {
        return List.of(name, String.format(Locale.ROOT, "%,d", h.count()), SimTime.format(Math.round(h.mean())),
                SimTime.format(h.percentile(50)), SimTime.format(h.percentile(99)),
                SimTime.format(h.percentile(99.9)), SimTime.format(h.max()));
    }

    /** How cancels went: what users did, what IoCancelIrp did, and how the requests finished. */
    public Table cancelTable() {
        List<List<String>> rows = new ArrayList<>();
        for (CancelPlan.Kind k : CancelPlan.Kind.values()) {
            if (userCancels[k.ordinal()] > 0) {
                rows.add(row(switch (k) {
                    case CANCEL_IO -> "CancelIoEx calls";
                    case THREAD_EXIT -> "thread exits (IoCancelThreadIo)";
                    case CLOSE_HANDLE -> "handle closes (IRP_MJ_CLEANUP)";
                }, userCancels[k.ordinal()]));
            }
        }
        rows.add(row("IoCancelIrp calls (each on one IRP)", cancelIrpCalls));
        rows.add(row("... that found a cancel routine and called it", cancelRoutineCalls));
        rows.add(row("requests that finished STATUS_CANCELLED (whatever cancelled them)", finishedCancelled));
        rows.add(row("... of them after IoCancelIrp (cancel won)", cancelWon));
        rows.add(row("requests IoCancelIrp was called on that finished with their real status (completion won)",
                completionWon));
        return new Table("Cancellation", List.of("what", "count"), rows);
    }

    private static List<String> row(String what, long n) {
        return List.of(what, String.format(Locale.ROOT, "%,d", n));
    }
}
