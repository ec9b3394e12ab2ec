package org.sysmodels.irp.model.io;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.sysmodels.core.sched.Action;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.irp.model.Irql;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.StopContext;
import org.sysmodels.irp.model.SystemHalt;
import org.sysmodels.irp.model.ke.Costs;
import org.sysmodels.irp.model.ke.KEvent;
import org.sysmodels.irp.model.ke.KInterrupt;
import org.sysmodels.irp.model.ke.KSpinLock;
import org.sysmodels.irp.model.ke.KThread;
import org.sysmodels.irp.model.ke.Kdpc;
import org.sysmodels.irp.model.ke.Processor;

/**
 * The simulated machine under the I/O manager: processors on the sim-core scheduler, each with its IRQL and queues;
 * routine frames; spin locks, DPCs, events and waits; and the bug check that stops everything (KeBugCheckEx).
 *
 * <p>Work reaches a processor through its queues and runs one item at a time, most urgent level first (interrupt,
 * DPC, APC, thread): the item starts at the scheduler's time or when the processor is next free, its routines spend
 * their {@link Costs}, and the processor is busy until the item ends. Everything is single-threaded Java on one
 * scheduler, so a run is a pure function of its inputs and seed.
 */
public final class Kernel {

    private static final long DEVICE_BASE = 0xffffb00000000000L;
    private static final long FILE_BASE = 0xffffb80000000000L;
    private static final long DRIVER_BASE = 0xffffa80000000000L;
    private static final long CODE_BASE = 0xfffff80000000000L;
    private static final long OBJECT_BASE = 0xffffd00000000000L;

    private final Scheduler scheduler;
    private final Processor[] processors;
    private final KThread[] systemWorkers;
    private final FrameStack[] frames;
    private final Costs costs;
    private final KSpinLock cancelLock = new KSpinLock("IopCancelSpinLock");
    private final Action drainAction = this::drain;
    private final IoManager io;
    private final Map<Object, Long> codeAddresses = new IdentityHashMap<>();
    private final List<KThread> threads = new ArrayList<>();

    /** The observer (package-private: the I/O manager's hot paths read it directly). */
    IoObserver observer = IoObserver.NONE;
    /**
     * Whether anyone observes ({@link #observer} is not {@link IoObserver#NONE}). The hot paths test this one flag
     * before the observer's events and before the frame bookkeeping only observers read (the IRQL, time, location and
     * spin locks at entry, the flags of what a routine did, what IoCallDriver returned to it), so a machine nobody
     * watches does only the work Windows does.
     */
    boolean observed;
    /** The processor whose work is running, and its frame stack; both null between events. */
    Processor current;
    FrameStack currentFrames;
    /** Routine costs, unpacked once. */
    final long dispatchCost;
    final long completionCost;
    private SystemHalt halted;
    private int nextDevice;
    private int nextDriver;
    private int nextFile;
    private int nextObject;
    private int nextWorker;
    private int waitDepth;
    private long isrsRun;
    private long dpcsRun;

    public Kernel(Scheduler scheduler, int processorCount, Costs costs) {
        if (processorCount < 1 || processorCount > 64) {
            throw new IllegalArgumentException("processors: 1..64, not " + processorCount);
        }
        this.scheduler = scheduler;
        this.costs = costs;
        this.processors = new Processor[processorCount];
        this.systemWorkers = new KThread[processorCount];
        this.frames = new FrameStack[processorCount];
        for (int i = 0; i < processorCount; i++) {
            processors[i] = new Processor(i);
            frames[i] = new FrameStack(i);
            systemWorkers[i] = createThread("System worker " + i, i);
        }
        this.dispatchCost = costs.dispatch();
        this.completionCost = costs.completion();
        this.io = new IoManager(this);
    }

    /**
     * One processor's routine frames: a preallocated chain, reused, grown only past the deepest nesting seen. The top
     * frame is kept as a reference (null when nothing runs), so finding the running routine is one load.
     */
    static final class FrameStack {
        final int processor;
        final RoutineFrame bottom;
        RoutineFrame top;

        FrameStack(int processor) {
            this.processor = processor;
            this.bottom = new RoutineFrame(0, processor, null);
            RoutineFrame f = bottom;
            for (int d = 1; d < 16; d++) {
                f = new RoutineFrame(d, processor, f);
            }
        }

        RoutineFrame push() {
            RoutineFrame t = top;
            RoutineFrame f = t == null ? bottom : t.above;
            if (f == null) {
                f = new RoutineFrame(t.depth + 1, processor, t);
            }
            top = f;
            return f;
        }

        /** Frames in use. */
        int depth() {
            return top == null ? 0 : top.depth + 1;
        }
    }

    /** Makes {@code p} (or nothing, for null) the running processor. */
    private void setCurrent(Processor p) {
        current = p;
        currentFrames = p == null ? null : frames[p.number()];
    }

    // ------------------------------------------------------------------ the machine

    public IoManager io() {
        return io;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public Costs costs() {
        return costs;
    }

    public int processorCount() {
        return processors.length;
    }

    public Processor processor(int i) {
        return processors[i];
    }

    /** The processor whose work is running, or null between events. */
    public Processor current() {
        return current;
    }

    /** KeGetCurrentThread, or null outside any thread. */
    public KThread currentThread() {
        return current == null ? null : current.thread();
    }

    /** Virtual time: the running processor's clock inside a routine, else the scheduler's. */
    public long now() {
        return current != null ? current.clock() : scheduler.now();
    }

    public IoObserver observer() {
        return observer;
    }

    public void setObserver(IoObserver o) {
        observer = o == null ? IoObserver.NONE : o;
        observed = observer != IoObserver.NONE;
    }

    /** A new thread that runs on processor {@code cpu}. */
    public KThread createThread(String name, int cpu) {
        KThread t = new KThread(threads.size(), name, cpu);
        threads.add(t);
        return t;
    }

    public List<KThread> threads() {
        return List.copyOf(threads);
    }

    /** The system worker thread that runs work items on processor {@code cpu}. */
    public KThread systemWorker(int cpu) {
        return systemWorkers[cpu];
    }

    // ------------------------------------------------------------------ addresses (deterministic, for reports)

    long newDeviceAddress() {
        return DEVICE_BASE + 0x200L * nextDevice++;
    }

    long newDriverAddress() {
        return DRIVER_BASE + 0x200L * nextDriver++;
    }

    public long newFileAddress() {
        return FILE_BASE + 0x100L * nextFile++;
    }

    /** An address for a kernel object (an event, a spin lock) seen in a bug check. */
    public long objectAddress(Object o) {
        return codeAddresses.computeIfAbsent(o, k -> OBJECT_BASE + 0x40L * nextObject++);
    }

    /** The "code address" of a routine, assigned on first report: the same run always gives the same addresses. */
    public long routineAddress(Object routine) {
        if (routine == null) {
            return 0;
        }
        return codeAddresses.computeIfAbsent(routine, k -> CODE_BASE + 0x1000L * (codeAddresses.size() + 1));
    }

    // ------------------------------------------------------------------ frames

    /**
     * Enters a routine on the current processor: pushes a frame, spends the routine's cost. What a stop's report needs
     * (who, on which device and IRP, the student's line) is always recorded; what only observers read (the state at
     * entry, the flags) only while someone observes.
     */
    RoutineFrame enter(RoutineKind kind, DriverObject driver, DeviceObject device, Irp irp, Object routine,
                       long cost) {
        Processor p = current;
        RoutineFrame f = currentFrames.push();
        f.kind = kind;
        f.driver = driver;
        f.device = device;
        f.irp = irp;
        f.routine = routine;
        f.source = null;
        f.flags = 0;
        long clock = p.clock();
        if (observed) {
            f.irqlAtEntry = p.irql();
            f.enteredAt = clock;
            f.locationAtEntry = irp == null ? 0 : irp.currentLocation;
            f.spinLocksAtEntry = p.spinLocksHeld();
        }
        p.setClock(clock + cost);
        return f;
    }

    /** Leaves the current processor's top frame (which must be {@code f}). */
    void exit(RoutineFrame f) {
        currentFrames.top = f.below;
    }

    /** The routine running on the current processor, or null. */
    public RoutineFrame frame() {
        FrameStack s = currentFrames;
        return s == null ? null : s.top;
    }

    /** Sets {@code flag} on the running routine's frame if that routine's IRP is {@code irp}. */
    void mark(Irp irp, int flag) {
        RoutineFrame f = frame();
        if (f != null && f.irp == irp) {
            f.flags |= flag;
        }
    }

    /** How deep the current processor's frames are (for tests). */
    public int frameDepth() {
        return currentFrames == null ? 0 : currentFrames.depth();
    }

    // ------------------------------------------------------------------ stopping

    /**
     * KeBugCheckEx: stops the machine. {@code reported} says the caller (a verifier check) has already reported it;
     * otherwise the observers are told first, so the rule that owns this stop can explain it.
     */
    public SystemHalt stop(Stop stop, boolean reported) {
        if (halted != null) {
            throw halted;
        }
        halted = new SystemHalt(stop, context());
        if (!reported) {
            observer.onBugCheck(halted);
        }
        throw halted;
    }

    /** The stop, or null while the machine runs. */
    public SystemHalt halted() {
        return halted;
    }

    /** A driver that caught the stop and returned is found out here. */
    void checkHalted() {
        if (halted != null) {
            throw halted;
        }
    }

    /** Whether the machine has stopped (the hot paths test this before calling {@link #checkHalted}). */
    boolean isHalted() {
        return halted != null;
    }

    /** Where the machine is now, for a stop's report. */
    public StopContext context() {
        RoutineFrame f = frame();
        Processor p = current;
        String driver = f != null && f.driver != null ? f.driver.DriverName : "";
        String device = f != null && f.device != null ? f.device.displayName() : "";
        String irp = f != null && f.irp != null ? f.irp.describe() : "";
        String routine = f != null ? f.kind.label() : "";
        String source = f != null && f.source != null ? f.source() : "";
        return new StopContext(driver, device, irp, p == null ? 0 : p.number(), p == null ? 0 : p.irql(), routine,
                now(), source);
    }

    // ------------------------------------------------------------------ IRQL

    /** KeGetCurrentIrql. */
    public int KeGetCurrentIrql() {
        return current == null ? Irql.PASSIVE_LEVEL : current.irql();
    }

    void setIrql(Processor p, int irql) {
        int old = p.irql();
        if (old != irql) {
            p.setIrql(irql);
            observer.onIrql(p, old, irql, p.clock());
        }
    }

    /**
     * KeRaiseIrql: @return the old IRQL. Raising to a lower level is IRQL_NOT_GREATER_OR_EQUAL, as a checked HAL
     * reports it (old IRQL, requested IRQL); free builds do not check and the machine carries on broken.
     */
    public int KeRaiseIrql(int newIrql) {
        Processor p = current;
        int old = p.irql();
        if (newIrql < old) {
            stop(new Stop.BugCheck(Stop.BugCheck.IRQL_NOT_GREATER_OR_EQUAL, old, newIrql, 0, 0), false);
        }
        setIrql(p, newIrql);
        return old;
    }

    /** KeLowerIrql: lowering to a higher level is IRQL_NOT_LESS_OR_EQUAL as a checked HAL reports it. */
    public void KeLowerIrql(int newIrql) {
        Processor p = current;
        int old = p.irql();
        if (newIrql > old) {
            stop(new Stop.BugCheck(Stop.BugCheck.IRQL_NOT_LESS_OR_EQUAL, newIrql, old, 0, 0), false);
        }
        setIrql(p, newIrql);
    }

    // ------------------------------------------------------------------ spin locks

    /** KeAcquireSpinLock: raises to DISPATCH_LEVEL and takes the lock. @return the old IRQL */
    public int KeAcquireSpinLock(KSpinLock lock) {
        int old = KeRaiseIrql(Irql.DISPATCH_LEVEL);
        take(lock);
        return old;
    }

    /** KeReleaseSpinLock: frees the lock and returns to {@code oldIrql}. */
    public void KeReleaseSpinLock(KSpinLock lock, int oldIrql) {
        release(lock);
        KeLowerIrql(oldIrql);
    }

    /** KeAcquireSpinLockAtDpcLevel: the caller is at DISPATCH_LEVEL already. */
    public void KeAcquireSpinLockAtDpcLevel(KSpinLock lock) {
        take(lock);
    }

    public void KeReleaseSpinLockFromDpcLevel(KSpinLock lock) {
        release(lock);
    }

    private void take(KSpinLock lock) {
        Processor p = current;
        if (lock.owner() == p.number()) {
            stop(new Stop.BugCheck(Stop.BugCheck.SPIN_LOCK_ALREADY_OWNED, objectAddress(lock), 0, 0, 0), false);
        }
        if (!lock.isFree()) {
            stop(new Stop.Hang(Stop.Hang.Kind.SPIN_LOCK, "CPU " + p.number() + " spins forever on " + lock.name()
                    + ": CPU " + lock.owner()
                    + " returned from a routine still holding it"), false);
        }
        lock.take(p.number());
        p.addSpinLock(1);
        if (lock == cancelLock) {
            p.setCancelLockHeld(true);
            RoutineFrame f = frame();
            if (f != null) {
                f.flags |= RoutineFrame.ACQUIRED_CANCEL_LOCK;
            }
        }
    }

    private void release(KSpinLock lock) {
        Processor p = current;
        if (lock.owner() != p.number()) {
            stop(new Stop.BugCheck(Stop.BugCheck.SPIN_LOCK_NOT_OWNED, objectAddress(lock), 0, 0, 0), false);
        }
        lock.free();
        p.addSpinLock(-1);
        if (lock == cancelLock) {
            p.setCancelLockHeld(false);
        }
    }

    /** The system-wide cancel spin lock (IoAcquireCancelSpinLock). */
    public KSpinLock cancelLock() {
        return cancelLock;
    }

    // ------------------------------------------------------------------ DPCs, interrupts, work

    /** KeInsertQueueDpc: @return false if the DPC was already queued */
    public boolean KeInsertQueueDpc(Kdpc dpc, Object a1, Object a2) {
        if (!dpc.insert(a1, a2)) {
            return false;
        }
        int target = dpc.target() != Kdpc.CURRENT_PROCESSOR ? dpc.target() : current == null ? 0 : current.number();
        processors[target].queueDpc(dpc);
        observer.onDpcQueued(frame(), dpc, target);
        ensureDrain(processors[target]);
        return true;
    }

    /** The device asserts {@code interrupt}; it is delivered to processor {@code cpu}. */
    public void requestInterrupt(KInterrupt interrupt, int cpu) {
        processors[cpu].queueInterrupt(interrupt);
        ensureDrain(processors[cpu]);
    }

    /** Queues thread work to run at PASSIVE_LEVEL in {@code t}, on t's processor. */
    public void queueThreadWork(KThread t, Processor.Work w, long argument) {
        Processor p = processors[t.processor()];
        p.queueThreadWork(t, w, argument);
        ensureDrain(p);
    }

    /** Queues an APC to {@code t} (runs at APC_LEVEL on t's processor). */
    public void queueApc(KThread t, Processor.Work w, long argument) {
        Processor p = processors[t.processor()];
        p.queueApc(t, w, argument);
        ensureDrain(p);
    }

    /** The next system worker thread, round robin over processors. */
    KThread nextSystemWorker() {
        KThread t = systemWorkers[nextWorker];
        nextWorker = (nextWorker + 1) % systemWorkers.length;
        return t;
    }

    /** A drain of {@code p} at {@code time} (a timer firing, a device finishing): schedules it if none is. */
    private void ensureDrain(Processor p) {
        if (!p.drainScheduled()) {
            p.setDrainScheduled(true);
            scheduler.at(Math.max(now(), p.busyUntil()), drainAction, p.number());
        }
    }

    /** Runs one queued item of processor {@code cpu}, or waits for the processor to be free. */
    private void drain(long cpu) {
        Processor p = processors[(int) cpu];
        p.setDrainScheduled(false);
        long t = scheduler.now();
        if (p.busyUntil() > t) {
            ensureDrain(p);
            return;
        }
        if (!p.hasWork() || halted != null) {
            return;
        }
        Processor before = current;
        KThread thread = p.thread();
        int irql = p.irql();
        setCurrent(p);
        p.setClock(t);
        try {
            runOne(p);
        } finally {
            p.setBusyUntil(p.clock());
            p.setThread(thread);
            p.setIrql(irql);
            setCurrent(before);
        }
        if (p.hasWork()) {
            ensureDrain(p);
        }
    }

    private void runOne(Processor p) {
        if (p.hasInterrupt()) {
            KInterrupt i = p.takeInterrupt();
            runIsr(p, i);
        } else if (p.hasDpc()) {
            runDpc(p, p.takeDpc());
        } else if (p.hasApc()) {
            KThread t = p.nextApcThread();
            long a = p.nextApcArgument();
            Processor.Work w = p.takeApc();
            p.setThread(t);
            setIrql(p, Irql.APC_LEVEL);
            w.run(p, a);
            setIrql(p, Irql.PASSIVE_LEVEL);
        } else {
            KThread t = p.nextWorkThread();
            long a = p.nextWorkArgument();
            Processor.Work w = p.takeThreadWork();
            p.setThread(t);
            setIrql(p, Irql.PASSIVE_LEVEL);
            w.run(p, a);
            setIrql(p, Irql.PASSIVE_LEVEL);
        }
    }

    private void runIsr(Processor p, KInterrupt i) {
        int old = p.irql();
        setIrql(p, i.irql());
        DeviceObject owner = i.owner() instanceof DeviceObject d ? d : null;
        RoutineFrame f = enter(RoutineKind.ISR, owner == null ? null : owner.DriverObject, owner, null, i.routine(),
                costs.isr());
        observer.onRoutineEnter(f);
        i.countDelivery();
        isrsRun++;
        boolean mine = i.routine().isr(i, i.context());
        checkHalted();
        observer.onRoutineExit(f, mine ? 1 : 0);
        exit(f);
        setIrql(p, old);
    }

    private void runDpc(Processor p, Kdpc d) {
        d.dequeue();
        dpcsRun++;
        int old = p.irql();
        setIrql(p, Irql.DISPATCH_LEVEL);
        DeviceObject owner = d.owner() instanceof DeviceObject dev ? dev : null;
        RoutineFrame f = enter(RoutineKind.DPC, owner == null ? null : owner.DriverObject, owner, null, d.routine(),
                costs.dpc());
        observer.onRoutineEnter(f);
        d.routine().run(d, d.context(), d.argument1(), d.argument2());
        checkHalted();
        observer.onRoutineExit(f, 0);
        exit(f);
        setIrql(p, old);
    }

    /**
     * Runs {@code work} now in thread {@code t} on its processor at PASSIVE_LEVEL, outside the queues: how tests,
     * benchmarks and the start of a run drive the machine synchronously. The processor must not be running anything.
     */
    public void runThread(KThread t, Runnable work) {
        Processor p = processors[t.processor()];
        if (current != null) {
            throw new IllegalStateException("runThread inside a running routine");
        }
        setCurrent(p);
        p.setThread(t);
        p.setClock(Math.max(scheduler.now(), p.busyUntil()));
        try {
            work.run();
        } finally {
            p.setBusyUntil(p.clock());
            p.setThread(null);
            if (halted == null) {
                setIrql(p, Irql.PASSIVE_LEVEL);
            }
            setCurrent(null);
        }
    }

    // ------------------------------------------------------------------ events and waits

    /** KeInitializeEvent. */
    public KEvent KeInitializeEvent(KEvent.Type type, boolean state) {
        return new KEvent(type, state);
    }

    /** KeSetEvent: @return the previous state */
    public boolean KeSetEvent(KEvent e) {
        return e.set();
    }

    /**
     * KeWaitForSingleObject. With a zero timeout it only polls (allowed at DISPATCH_LEVEL). A wait that may block at
     * DISPATCH_LEVEL or above stops the machine with IRQL_NOT_LESS_OR_EQUAL: the dispatcher cannot switch threads
     * there. At PASSIVE_LEVEL the thread blocks: the rest of the machine runs (this processor too) until the event is
     * set, the timeout passes, or nothing is left that could set it (a hang).
     *
     * @param timeoutNs null to wait forever, else the longest wait in nanoseconds
     * @return STATUS_SUCCESS or STATUS_TIMEOUT
     */
    public int KeWaitForSingleObject(KEvent e, Long timeoutNs) {
        if (e.signaled()) {
            e.consume();
            return NtStatus.STATUS_SUCCESS;
        }
        if (timeoutNs != null && timeoutNs == 0) {
            return NtStatus.STATUS_TIMEOUT;
        }
        Processor p = current;
        if (p.irql() >= Irql.DISPATCH_LEVEL) {
            RoutineFrame f = frame();
            stop(new Stop.BugCheck(Stop.BugCheck.IRQL_NOT_LESS_OR_EQUAL, objectAddress(e), p.irql(), 0,
                    f == null ? 0 : routineAddress(f.routine)), false);
        }
        if (waitDepth > 64) {
            stop(new Stop.Hang(Stop.Hang.Kind.WAIT, "64 nested waits: a wait chain that cannot end"), false);
        }
        long deadline = timeoutNs == null ? Long.MAX_VALUE : p.clock() + timeoutNs;
        KThread thread = p.thread();
        int irql = p.irql();
        RoutineFrame top = frames[p.number()].top;
        p.setBusyUntil(p.clock());
        setCurrent(null);
        waitDepth++;
        boolean timedOut = false;
        try {
            if (deadline != Long.MAX_VALUE) {
                scheduler.at(Math.max(scheduler.now(), deadline), () -> { });
            }
            while (!e.signaled()) {
                if (halted != null) {
                    throw halted;
                }
                if (scheduler.now() >= deadline) {
                    timedOut = true;
                    break;
                }
                if (!scheduler.step()) {
                    setCurrent(p);
                    stop(new Stop.Hang(Stop.Hang.Kind.WAIT, thread == null ? "a wait that nothing can end"
                            : thread.name() + " waits forever for an event nobody will set"), false);
                }
            }
        } finally {
            waitDepth--;
            setCurrent(p);
            p.setThread(thread);
            p.setIrql(irql);
            frames[p.number()].top = top;
            p.setClock(Math.max(scheduler.now(), p.busyUntil()));
        }
        if (timedOut) {
            return NtStatus.STATUS_TIMEOUT;
        }
        e.consume();
        return NtStatus.STATUS_SUCCESS;
    }

    /** Interrupt service routines run so far. */
    public long isrsRun() {
        return isrsRun;
    }

    /** DPCs run so far. */
    public long dpcsRun() {
        return dpcsRun;
    }

    /** KeStallExecutionProcessor: busy-waits {@code microseconds} (allowed at any IRQL). */
    public void KeStallExecutionProcessor(long microseconds) {
        current.advance(microseconds * 1000);
    }
}
