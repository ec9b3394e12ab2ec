package org.sysmodels.nvme.scenario;

import java.util.ArrayList;
import java.util.List;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.check.RuntimeChecker;
import org.sysmodels.nvme.host.BlockLayer;
import org.sysmodels.nvme.host.BlockListener;
import org.sysmodels.nvme.host.DmaAllocator;
import org.sysmodels.nvme.host.DriverBug;
import org.sysmodels.nvme.host.LinuxDriver;
import org.sysmodels.nvme.host.Platform;
import org.sysmodels.nvme.host.Request;
import org.sysmodels.nvme.host.ThreadedHost;
import org.sysmodels.nvme.model.Controller;
import org.sysmodels.nvme.model.Cqe;
import org.sysmodels.nvme.model.HostMemory;
import org.sysmodels.nvme.model.Sqe;

/**
 * The threaded mode of a scenario: bring-up on the scheduler (deterministic, traced if asked), then host and device
 * on two real threads ({@link ThreadedHost}) for the I/O phase, then back on the scheduler. The device is instant here
 * (its service model needs the scheduler); what this mode shows is the shared-memory protocol, and its speed.
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
    public final RuntimeChecker checker;
    private final RandomStreams streams;
    private final Tracer tracer;
    private ThreadedHost host;
    private String failure;
    private boolean ready;
    private long wallNanos;

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
        this.driver = new LinuxDriver(h.driverConfig(queues), DriverBug.NONE);
        this.checker = new RuntimeChecker(false, 1_000_000_000L, scheduler::now);
        controller.observe(checker);
        memory.observe(checker);
        allocator.observe(checker, scheduler::now);
        driver.observe(checker);
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
            checker.probeFailed(failure, scheduler.now());
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

    /** Stops the device thread; the controller is back on the scheduler. */
    public void stop() {
        if (host != null) {
            host.stop();
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

    public List<Finding> findings() {
        List<Finding> all = new ArrayList<>(checker.findings());
        if (host != null) {
            all.addAll(host.findings().list());
        }
        return all;
    }
}
