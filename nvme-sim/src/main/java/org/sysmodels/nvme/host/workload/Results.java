package org.sysmodels.nvme.host.workload;

import org.sysmodels.core.metrics.LatencyHistogram;
import org.sysmodels.nvme.host.block.Request;

/**
 * What a workload measured, in fio's vocabulary: completion latency (clat: submission to completion) per kind of
 * operation in HdrHistograms, I/Os and errors, bytes moved, and the time from the first submission to the last
 * completion.
 */
public final class Results {

    public final LatencyHistogram readLatency = new LatencyHistogram("read clat");
    public final LatencyHistogram writeLatency = new LatencyHistogram("write clat");
    public final LatencyHistogram otherLatency = new LatencyHistogram("flush/discard clat");
    private long start = -1;
    private long lastCompletion;
    private long completed;
    private long errors;
    private long bytes;

    void started(long now) {
        start = now;
    }

    /** A request completed with latency {@code latency} at {@code now}. */
    void completed(Request rq, long latency, long now) {
        (rq.op() == Request.READ ? readLatency : rq.op() == Request.WRITE ? writeLatency : otherLatency)
                .record(latency);
        if (rq.status() != 0) {
            errors++;
        } else {
            bytes += rq.bytes();
        }
        completed++;
        lastCompletion = now;
    }

    /** Completion latency of every request, reads and writes together. */
    public LatencyHistogram latency() {
        LatencyHistogram all = new LatencyHistogram("clat");
        all.add(readLatency);
        all.add(writeLatency);
        all.add(otherLatency);
        return all;
    }

    public long completed() {
        return completed;
    }

    public long errors() {
        return errors;
    }

    public long bytes() {
        return bytes;
    }

    /** When the first request was submitted, or -1. */
    public long started() {
        return start;
    }

    /** From the first submission to the last completion, in ns; 0 while nothing has completed. */
    public long elapsed() {
        return start < 0 || completed == 0 ? 0 : lastCompletion - start;
    }

    /** Successful I/Os per second of virtual time. */
    public double iops() {
        long t = elapsed();
        return t <= 0 ? 0 : (completed - errors) * 1e9 / t;
    }

    /** Bytes per second of successful I/O. */
    public double bandwidth() {
        long t = elapsed();
        return t <= 0 ? 0 : bytes * 1e9 / t;
    }
}
