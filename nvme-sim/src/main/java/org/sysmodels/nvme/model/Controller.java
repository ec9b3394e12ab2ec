package org.sysmodels.nvme.model;

import org.sysmodels.core.fault.FaultInjector;
import org.sysmodels.core.fault.FaultPlan;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.model.command.ControllerObserver;
import org.sysmodels.nvme.model.command.ControllerTrace;
import org.sysmodels.nvme.model.command.Pipeline;
import org.sysmodels.nvme.model.interrupt.InterruptSink;
import org.sysmodels.nvme.model.media.Namespace;
import org.sysmodels.nvme.model.media.NamespaceSpec;
import org.sysmodels.nvme.model.memory.HostMemory;
import org.sysmodels.nvme.model.queue.CompletionQueue;
import org.sysmodels.nvme.model.queue.SubmissionQueue;
import org.sysmodels.nvme.model.register.Cap;
import org.sysmodels.nvme.model.register.Cc;
import org.sysmodels.nvme.model.register.ControllerConfig;
import org.sysmodels.nvme.model.register.ControllerState;
import org.sysmodels.nvme.model.register.ControllerState.Failed;
import org.sysmodels.nvme.model.register.ControllerState.Ready;
import org.sysmodels.nvme.model.register.Doorbells;
import org.sysmodels.nvme.model.register.Lifecycle;
import org.sysmodels.nvme.model.register.LifecycleEvent;
import org.sysmodels.nvme.model.register.Mmio;
import org.sysmodels.nvme.model.register.Registers;
import org.sysmodels.nvme.model.status.StatusCode;

/**
 * An NVMe controller as the host sees it over PCIe: the BAR0 register file ({@link Mmio}), MSI-X messages to the
 * host ({@link InterruptSink}) and DMA into {@link HostMemory}. Inside: the registers below the doorbells
 * ({@code ControllerRegisters}), the {@link Lifecycle} state machine ({@code register/}) and the command
 * {@link Pipeline} ({@code command/}), over the queues ({@code queue/}), interrupts and arbitration
 * ({@code interrupt/}) and the media ({@code media/}). The doorbells, on every command's path, go straight to the
 * pipeline.
 *
 * <p>Two ways to run it. Deterministic: a doorbell write is handled at once and the work it causes is scheduled on the
 * sim-core {@link Scheduler}. Polled ({@link #polled(boolean)}): doorbell writes only store the value, with release
 * semantics, and a device thread calls {@link #poll()} to pick them up, as the threaded mode does; every register
 * other than the doorbells must then be left alone while the device thread runs.
 */
public final class Controller implements Mmio, Lifecycle.Effects, Pipeline.Signals {

    private final ControllerConfig config;
    private final Scheduler scheduler;
    private final HostMemory memory;
    private final Cap cap;
    private final Lifecycle lifecycle;
    private final Doorbells doorbells;
    private final Pipeline pipeline;
    private final ControllerTrace trace;
    private final Namespace[] namespaces;
    private final FaultInjector faults;
    private final ControllerRegisters registers;
    private ControllerObserver observer = ControllerObserver.NONE;
    private boolean polled;

    public Controller(ControllerConfig config, Scheduler scheduler, HostMemory memory, RandomStreams random,
                      Tracer tracer, FaultPlan faultPlan) {
        this.config = config;
        this.scheduler = scheduler;
        this.memory = memory;
        this.cap = config.cap();
        int maxNsid = config.namespaces().stream().mapToInt(NamespaceSpec::nsid).max().orElse(0);
        this.namespaces = new Namespace[maxNsid + 1];
        for (NamespaceSpec ns : config.namespaces()) {
            namespaces[ns.nsid()] = new Namespace(ns);
        }
        this.faults = faultPlan.injector(random);
        this.trace = new ControllerTrace(tracer, config.service().units());
        this.doorbells = new Doorbells(2 * (config.maxIoQueuePairs() + 1));
        this.pipeline = new Pipeline(config, scheduler, memory.dma(), namespaces, faults, random.stream("nvme/service"),
                doorbells, trace, this);
        this.lifecycle = new Lifecycle(this, config, scheduler);
        this.registers = new ControllerRegisters(cap, lifecycle, pipeline, trace, scheduler);
    }

    public Controller(ControllerConfig config, Scheduler scheduler, HostMemory memory, long seed) {
        this(config, scheduler, memory, new RandomStreams(seed), Tracer.off(), FaultPlan.none());
    }

    // ------------------------------------------------------------------ wiring

    public void connect(InterruptSink sink) {
        pipeline.connect(sink);
    }

    public void observe(ControllerObserver o) {
        observer = o == null ? ControllerObserver.NONE : o;
        pipeline.observe(observer);
    }

    /** Sets or clears an MSI-X vector's mask bit (the MSI-X table lives in BAR space the host programs). */
    public void maskVector(int vector, boolean masked) {
        pipeline.maskVector(vector, masked);
    }

    /** Polled mode: doorbell writes only store the value; a device thread calls {@link #poll()}. */
    public void polled(boolean on) {
        polled = on;
        pipeline.polled(on);
    }

    /** Device thread: picks up doorbell writes, fetches and executes. @return true if anything happened */
    public boolean poll() {
        return pipeline.poll();
    }

    // ------------------------------------------------------------------ MMIO

    @Override
    public int read32(int offset) {
        return registers.read32(offset);
    }

    @Override
    public long read64(int offset) {
        return registers.read64(offset);
    }

    @Override
    public void write32(int offset, int value) {
        if (offset >= Registers.DOORBELLS) {
            doorbellWrite(offset, value);
            return;
        }
        registers.write32(offset, value);
    }

    @Override
    public void write64(int offset, long value) {
        switch (offset) {
            case Registers.ASQ, Registers.ACQ -> registers.writeQueueBase(offset, value);
            default -> {
                write32(offset, (int) value);
                write32(offset + 4, (int) (value >>> 32));
            }
        }
    }

    /** CSTS as the host reads it. */
    public int csts() {
        return registers.csts();
    }

    private void doorbellWrite(int offset, int value) {
        int index = Registers.doorbellIndex(offset, cap.dstrd());
        if (index < 0) {
            return;
        }
        if (index >= doorbells.count()) {
            pipeline.doorbellOutsideTable(index, value);
            return;
        }
        doorbells.soValue(index, value);
        if (!polled) {
            pipeline.doorbellWritten(index, value);
        }
    }

    // ------------------------------------------------------------------ lifecycle effects (Lifecycle.Effects)

    @Override
    public Cc cc() {
        return registers.cc();
    }

    @Override
    public int aqa() {
        return registers.aqa();
    }

    @Override
    public long asq() {
        return registers.asq();
    }

    @Override
    public long acq() {
        return registers.acq();
    }

    @Override
    public boolean adminQueuesExist() {
        return pipeline.adminQueuesExist();
    }

    @Override
    public void createAdminQueues() {
        registers.createAdminQueues();
    }

    @Override
    public void halt() {
        pipeline.halt();
    }

    @Override
    public void teardown() {
        pipeline.teardown();
        registers.reset();
    }

    @Override
    public void powerOnRegisters() {
        registers.powerOn();
    }

    @Override
    public boolean drained() {
        return pipeline.drained();
    }

    @Override
    public void stateChanged(ControllerState before, ControllerState after) {
        pipeline.stateChanged(after);
        trace.state(after, csts(), now());
        observer.stateChanged(before, after, now());
        if (after instanceof Ready) {
            pipeline.kick();
        }
    }

    // ------------------------------------------------------------------ what the pipeline signals (Pipeline.Signals)

    /** A fatal controller error: CSTS.CFS = 1, processing stops until the host resets the controller. */
    @Override
    public void fatalError(String reason) {
        lifecycle.handle(new LifecycleEvent.FatalError(reason));
    }

    @Override
    public void drainedForShutdown() {
        lifecycle.handle(new LifecycleEvent.Drained());
    }

    private long now() {
        return scheduler.now();
    }

    /** The run is over: ends the trace slices of commands still inside (held AERs, stalled completions). */
    public void endOfRun() {
        pipeline.closeOpenSlices();
    }

    // ------------------------------------------------------------------ inspection (tests, quiz, checker)

    public ControllerState state() {
        return lifecycle.state();
    }

    /** Why CSTS.CFS is set, or null. */
    public String fatalReason() {
        return lifecycle.state() instanceof Failed f ? f.reason() : null;
    }

    public SubmissionQueue submissionQueue(int qid) {
        return pipeline.sq(qid);
    }

    public CompletionQueue completionQueue(int qid) {
        return pipeline.cq(qid);
    }

    /** Completions waiting inside the controller for room in CQ {@code cqid} (the host has not freed slots). */
    public int completionsWaiting(int cqid) {
        return pipeline.completionsWaiting(cqid);
    }

    public Namespace namespace(int nsid) {
        return nsid > 0 && nsid < namespaces.length ? namespaces[nsid] : null;
    }

    public ControllerConfig configuration() {
        return config;
    }

    /** Commands inside the controller (fetched, CQE not yet posted), held AERs included. */
    public int commandsInside() {
        return pipeline.inside();
    }

    /** Fraction of time the internal units were busy, averaged over units, from time 0 to now. */
    public double unitUtilisation() {
        long now = now();
        return now == 0 ? 0 : pipeline.units().busyTime(now) / ((double) now * pipeline.units().units());
    }

    public long interruptsSignalled(int vector) {
        return pipeline.interrupts().signalled(vector);
    }

    /** Commands fetched since power-on. */
    public long commandsFetched() {
        return pipeline.commandsFetched();
    }

    /** Completion entries posted since power-on. */
    public long completionsPosted() {
        return pipeline.completionsPosted();
    }

    /** Tail doorbell writes to I/O submission queues since power-on (doorbell batching makes them fewer). */
    public long sqTailDoorbellWrites() {
        return pipeline.ioSqTailDoorbellWrites();
    }

    /** Controller resets the host asked for (CC.EN written 1→0) since power-on. */
    public long resets() {
        return registers.resets();
    }

    /** Abort commands (NVMe 1.4 §5.1) executed since power-on. */
    public long abortsReceived() {
        return pipeline.abortsReceived();
    }

    /**
     * Error Information log entries since power-on: one per command completed with an error status, and one per
     * invalid doorbell write ({@link #invalidDoorbellWrites()}).
     */
    public long errorLogEntries() {
        return pipeline.errorLogEntries();
    }

    /** Invalid doorbell writes since power-on (NVMe 1.4 §5.2.1): errors no command completed with. */
    public long invalidDoorbellWrites() {
        return pipeline.invalidDoorbellWrites();
    }

    /** Commands completed with {@code code}'s status since power-on. */
    public long errors(StatusCode code) {
        return pipeline.errors(code.value());
    }

    public FaultInjector faultInjector() {
        return faults;
    }
}
