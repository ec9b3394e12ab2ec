package org.sysmodels.nvme.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.metrics.Metrics;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.student.StudentFault;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.check.AsyncEventReport;
import org.sysmodels.nvme.check.CidUnique;
import org.sysmodels.nvme.check.CqStall;
import org.sysmodels.nvme.check.DataIntegrity;
import org.sysmodels.nvme.check.DmaUseAfterFree;
import org.sysmodels.nvme.check.DoorbellBeforeReady;
import org.sysmodels.nvme.check.DoorbellValue;
import org.sysmodels.nvme.check.DoubleCompletion;
import org.sysmodels.nvme.check.DoubleFree;
import org.sysmodels.nvme.check.NoLostRequest;
import org.sysmodels.nvme.check.NoTimeout;
import org.sysmodels.nvme.check.NvmeCheck;
import org.sysmodels.nvme.check.NvmeChecks;
import org.sysmodels.nvme.check.PhaseTag;
import org.sysmodels.nvme.check.ProbeSucceeds;
import org.sysmodels.nvme.check.SqOverflow;
import org.sysmodels.nvme.check.UnknownCompletion;
import org.sysmodels.nvme.host.block.BlockDriver;
import org.sysmodels.nvme.host.block.BlockLayer;
import org.sysmodels.nvme.host.driver.DriverConfig;
import org.sysmodels.nvme.host.driver.LinuxDriver;
import org.sysmodels.nvme.host.platform.DmaAllocator;
import org.sysmodels.nvme.host.platform.Oops;
import org.sysmodels.nvme.host.platform.Platform;
import org.sysmodels.nvme.host.workload.FioJob;
import org.sysmodels.nvme.host.workload.Workload;
import org.sysmodels.nvme.model.Controller;
import org.sysmodels.nvme.model.memory.HostMemory;
import org.sysmodels.nvme.model.queue.Cqe;
import org.sysmodels.nvme.model.queue.Sqe;
import org.sysmodels.nvme.scenario.DeviceSpec;
import org.sysmodels.nvme.scenario.HostSpec;
import org.sysmodels.nvme.scenario.NamespaceEntry;
import org.sysmodels.nvme.scenario.NvmeScenario;
import org.sysmodels.nvme.scenario.WorkloadSpec;

/**
 * One run assembled from a scenario: host memory and its DMA allocator, the controller, the platform the driver sees,
 * a driver (the reference, a bug lab's variant, or a student's), blk-mq, the fio-like workload, and every check
 * wired to all of them. Deterministic: a pure function of (scenario, seed, driver).
 *
 * <p>The run ends when the workload is done and the driver has shut the controller down (CC.SHN), or at a horizon of
 * virtual time, or when {@link #PROGRESS_WINDOW} events pass without a request completing once the run is past the
 * event budget its size needs: a stalled or livelocked run is reported, it never hangs, and a long run that keeps
 * completing requests is never cut short.
 */
public final class Simulation {

    public final NvmeScenario scenario;
    public final long seed;
    public final Scheduler scheduler = new Scheduler();
    public final HostMemory memory;
    public final DmaAllocator allocator;
    public final Controller controller;
    public final Platform platform;
    public final BlockDriver driver;
    public final BlockLayer blk;
    public final Workload workload;
    public final NvmeChecks checks;
    private final Tracer tracer;
    private final int queues;
    private final int cpus;
    private boolean shutDown;
    /** Events in which some request must complete once a run is past its budget, or it is reported as livelocked. */
    static final long PROGRESS_WINDOW = 10_000_000L;
    private long events;

    /** A run of the reference driver. */
    public Simulation(NvmeScenario s, long seed, Tracer tracer) {
        this(s, seed, tracer, LinuxDriver::new);
    }

    /**
     * A run of the driver {@code driver} makes from the scenario's driver configuration (the reference and its
     * bug-lab variants use it; a student's driver may ignore it).
     */
    public Simulation(NvmeScenario s, long seed, Tracer tracer,
                      Function<DriverConfig, ? extends BlockDriver> driver) {
        this.scenario = s;
        this.seed = seed;
        this.tracer = tracer;
        RandomStreams streams = new RandomStreams(seed);
        WorkloadSpec w = s.workload();
        HostSpec h = s.host();
        DeviceSpec d = s.device();
        this.cpus = h.cpus() > 0 ? h.cpus() : Math.max(w.numjobs(), Math.max(1, h.queues()));
        this.queues = Math.min(h.queues() > 0 ? h.queues() : cpus, d.maxQueuePairs());
        this.memory = new HostMemory(h.memory());
        int entries = Math.min(h.queueEntries(), d.mqes() + 1);
        long queueBytes = (long) (queues + 1) * (pages((long) entries * Sqe.BYTES) + pages((long) entries * Cqe.BYTES));
        this.allocator = new DmaAllocator(memory, (int) queueBytes + 4);
        this.controller = new Controller(d.controllerConfig(), scheduler, memory, streams, tracer, s.faultPlan());
        this.platform = new Platform(controller, memory, allocator, scheduler, tracer, h.interruptLatency());
        this.driver = driver.apply(h.driverConfig(queues));
        NamespaceEntry ns = d.namespaces().get(0);
        Findings findings = new Findings();
        List<NvmeCheck> list = new ArrayList<>(List.of(
                new CidUnique(findings), new SqOverflow(findings), new PhaseTag(findings),
                new DoorbellValue(findings), new DoorbellBeforeReady(findings),
                new DmaUseAfterFree(findings, scheduler::now), new DoubleFree(findings),
                new CqStall(findings, Math.min(h.ioTimeout(), 1_000_000_000L) / 2, controller::completionsWaiting),
                new UnknownCompletion(findings), new NoTimeout(findings, !s.faults().isEmpty()),
                new ProbeSucceeds(findings), new AsyncEventReport(findings), new NoLostRequest(findings),
                new DoubleCompletion(findings)));
        if (w.verify()) {
            list.add(new DataIntegrity(memory, findings, true, ns.lbaSize(), ns.capacity()));
        }
        this.checks = new NvmeChecks(list, findings);
        controller.observe(checks);
        memory.observe(checks);
        allocator.observe(checks, scheduler::now);
        if (this.driver instanceof LinuxDriver linux) {
            linux.observe(checks);
        }
        FioJob job = w.job();
        this.workload = new Workload(job, platform, streams, ns.nsid(), ns.lbaSize(), ns.capacity() / ns.lbaSize(),
                checks);
        this.blk = new BlockLayer(platform, workload, cpus, job.numjobs() * job.iodepth() + 1, h.ioTimeout());
        blk.observe(checks);
    }

    public int queues() {
        return queues;
    }

    public int cpus() {
        return cpus;
    }

    /** Starts probing; the workload starts when the driver is ready. Call once, then drive the scheduler. */
    public void start() {
        workload.onFinished(() -> {
            blk.stopTimer();
            driver.shutdown(() -> {
                shutDown = true;
                scheduler.stop();
            });
        });
        blk.start(driver);
    }

    /**
     * Runs to the end (see the class comment) and collects the outcome. An exception thrown by a student's driver
     * (a frame of their file on its stack) ends the run with a finding on their line; what was measured until then,
     * and what the checks make of the end, are kept.
     */
    public Outcome run() {
        long wall = System.nanoTime();
        FioJob job = workload.job();
        long grace = 4 * Math.max(scenario.host().ioTimeout(), scenario.host().adminTimeout()) + 10_000_000_000L;
        long horizon = (job.runtime() > 0 ? job.runtime() : 0) + grace;
        long doneAtHorizon = 0;
        boolean horizonPassed = false;
        // A livelock is a window of events in which no request completes. The first check comes after the budget a
        // run of this size needs; a long run that keeps completing requests is never cut short.
        long budget = 10_000_000L + 200L * Math.max(1, job.ios()) * job.numjobs();
        long checkAt = budget - PROGRESS_WINDOW;
        long doneAtCheck = -1;
        boolean stalled = false;
        try {
            start();
            while (!shutDown && scheduler.step()) {
                events++;
                if (scheduler.now() > horizon) {
                    // Past the horizon of virtual time: go on for another grace period only if requests completed.
                    long done = workload.results().completed();
                    if (done == doneAtHorizon) {
                        horizonPassed = true;
                        break;
                    }
                    doneAtHorizon = done;
                    horizon = scheduler.now() + grace;
                }
                if (events == checkAt) {
                    long done = workload.results().completed();
                    if (events >= budget && done == doneAtCheck) {
                        stalled = true;
                        break;
                    }
                    doneAtCheck = done;
                    checkAt += PROGRESS_WINDOW;
                }
            }
        } catch (RuntimeException | StackOverflowError | AssertionError e) {
            if (StudentFault.firstFrame(e).isEmpty()) {
                throw e;
            }
            Finding f = StudentFault.of(e, "driver", scheduler.now());
            String linux = Oops.of(e, platform.inInterrupt()).map(o -> "; in the kernel: " + o).orElse("");
            checks.findings().add(new Finding(f.severity(), f.rule(), f.message() + linux, f.at(), f.where(),
                    f.source()));
        }
        finish(stalled, horizonPassed);
        return new Outcome(this, System.nanoTime() - wall);
    }

    private void finish(boolean budgetExhausted, boolean horizonPassed) {
        long now = scheduler.now();
        if (workload.failure() != null) {
            checks.deviceFailed(workload.failure(), workload.failedAt());
        } else if (workload.results().started() < 0) {
            checks.deviceFailed("the driver never reported the device ready (BlockLayer.ready) nor failed "
                    + "(BlockLayer.failed): no request could be submitted", now);
        }
        NoLostRequest lost = checks.check(NoLostRequest.class);
        if (budgetExhausted) {
            lost.budgetExhausted(now);
        }
        if (!workload.finished()) {
            workload.reportLost();
            if (horizonPassed) {
                lost.horizonReached(workload.inFlight(), now);
            }
        }
        checks.checker().finish(now);
        blk.stopTimer();
        controller.endOfRun();
        workload.endOfRun();
    }

    /** Every finding of the run. */
    public Findings findings() {
        return checks.findings();
    }

    public long events() {
        return events;
    }

    public Tracer tracer() {
        return tracer;
    }

    /** Reads verified against the data last written (0 when verify is off). */
    public long readsVerified() {
        for (NvmeCheck c : checks.checker().checks()) {
            if (c instanceof DataIntegrity d) {
                return d.verified();
            }
        }
        return 0;
    }

    /** The run's figures as metrics for the report. */
    public Metrics metrics() {
        Metrics m = new Metrics();
        m.value("IOPS", workload.iops(), "1/s");
        m.value("bandwidth", workload.bandwidth() / (1 << 20), "MiB/s");
        m.value("I/Os completed", workload.completed(), "");
        m.value("I/O errors", workload.errors(), "");
        m.value("virtual time", workload.elapsed(), "ns");
        m.value("device utilisation", controller.unitUtilisation(), "");
        m.value("SQ doorbell writes per command", workload.completed() == 0 ? 0
                : controller.sqTailDoorbellWrites() / (double) workload.completed(), "");
        m.value("controller resets", controller.resets(), "");
        m.value("aborts sent", controller.abortsReceived(), "");
        m.value("reads verified", readsVerified(), "");
        m.value("events", events, "");
        return m;
    }

    private static long pages(long bytes) {
        return (bytes + HostMemory.PAGE_SIZE - 1) / HostMemory.PAGE_SIZE;
    }
}
