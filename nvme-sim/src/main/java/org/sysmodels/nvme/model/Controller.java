package org.sysmodels.nvme.model;

import org.sysmodels.core.fault.FaultInjector;
import org.sysmodels.core.fault.FaultPlan;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.model.ControllerState.Failed;
import org.sysmodels.nvme.model.ControllerState.Ready;
import org.sysmodels.nvme.model.ControllerState.ShuttingDown;

/**
 * An NVMe controller as the host sees it over PCIe: the BAR0 register file ({@link Mmio}), MSI-X messages to the
 * host ({@link InterruptSink}) and DMA into {@link HostMemory}. Inside: the {@link Lifecycle} state machine and the
 * command {@link Pipeline}.
 *
 * <p>Two ways to run it. Deterministic: a doorbell write is handled at once and the work it causes is scheduled on the
 * sim-core {@link Scheduler}. Polled ({@link #polled(boolean)}): doorbell writes only store the value, with release
 * semantics, and a device thread calls {@link #poll()} to pick them up, as the threaded mode does; every register
 * other than the doorbells must then be left alone while the device thread runs.
 */
public final class Controller implements Mmio {

    private final ControllerConfig config;
    private final Scheduler scheduler;
    private final HostMemory memory;
    private final Cap cap;
    private final Lifecycle lifecycle;
    final Doorbells doorbells;
    final Pipeline pipeline;
    final ControllerTrace trace;
    final Namespace[] namespaces;
    final FaultInjector faults;
    ControllerObserver observer = ControllerObserver.NONE;

    private Cc cc = Cc.decode(0);
    private int ccValue;
    private int intms;
    private int aqa;
    private long asq;
    private long acq;
    private boolean nssro;
    private int pageSize = HostMemory.PAGE_SIZE;
    private boolean polled;
    /** Cached from the state on every transition: read on every command. */
    boolean processing;
    boolean fetching;
    boolean shuttingDownNormally;

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
        this.pipeline = new Pipeline(this, random.stream("nvme/service"));
        this.lifecycle = new Lifecycle(this);
    }

    public Controller(ControllerConfig config, Scheduler scheduler, HostMemory memory, long seed) {
        this(config, scheduler, memory, new RandomStreams(seed), Tracer.off(), FaultPlan.none());
    }

    // ------------------------------------------------------------------ wiring

    public void connect(InterruptSink sink) {
        pipeline.interrupts.connect(sink);
    }

    public void observe(ControllerObserver o) {
        observer = o == null ? ControllerObserver.NONE : o;
        pipeline.observer = observer;
    }

    /** Sets or clears an MSI-X vector's mask bit (the MSI-X table lives in BAR space the host programs). */
    public void maskVector(int vector, boolean masked) {
        pipeline.interrupts.mask(vector, masked);
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
        return switch (offset) {
            case Registers.CAP -> (int) cap.encode();
            case Registers.CAP + 4 -> (int) (cap.encode() >>> 32);
            case Registers.VS -> IdentifyData.VERSION;
            case Registers.INTMS, Registers.INTMC -> intms;
            case Registers.CC -> ccValue;
            case Registers.CSTS -> csts();
            case Registers.AQA -> aqa;
            case Registers.ASQ -> (int) asq;
            case Registers.ASQ + 4 -> (int) (asq >>> 32);
            case Registers.ACQ -> (int) acq;
            case Registers.ACQ + 4 -> (int) (acq >>> 32);
            default -> 0;
        };
    }

    @Override
    public long read64(int offset) {
        return switch (offset) {
            case Registers.CAP -> cap.encode();
            case Registers.ASQ -> asq;
            case Registers.ACQ -> acq;
            default -> (read32(offset) & 0xffff_ffffL) | ((long) read32(offset + 4) << 32);
        };
    }

    @Override
    public void write32(int offset, int value) {
        if (offset >= Registers.DOORBELLS) {
            doorbellWrite(offset, value);
            return;
        }
        switch (offset) {
            case Registers.INTMS -> intms |= value;
            case Registers.INTMC -> intms &= ~value;
            case Registers.CC -> ccWrite(value);
            case Registers.CSTS -> nssro &= (value & Csts.NSSRO) == 0;
            case Registers.NSSR -> nssrWrite(value);
            case Registers.AQA -> aqa = value & 0x0fff_0fff;
            case Registers.ASQ -> asq = (asq & 0xffff_ffff_0000_0000L) | (value & 0xffff_ffffL);
            case Registers.ASQ + 4 -> asq = (asq & 0xffff_ffffL) | ((long) value << 32);
            case Registers.ACQ -> acq = (acq & 0xffff_ffff_0000_0000L) | (value & 0xffff_ffffL);
            case Registers.ACQ + 4 -> acq = (acq & 0xffff_ffffL) | ((long) value << 32);
            default -> {
                // Read-only (CAP, VS) or undefined: ignored.
            }
        }
        if (offset < Registers.DOORBELLS && offset != Registers.CC) {
            trace.register(Registers.name(offset, 0), value & 0xffff_ffffL, now());
        }
    }

    @Override
    public void write64(int offset, long value) {
        switch (offset) {
            case Registers.ASQ -> asq = value;
            case Registers.ACQ -> acq = value;
            default -> {
                write32(offset, (int) value);
                write32(offset + 4, (int) (value >>> 32));
                return;
            }
        }
        trace.register(Registers.name(offset, 0), value, now());
    }

    /** CSTS as the host reads it. */
    public int csts() {
        ControllerState s = lifecycle.state();
        int v = (s.rdy() ? Csts.RDY : 0) | (s.cfs() ? Csts.CFS : 0) | (s.shst() << 2);
        return nssro ? v | Csts.NSSRO : v;
    }

    private void ccWrite(int value) {
        Cc before = cc;
        cc = Cc.decode(value);
        ccValue = value;
        trace.register("CC", value & 0xffff_ffffL, now());
        lifecycle.handle(new LifecycleEvent.CcWritten(before, cc));
    }

    private void nssrWrite(int value) {
        if (value == Registers.NSSR_RESET && cap.nssrs()) {
            trace.register("NSSR", value & 0xffff_ffffL, now());
            lifecycle.handle(new LifecycleEvent.SubsystemReset());
        }
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

    // ------------------------------------------------------------------ lifecycle effects (called by Lifecycle)

    Cc cc() {
        return cc;
    }

    int aqa() {
        return aqa;
    }

    long asq() {
        return asq;
    }

    long acq() {
        return acq;
    }

    boolean adminQueuesExist() {
        return pipeline.sq(0) != null || pipeline.cq(0) != null;
    }

    void createAdminQueues() {
        pageSize = cc.pageSize();
        pipeline.createAdminQueues(asq, Aqa.asqs(aqa) + 1, acq, Aqa.acqs(aqa) + 1,
                cc.ams() == Cc.AMS_WEIGHTED_ROUND_ROBIN && cap.wrrSupported());
    }

    /** Stop processing now: cancel service timers; what is inside stays until {@link #teardown()}. */
    void halt() {
        pipeline.halt();
    }

    /** Controller reset (NVMe 1.4 §7.3.2): queues deleted, commands abandoned, features back to defaults. */
    void teardown() {
        pipeline.teardown();
        intms = 0;
    }

    /** NVM subsystem reset: registers to their power-on values, NSSRO set (§7.3.1). Media content survives. */
    void powerOnRegisters() {
        cc = Cc.decode(0);
        ccValue = 0;
        aqa = 0;
        asq = 0;
        acq = 0;
        nssro = true;
    }

    /** True once nothing but held Asynchronous Event Requests is inside the controller. */
    boolean drained() {
        return pipeline.drained();
    }

    void stateChanged(ControllerState before, ControllerState after) {
        fetching = after instanceof Ready;
        shuttingDownNormally = after instanceof ShuttingDown sd && !sd.abrupt();
        processing = fetching || shuttingDownNormally;
        trace.state(after, csts(), now());
        observer.stateChanged(before, after, now());
        if (after instanceof Ready) {
            pipeline.kick();
        }
    }

    /** A fatal controller error: CSTS.CFS = 1, processing stops until the host resets the controller. */
    void fatal(String reason) {
        lifecycle.handle(new LifecycleEvent.FatalError(reason));
    }

    void drainedForShutdown() {
        lifecycle.handle(new LifecycleEvent.Drained());
    }

    // ------------------------------------------------------------------ what the pipeline asks

    /** Doorbells are accepted and completions posted: ready, or finishing a normal shutdown. */
    boolean processing() {
        return processing;
    }

    int pageSize() {
        return pageSize;
    }

    ControllerConfig config() {
        return config;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    HostMemory memory() {
        return memory;
    }

    long now() {
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
        return now == 0 ? 0 : pipeline.units.busyTime(now) / ((double) now * pipeline.units.units());
    }

    public long interruptsSignalled(int vector) {
        return pipeline.interrupts.signalled(vector);
    }

    public long errorLogEntries() {
        return pipeline.errorLog.total();
    }

    public FaultInjector faultInjector() {
        return faults;
    }
}
