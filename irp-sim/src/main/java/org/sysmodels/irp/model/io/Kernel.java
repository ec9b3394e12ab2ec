package org.sysmodels.irp.model.io;

import java.util.ArrayList;
import java.util.List;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.irp.model.Irql;
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
 * routine frames; IRQL; and the bug check that stops everything (KeBugCheckEx). Its Ke routines are here by their
 * WDM names; the work behind some lives in {@link WorkDelivery} (DPCs, interrupts, APCs, thread work),
 * {@link DispatcherObjects} (events and waits), {@link SpinLocks}, {@link ProcessorStall} and {@link KernelAddresses}.
 *
 * <p>Work reaches a processor through its queues and runs one item at a time, most urgent level first (interrupt,
 * DPC, APC, thread): the item starts at the scheduler's time or when the processor is next free, its routines spend
 * their {@link Costs}, and the processor is busy until the item ends. Everything is single-threaded Java on one
 * scheduler, so a run is a pure function of its inputs and seed.
 */
public final class Kernel {

    private final Scheduler scheduler;
    private final Processor[] processors;
    private final KThread[] systemWorkers;
    private final FrameStack[] frames;
    private final Costs costs;
    private final KSpinLock cancelLock = new KSpinLock("IopCancelSpinLock");
    private final IoManager io;
    private final WorkDelivery delivery;
    private final DispatcherObjects dispatcher;
    private final SpinLocks spinLocks;
    private final KernelAddresses addresses = new KernelAddresses();
    /** Which exceptions are a driver's fault, and the stop each is. */
    final UnhandledException faults = new UnhandledException();
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
    private int nextWorker;

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
            frames[i] = new FrameStack(processors[i]);
            systemWorkers[i] = createThread("System worker " + i, i);
        }
        this.delivery = new WorkDelivery(this, scheduler, processors);
        this.dispatcher = new DispatcherObjects(this, scheduler);
        this.spinLocks = new SpinLocks(this, cancelLock);
        this.dispatchCost = costs.dispatch();
        this.completionCost = costs.completion();
        this.io = new IoManager(this);
    }

    /** Makes {@code p} (or nothing, for null) the running processor. */
    void setCurrent(Processor p) {
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
        if (observed) {
            for (FrameStack s : frames) {
                for (RoutineFrame f = s.top; f != null; f = f.below) {
                    if (f.light != 0) {
                        f.complete();
                    }
                }
            }
        }
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

    /** Where device and driver objects get their addresses. */
    KernelAddresses addresses() {
        return addresses;
    }

    public long newFileAddress() {
        return addresses.newFile();
    }

    /** An address for a kernel object (an event, a spin lock) seen in a bug check. */
    public long objectAddress(Object o) {
        return addresses.object(o);
    }

    /** The "code address" of a routine, assigned on first report: the same run always gives the same addresses. */
    public long routineAddress(Object routine) {
        return addresses.routine(routine);
    }

    // ------------------------------------------------------------------ frames

    /** Processor {@code p}'s frames. */
    FrameStack frames(Processor p) {
        return frames[p.number()];
    }

    /** The routine running on the current processor, or null. */
    public RoutineFrame frame() {
        FrameStack s = currentFrames;
        if (s == null) {
            return null;
        }
        RoutineFrame f = s.top;
        if (f != null && f.light != 0) {
            f.complete();
        }
        return f;
    }

    /**
     * The current processor's top frame as it is, or null: {@link #frame()} for the I/O manager's observed paths,
     * where no frame is light ({@link #setObserver} completes the light frames running when an observer comes), and
     * for a caller that reads only what a light frame has (its device, IRP and routine, or {@code light == 0}).
     */
    RoutineFrame observedFrame() {
        FrameStack s = currentFrames;
        return s == null ? null : s.top;
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
        return stop(new SystemHalt(stop, context()), reported);
    }

    /** Stops the machine with {@code halt} (a stop whose context or fault its raiser built, as {@link #stop}). */
    SystemHalt stop(SystemHalt halt, boolean reported) {
        halted = halt;
        if (!reported) {
            observer.onBugCheck(halt);
        }
        throw halt;
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
        return spinLocks.KeAcquireSpinLock(lock);
    }

    /** KeReleaseSpinLock: frees the lock and returns to {@code oldIrql}. */
    public void KeReleaseSpinLock(KSpinLock lock, int oldIrql) {
        spinLocks.KeReleaseSpinLock(lock, oldIrql);
    }

    /** KeAcquireSpinLockAtDpcLevel: the caller is at DISPATCH_LEVEL already. */
    public void KeAcquireSpinLockAtDpcLevel(KSpinLock lock) {
        spinLocks.KeAcquireSpinLockAtDpcLevel(lock);
    }

    public void KeReleaseSpinLockFromDpcLevel(KSpinLock lock) {
        spinLocks.KeReleaseSpinLockFromDpcLevel(lock);
    }

    /** The system-wide cancel spin lock (IoAcquireCancelSpinLock). */
    public KSpinLock cancelLock() {
        return cancelLock;
    }

    // ------------------------------------------------------------------ DPCs, interrupts, work

    /** KeInsertQueueDpc: @return false if the DPC was already queued */
    public boolean KeInsertQueueDpc(Kdpc dpc, Object a1, Object a2) {
        return delivery.KeInsertQueueDpc(dpc, a1, a2);
    }

    /** The device asserts {@code interrupt}; it is delivered to processor {@code cpu}. */
    public void requestInterrupt(KInterrupt interrupt, int cpu) {
        delivery.requestInterrupt(interrupt, cpu);
    }

    /** Queues thread work to run at PASSIVE_LEVEL in {@code t}, on t's processor. */
    public void queueThreadWork(KThread t, Processor.Work w, long argument) {
        delivery.queueThreadWork(t, w, argument);
    }

    /** Queues an APC to {@code t} (runs at APC_LEVEL on t's processor). */
    public void queueApc(KThread t, Processor.Work w, long argument) {
        delivery.queueApc(t, w, argument);
    }

    /** The next system worker thread, round robin over processors. */
    KThread nextSystemWorker() {
        KThread t = systemWorkers[nextWorker];
        nextWorker = (nextWorker + 1) % systemWorkers.length;
        return t;
    }

    /**
     * Runs {@code work} now in thread {@code t} on its processor at PASSIVE_LEVEL, outside the queues: how tests,
     * benchmarks and the start of a run drive the machine synchronously. The processor must not be running anything.
     */
    public void runThread(KThread t, Runnable work) {
        delivery.runThread(t, work);
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

    /** KeWaitForSingleObject, Timeout in 100 ns units: see {@link DispatcherObjects#KeWaitForSingleObject}. */
    public int KeWaitForSingleObject(KEvent e, Long timeout) {
        return dispatcher.KeWaitForSingleObject(e, timeout);
    }

    /** Interrupt service routines run so far. */
    public long isrsRun() {
        return delivery.isrsRun();
    }

    /** DPCs run so far. */
    public long dpcsRun() {
        return delivery.dpcsRun();
    }

    /** KeStallExecutionProcessor: see {@link ProcessorStall}. */
    public void KeStallExecutionProcessor(long microseconds) {
        ProcessorStall.stall(current, microseconds);
    }
}
