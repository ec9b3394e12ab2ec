package org.sysmodels.nvme.scenario;

import java.util.ArrayList;
import java.util.List;
import org.sysmodels.core.metrics.Metrics;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.check.DataIntegrity;
import org.sysmodels.nvme.check.Rules;
import org.sysmodels.nvme.check.RuntimeChecker;
import org.sysmodels.nvme.host.BlockLayer;
import org.sysmodels.nvme.host.DmaAllocator;
import org.sysmodels.nvme.host.DriverBug;
import org.sysmodels.nvme.host.FioJob;
import org.sysmodels.nvme.host.LinuxDriver;
import org.sysmodels.nvme.host.Platform;
import org.sysmodels.nvme.host.Workload;
import org.sysmodels.nvme.model.CompletionQueue;
import org.sysmodels.nvme.model.Controller;
import org.sysmodels.nvme.model.Cqe;
import org.sysmodels.nvme.model.HostMemory;
import org.sysmodels.nvme.model.Sqe;

/**
 * One run assembled from a scenario: host memory and its DMA allocator, the controller, the platform the driver sees,
 * the reference driver (or one of its bug-lab variants), blk-mq, the fio-like workload, and the checks wired to all of
 * them. Deterministic: a pure function of (scenario, seed, bug).
 *
 * <p>The run ends when the workload is done and the driver has shut the controller down (CC.SHN), or at a horizon of
 * virtual time, or after an event budget: a stalled or livelocked run is reported, it never hangs.
 */
public final class Simulation {

    public final NvmeScenario scenario;
    public final long seed;
    public final Scheduler scheduler = new Scheduler();
    public final HostMemory memory;
    public final DmaAllocator allocator;
    public final Controller controller;
    public final Platform platform;
    public final LinuxDriver driver;
    public final BlockLayer blk;
    public final Workload workload;
    public final RuntimeChecker checker;
    public final DataIntegrity integrity;
    private final Findings runFindings = new Findings();
    private final Tracer tracer;
    private final int queues;
    private final int cpus;
    private boolean shutDown;
    private long events;

    public Simulation(NvmeScenario s, long seed, Tracer tracer, DriverBug bug) {
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
        this.driver = new LinuxDriver(h.driverConfig(queues), bug);
        this.checker = new RuntimeChecker(!s.faults().isEmpty(), Math.min(h.ioTimeout(), 1_000_000_000L) / 2,
                scheduler::now);
        controller.observe(checker);
        memory.observe(checker);
        allocator.observe(checker, scheduler::now);
        driver.observe(checker);
        NamespaceEntry ns = d.namespaces().get(0);
        this.integrity = new DataIntegrity(memory, runFindings, w.verify(), ns.lbaSize(), ns.capacity());
        FioJob job = w.job();
        this.workload = new Workload(job, platform, streams, ns.nsid(), ns.lbaSize(), ns.capacity() / ns.lbaSize(),
                integrity);
        this.blk = new BlockLayer(platform, workload, cpus, job.numjobs() * job.iodepth() + 1, h.ioTimeout());
        blk.observe(checker);
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

    /** Runs to the end (see the class comment) and collects the outcome. */
    public Outcome run() {
        long wall = System.nanoTime();
        start();
        FioJob job = workload.job();
        long horizon = (job.runtime() > 0 ? job.runtime() : 0) + 4 * Math.max(scenario.host().ioTimeout(),
                scenario.host().adminTimeout()) + 10_000_000_000L;
        long budget = 10_000_000L + 200L * Math.max(1, job.ios()) * job.numjobs();
        while (!shutDown && scheduler.now() <= horizon && events < budget && scheduler.step()) {
            events++;
        }
        finish(events >= budget, scheduler.now() > horizon);
        return new Outcome(this, System.nanoTime() - wall);
    }

    private void finish(boolean budgetExhausted, boolean horizonPassed) {
        long now = scheduler.now();
        if (workload.failure() != null) {
            checker.probeFailed(workload.failure(), now);
        }
        if (budgetExhausted) {
            runFindings.violation(Rules.LOST_REQUEST, "the run did not settle within its event budget (a livelock?)",
                    now, "run");
        }
        if (!workload.finished()) {
            if (horizonPassed) {
                runFindings.warning(Rules.LOST_REQUEST, "the run reached its horizon of virtual time with "
                        + workload.inFlight() + " requests unanswered", now, "run");
            }
            workload.reportLost();
        }
        checker.finish(cqid -> {
            CompletionQueue cq = controller.completionQueue(cqid);
            return cq == null ? 0 : cq.stalled();
        }, now);
        blk.stopTimer();
        controller.endOfRun();
        workload.endOfRun();
    }

    /** Every finding of the run: protocol checks, then integrity and run-level ones. */
    public List<Finding> findings() {
        List<Finding> all = new ArrayList<>(checker.findings());
        all.addAll(runFindings.list());
        return all;
    }

    public long events() {
        return events;
    }

    public Tracer tracer() {
        return tracer;
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
                : driver.sqDoorbellWrites() / (double) workload.completed(), "");
        m.value("controller resets", driver.resets(), "");
        m.value("aborts sent", driver.aborts(), "");
        m.value("reads verified", integrity.verified(), "");
        m.value("events", events, "");
        return m;
    }

    private static long pages(long bytes) {
        return (bytes + HostMemory.PAGE_SIZE - 1) / HostMemory.PAGE_SIZE;
    }
}
