package org.sysmodels.nvme.run;

import java.util.ArrayList;
import java.util.List;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.check.AsyncEventReport;
import org.sysmodels.nvme.check.CidUnique;
import org.sysmodels.nvme.check.CqStall;
import org.sysmodels.nvme.check.DataIntegrity;
import org.sysmodels.nvme.check.DmaUseAfterFree;
import org.sysmodels.nvme.check.DoorbellBeforeReady;
import org.sysmodels.nvme.check.DoorbellValue;
import org.sysmodels.nvme.check.DoubleFree;
import org.sysmodels.nvme.check.NoTimeout;
import org.sysmodels.nvme.check.NvmeChecks;
import org.sysmodels.nvme.check.PhaseTag;
import org.sysmodels.nvme.check.ProbeSucceeds;
import org.sysmodels.nvme.check.SqOverflow;
import org.sysmodels.nvme.check.UnknownCompletion;
import org.sysmodels.nvme.host.block.BlockLayer;
import org.sysmodels.nvme.host.block.BlockListener;
import org.sysmodels.nvme.host.block.Request;
import org.sysmodels.nvme.host.driver.LinuxDriver;
import org.sysmodels.nvme.host.driver.ThreadedHost;
import org.sysmodels.nvme.host.driver.ThreadedObserver;
import org.sysmodels.nvme.host.platform.DmaAllocator;
import org.sysmodels.nvme.host.platform.Platform;
import org.sysmodels.nvme.model.Controller;
import org.sysmodels.nvme.model.memory.HostMemory;
import org.sysmodels.nvme.model.queue.Cqe;
import org.sysmodels.nvme.model.queue.Sqe;
import org.sysmodels.nvme.scenario.HostSpec;
import org.sysmodels.nvme.scenario.NamespaceEntry;
import org.sysmodels.nvme.scenario.NvmeScenario;
import org.sysmodels.nvme.scenario.WorkloadSpec;

/**
 * The threaded mode of a scenario: bring-up on the scheduler (deterministic, traced if asked), then host and device
 * on two real threads ({@link ThreadedHost}) for the I/O phase, then back on the scheduler. The device is instant here
 * (its service model needs the scheduler); what this mode shows is the shared-memory protocol, and its speed.
 *
 * <p>Real concurrency: the interleaving of the two threads, so the number of commands each doorbell carries, the
 * command count at a given moment and the wall-clock figures, differ from run to run. Only the bring-up before the
 * threads start is deterministic.
 *
 * <p>Findings: the checks that see device events write to the run's findings from the device thread; the host
 * thread's checks (unknown completion, wrong data) write to their own, merged in when the threads have stopped, and a
 * stall seen by the host is reported then too.
 */
public final class ThreadedRun {

    public final NvmeScenario scenario;
    public final Scheduler scheduler = new Scheduler();
    public final HostMemory memory;
    public final DmaAllocator allocator;
    public final Controller controller;
    public final Platform platform;
    public final LinuxDriver driver;
    public final BlockLayer blk;
    private final NvmeChecks checks;
    private final NvmeChecks hostChecks;
    private final RandomStreams streams;
    private final Tracer tracer;
    private ThreadedHost host;
    private String failure;
    private boolean ready;
    private long wallNanos;
    private long stalledFor = -1;
    private int stalledInFlight;
    private Throwable deviceFailure;
    private boolean merged;

    public ThreadedRun(NvmeScenario s, long seed, Tracer tracer) {
        NvmeScenario t = s.withDevice(s.device().instant()).withHost(s.host().withCompletion(HostSpec.Completion.POLL));
        this.scenario = t;
        this.tracer = tracer;
        this.streams = new RandomStreams(seed);
        WorkloadSpec w = t.workload();
        HostSpec h = t.host();
        int queues = Math.min(h.queues() > 0 ? h.queues() : Math.max(1, w.numjobs()), t.device().maxQueuePairs());
        int entries = Math.min(h.queueEntries(), t.device().mqes() + 1);
        this.memory = new HostMemory(h.memory());
        long queuePages = (long) (queues + 1) * ((entries * (long) Sqe.BYTES + 4095) / 4096
                + (entries * (long) Cqe.BYTES + 4095) / 4096);
        this.allocator = new DmaAllocator(memory, (int) queuePages + 4);
        this.controller = new Controller(t.device().controllerConfig(), scheduler, memory, streams, tracer,
                t.faultPlan());
        this.platform = new Platform(controller, memory, allocator, scheduler, tracer, h.interruptLatency());
        this.driver = new LinuxDriver(h.driverConfig(queues));
        Findings findings = new Findings();
        this.checks = new NvmeChecks(List.of(new CidUnique(findings), new SqOverflow(findings),
                new PhaseTag(findings), new DoorbellValue(findings), new DoorbellBeforeReady(findings),
                new DmaUseAfterFree(findings, scheduler::now), new DoubleFree(findings),
                new CqStall(findings, 1_000_000_000L, controller::completionsWaiting), new NoTimeout(findings, false),
                new ProbeSucceeds(findings), new AsyncEventReport(findings)), findings);
        Findings hostFindings = new Findings();
        NamespaceEntry ns = t.device().namespaces().get(0);
        this.hostChecks = new NvmeChecks(List.of(new UnknownCompletion(hostFindings),
                new DataIntegrity(memory, hostFindings, false, ns.lbaSize(), ns.capacity())), hostFindings);
        controller.observe(checks);
        memory.observe(checks);
        allocator.observe(checks, scheduler::now);
        driver.observe(checks);
        this.blk = new BlockLayer(platform, new BlockListener() {
            @Override
            public void ready(BlockLayer layer) {
                ready = true;
                scheduler.stop();
            }

            @Override
            public void failed(String reason) {
                failure = reason;
                scheduler.stop();
            }

            @Override
            public void completed(Request rq) {
            }
        }, queues, 1, h.ioTimeout());
    }

    /** Brings the device up on the scheduler and starts the device thread. @return false if the probe failed */
    public boolean start() {
        blk.start(driver);
        scheduler.runUntil(60_000_000_000L);
        if (!ready) {
            if (failure == null) {
                failure = "the device did not come up";
            }
            checks.deviceFailed(failure, scheduler.now());
            return false;
        }
        WorkloadSpec w = scenario.workload();
        int readPercent = switch (w.rw()) {
            case READ, RANDREAD -> 100;
            case WRITE, RANDWRITE -> 0;
            default -> w.rwmixread();
        };
        host = new ThreadedHost(driver, controller, allocator, w.iodepth(), readPercent, (int) (long) w.bs(),
                streams.stream("threaded/host"));
        host.observe(new ThreadedObserver() {
            @Override
            public void stalled(long wall, int inFlight, Throwable device) {
                // Reported when the device thread has stopped: its checks write the same findings.
                stalledFor = wall;
                stalledInFlight = inFlight;
                deviceFailure = device;
            }

            @Override
            public void unknownCompletion(int qid, int cid) {
                hostChecks.unknownCompletion(qid, cid);
            }

            @Override
            public void wrongData(int qid, long lba, long stamp) {
                hostChecks.wrongData(qid, lba, stamp);
            }
        });
        host.start();
        return true;
    }

    /** Runs {@code commands} commands on the two threads; a stall longer than {@code stallNanos} ends it. */
    public boolean run(long commands, long stallNanos) {
        long t0 = System.nanoTime();
        boolean ok = host.run(commands, stallNanos);
        wallNanos += System.nanoTime() - t0;
        return ok;
    }

    /** Stops the device thread; the controller is back on the scheduler, and the host's findings join the run's. */
    public void stop() {
        if (host != null) {
            host.stop();
        }
        if (stalledFor >= 0) {
            checks.stalled(stalledFor, stalledInFlight, deviceFailure);
            stalledFor = -1;
        }
        if (!merged) {
            checks.findings().addAll(hostChecks.findings());
            merged = true;
        }
        controller.endOfRun();
    }

    public Tracer tracer() {
        return tracer;
    }

    public ThreadedHost host() {
        return host;
    }

    public long wallNanos() {
        return wallNanos;
    }

    public String failure() {
        return failure;
    }

    /** Every rule held in this run (device side, host side). */
    public List<Rule> rules() {
        List<Rule> all = new ArrayList<>(checks.checker().rules());
        all.addAll(hostChecks.checker().rules());
        return all;
    }

    /** The run's findings (the host thread's included once {@link #stop()} has run). */
    public Findings findings() {
        return checks.findings();
    }
}
