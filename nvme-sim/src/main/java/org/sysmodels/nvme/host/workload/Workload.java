package org.sysmodels.nvme.host.workload;

import org.sysmodels.core.metrics.LatencyHistogram;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.sched.Action;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.core.trace.Track;
import org.sysmodels.nvme.host.block.BlockLayer;
import org.sysmodels.nvme.host.block.BlockListener;
import org.sysmodels.nvme.host.block.Request;
import org.sysmodels.nvme.host.platform.DmaAllocator;
import org.sysmodels.nvme.host.platform.Platform;
import org.sysmodels.nvme.model.memory.HostMemory;

/**
 * A fio-like load generator on the block layer: {@code numjobs} jobs ({@link Job}), job j on CPU j, each keeping
 * {@code iodepth} requests in flight (or, with {@code rateIops}, issuing at Poisson arrival times), until it has done
 * its I/Os or the run time is over. What it measured is in {@link Results}.
 *
 * <p>Like fio, each job allocates its I/O buffers once (iodepth buffers of bs bytes, from the DMA allocator: think
 * O_DIRECT with pinned pages) and reuses them. Writes carry {@link WriteStamp}s, so a read that returns the wrong data
 * is caught by the integrity check.
 */
public final class Workload implements BlockListener {

    private final FioJob job;
    private final Platform platform;
    private final Scheduler scheduler;
    private final IoObserver observer;
    private final int nsid;
    private final int lbaSize;
    private final long regionBlocks;
    private final long regionIos;
    private final int blocksPerIo;
    private final int pagesPerIo;
    private final Request[] requests;
    private final Job[] jobs;
    /** READ or WRITE when the pattern fixes it, -1 for a mix. */
    private final int fixedOp;
    private final boolean randomOffsets;
    private final long iosPerJob;
    private final long runtime;
    private final boolean closedLoop;
    private final Tracer tracer;
    private final Track track;
    private final boolean tracing;
    private final Action arrive = this::arrival;
    private final Results results = new Results();
    private BlockLayer blk;
    private Runnable onFinished = () -> { };
    private long generation;
    private long seq;
    private boolean finished;
    private String failure;
    private long failedAt;
    private int totalInFlight;

    public Workload(FioJob job, Platform platform, RandomStreams streams, int nsid, int lbaSize, long nsBlocks,
                    IoObserver observer) {
        this.job = job;
        this.platform = platform;
        this.scheduler = platform.scheduler();
        this.observer = observer == null ? IoObserver.NONE : observer;
        this.nsid = nsid;
        this.lbaSize = lbaSize;
        long region = job.size() > 0 ? Math.min(job.size() / lbaSize, nsBlocks) : nsBlocks;
        this.blocksPerIo = job.bs() / lbaSize;
        this.regionBlocks = region - region % blocksPerIo;
        this.regionIos = regionBlocks / blocksPerIo;
        this.pagesPerIo = job.pagesPerIo();
        int jobCount = job.numjobs();
        int depth = job.iodepth();
        DmaAllocator allocator = platform.allocator();
        long pagesNeeded = (long) jobCount * depth * pagesPerIo;
        if (pagesNeeded > allocator.freePages()) {
            throw new IllegalArgumentException("iodepth × numjobs × bs needs " + pagesNeeded + " pages of host memory, "
                    + "only " + allocator.freePages() + " are free: raise host.memory or lower the load");
        }
        requests = new Request[jobCount * depth];
        jobs = new Job[jobCount];
        for (int j = 0; j < jobCount; j++) {
            Job t = new Job(j, depth, streams.stream("fio/job" + j));
            t.cursor = (regionBlocks / blocksPerIo / jobCount) * j * blocksPerIo;
            for (int k = 0; k < depth; k++) {
                Request rq = new Request(j * depth + k, pagesPerIo);
                rq.owner(j);
                for (int i = 0; i < pagesPerIo; i++) {
                    rq.page(i, allocator.allocPage());
                }
                requests[rq.id()] = rq;
                t.free[k] = rq;
            }
            t.freeCount = depth;
            jobs[j] = t;
        }
        this.tracer = platform.tracer();
        this.track = tracer.track("host", "requests");
        this.tracing = tracer.enabled();
        this.fixedOp = switch (job.rw()) {
            case READ, RANDREAD -> Request.READ;
            case WRITE, RANDWRITE -> Request.WRITE;
            default -> -1;
        };
        this.randomOffsets = job.rw().random();
        this.iosPerJob = job.ios();
        this.runtime = job.runtime();
        this.closedLoop = job.rateIops() <= 0;
    }

    /** Runs {@code action} once every job has finished and nothing is in flight. */
    public void onFinished(Runnable action) {
        onFinished = action;
    }

    public FioJob job() {
        return job;
    }

    // ------------------------------------------------------------------ BlockListener

    @Override
    public void ready(BlockLayer layer) {
        blk = layer;
        for (Job t : jobs) {
            t.cpu = t.index % layer.cpus();
        }
        results.started(scheduler.now());
        for (Job t : jobs) {
            if (job.rateIops() > 0) {
                scheduleArrival(t);
            } else {
                for (int k = 0; k < job.iodepth() && more(t); k++) {
                    submit(t);
                }
            }
        }
        checkFinished();
    }

    @Override
    public void failed(String reason) {
        if (failure == null) {
            failure = reason;
            failedAt = scheduler.now();
        }
        checkFinished();
    }

    @Override
    public void completed(Request rq) {
        long now = scheduler.now();
        Job t = jobs[rq.owner()];
        long lat = now - rq.submitted();
        results.completed(rq, lat, now);
        t.latencySum += lat;
        if (tracing) {
            tracer.asyncEnd(track, Request.opName(rq.op()), rq.seq(), now);
        }
        observer.completed(rq, now);
        t.done++;
        t.inFlight--;
        totalInFlight--;
        t.free[t.freeCount++] = rq;
        if (t.backlog > 0 && more(t)) {
            t.backlog--;
            submit(t);
        } else if (closedLoop && more(t)) {
            submit(t);
        }
        checkFinished();
    }

    // ------------------------------------------------------------------ issuing

    private boolean more(Job t) {
        if (failure != null) {
            return false;
        }
        if (iosPerJob > 0 && t.issued >= iosPerJob) {
            return false;
        }
        return runtime <= 0 || scheduler.now() - results.started() < runtime;
    }

    private void scheduleArrival(Job t) {
        long gap = Math.round(t.random.exponential(1e9 / job.rateIops()));
        scheduler.after(gap, arrive, t.index);
    }

    private void arrival(long j) {
        Job t = jobs[(int) j];
        if (!more(t)) {
            checkFinished();
            return;
        }
        if (t.freeCount > 0) {
            submit(t);
        } else {
            t.backlog++;
        }
        scheduleArrival(t);
    }

    private void submit(Job t) {
        Request rq = t.free[--t.freeCount];
        RandomStream r = t.random;
        int op = fixedOp >= 0 ? fixedOp : r.nextInt(100) < job.rwmixread() ? Request.READ : Request.WRITE;
        long lba;
        if (randomOffsets) {
            lba = r.nextLong(regionIos) * blocksPerIo;
        } else {
            lba = t.cursor;
            t.cursor = lba + blocksPerIo >= regionBlocks ? 0 : lba + blocksPerIo;
        }
        rq.set(op, nsid, lba, blocksPerIo, job.bs());
        rq.buffer(pagesPerIo, job.bufferOffset());
        if (op == Request.WRITE) {
            WriteStamp.fill(platform.memory(), rq, lbaSize, ++generation);
        }
        t.issued++;
        t.inFlight++;
        totalInFlight++;
        rq.seq(++seq);
        if (tracing) {
            tracer.asyncBegin(track, Request.opName(op), rq.seq(), scheduler.now(), "lba", lba, "cpu", t.index);
        }
        observer.submitting(rq, scheduler.now());
        blk.submit(t.cpu, rq);
    }

    private void checkFinished() {
        if (finished || (totalInFlight > 0 && failure == null)) {
            return;
        }
        for (Job t : jobs) {
            if (t.inFlight > 0 || (more(t) && blk != null)) {
                return;
            }
        }
        if (blk == null && failure == null) {
            return;
        }
        finished = true;
        onFinished.run();
    }

    // ------------------------------------------------------------------ results

    public Results results() {
        return results;
    }

    /** Completion latency of every request, reads and writes together. */
    public LatencyHistogram latency() {
        return results.latency();
    }

    public boolean finished() {
        return finished;
    }

    /** Why the workload stopped early (probe failed, device dead, memory exhausted), or null. */
    public String failure() {
        return failure;
    }

    /** When the driver reported the device failed (virtual ns); meaningful once {@link #failure()} is set. */
    public long failedAt() {
        return failedAt;
    }

    public long completed() {
        return results.completed();
    }

    public long errors() {
        return results.errors();
    }

    public long elapsed() {
        return results.elapsed();
    }

    public double iops() {
        return results.iops();
    }

    public double bandwidth() {
        return results.bandwidth();
    }

    /** Requests job {@code j} completed. */
    public long completedBy(int j) {
        return jobs[j].done;
    }

    /** Mean completion latency of job {@code j}, ns. */
    public double meanLatency(int j) {
        return jobs[j].meanLatency();
    }

    /** The CPU job {@code j} submits from. */
    public int cpuOf(int j) {
        return jobs[j].cpu;
    }

    public long issued() {
        long n = 0;
        for (Job t : jobs) {
            n += t.issued;
        }
        return n;
    }

    public int inFlight() {
        int n = 0;
        for (Job t : jobs) {
            n += t.inFlight;
        }
        return n;
    }

    /** The run is over: ends the trace slices of requests that never completed. */
    public void endOfRun() {
        if (tracing) {
            for (Request rq : requests) {
                if (rq.inUse()) {
                    tracer.asyncEnd(track, Request.opName(rq.op()), rq.seq(), scheduler.now());
                }
            }
        }
    }

    /** Requests still out at the end, reported to the observer as lost. */
    public void reportLost() {
        long now = scheduler.now();
        for (Request rq : requests) {
            if (rq.inUse()) {
                observer.lost(rq, now);
            }
        }
    }
}
