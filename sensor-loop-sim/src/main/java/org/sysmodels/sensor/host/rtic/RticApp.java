package org.sysmodels.sensor.host.rtic;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.sysmodels.sensor.host.Firmware;
import org.sysmodels.sensor.model.Mcu;
import org.sysmodels.sensor.model.core.Core;
import org.sysmodels.sensor.model.core.Timer;

/**
 * An RTIC-style application ("Real-Time Interrupt-driven Concurrency", the RTIC book): tasks are interrupt handlers
 * run by the NVIC at their priority, shared resources are locked under the immediate priority ceiling protocol, and
 * there is no scheduler in software. Declare resources with {@link #shared} and tasks with {@link #task} in the
 * constructor; {@link #init} runs with interrupts masked; then every task's timer starts and {@link #idle} runs in
 * Thread mode (by default: SLEEPONEXIT and WFI, so the core sleeps whenever no task runs).
 *
 * <p>At start-up the application computes each resource's ceiling, binds the tasks to TIM2..TIM5 in declaration
 * order, sets NVIC priorities (RTIC's mapping: logical priority p of n bits is hardware value 2^n − p) and runs the
 * {@link ResponseTimeAnalysis}; each task's bound goes with every completion to the {@link TaskListener}, where the
 * run's checks compare it with the measured response time.
 */
public abstract class RticApp implements Firmware {

    private final List<Task> tasks = new ArrayList<>();
    private final List<Resource<?>> resources = new ArrayList<>();
    private final Task[] byIrq = new Task[32];
    private final List<Context> contexts = new ArrayList<>();
    private TaskListener listener = (t, r, e, b, d) -> {
    };
    private final TaskListener[] current = new TaskListener[1];
    private List<ResponseTimeAnalysis.Bound> analysis = List.of();
    private Mcu mcu;
    private int bits;

    /** A shared resource holding {@code data}. */
    protected final <T> Resource<T> shared(String name, T data) {
        Resource<T> r = new Resource<>(name, data);
        resources.add(r);
        return r;
    }

    /** A hardware task at logical priority {@code priority} (1 = lowest). */
    protected final Task task(String name, int priority) {
        Task t = new Task(name, priority);
        tasks.add(t);
        return t;
    }

    /** #[init]: runs first, with interrupts masked. */
    protected abstract void init(Mcu mcu);

    /** #[idle]: Thread mode once init is done. Default: sleep whenever no task runs. */
    protected void idle(Mcu m) {
        m.core().setSleepOnExit(true);
        while (true) {
            m.core().wfi();
        }
    }

    /** The lock policy; the reference is the ceiling protocol. A bug lab replaces it. */
    protected LockPolicy lockPolicy() {
        return LOCK;
    }

    private static final LockPolicy LOCK = new CeilingLock();

    /** Where task completions go (the run's checks and trace). */
    public void listen(TaskListener l) {
        listener = l;
    }

    public List<Task> tasks() {
        return List.copyOf(tasks);
    }

    /** The analysis done at start-up, one bound per task. */
    public List<ResponseTimeAnalysis.Bound> analysis() {
        return analysis;
    }

    public Mcu mcu() {
        return mcu;
    }

    @Override
    public final void main(Mcu m) {
        this.mcu = m;
        Core core = m.core();
        core.disableInterrupts();
        bits = m.nvic().priorityBits();
        if (tasks.size() > m.timers()) {
            throw new IllegalStateException(tasks.size() + " tasks but only " + m.timers() + " timers (TIM2..TIM5)");
        }
        for (Resource<?> r : resources) {
            r.ceiling = 0;
        }
        List<TaskSpec> specs = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            if (t.priority > maxPriority()) {
                throw new IllegalStateException("task " + t.name() + " has priority " + t.priority + "; with "
                        + bits + " priority bits the highest is " + maxPriority());
            }
            if (t.periodNs <= 0) {
                throw new IllegalStateException("task " + t.name() + " has no period: declare .every(ns)");
            }
            for (Resource<?> r : t.uses.keySet()) {
                r.ceiling = Math.max(r.ceiling, t.priority);
            }
            t.timer = i;
            t.irq = m.timer(i).irq();
            byIrq[t.irq] = t;
            contexts.add(new Context(this, t));
            specs.add(t.spec());
        }
        long overhead = core.clock().ns(Core.ENTRY_CYCLES + Core.EXIT_CYCLES);
        analysis = ResponseTimeAnalysis.analyse(specs, overhead);
        for (int i = 0; i < tasks.size(); i++) {
            ResponseTimeAnalysis.Bound b = analysis.get(i);
            tasks.get(i).bound = b.schedulable() ? b.response() : -1;
            m.nvic().setPriority(tasks.get(i).irq, (1 << bits) - tasks.get(i).priority);
            m.nvic().enableIrq(tasks.get(i).irq);
        }
        init(m);
        for (Task t : tasks) {
            Timer timer = m.timer(t.timer);
            timer.onUpdate(at -> {
                if (t.opened < t.open.length) {
                    t.open[t.opened++] = at;
                }
                listener.released(t.name(), at, t.deadlineNs);
            });
            timer.start(core.clock().cycles(t.periodNs), core.clock().cycles(t.offsetNs));
        }
        core.enableInterrupts();
        idle(m);
    }

    @Override
    public final void interrupt(Mcu m, int irq) {
        Task t = irq >= 0 && irq < byIrq.length ? byIrq[irq] : null;
        if (t == null) {
            onInterrupt(m, irq);
            return;
        }
        dispatch(t, contexts.get(t.timer));
    }

    /** Interrupts that are not tasks (the WWDG early warning, for one). */
    protected void onInterrupt(Mcu m, int irq) {
    }

    private void dispatch(Task t, Context cx) {
        t.waitingFor = null;
        int releases = t.opened;
        try {
            t.body.accept(cx);
        } catch (TaskBlocked b) {
            t.waitingFor = b.resource;
            return;
        }
        // Releases that came while this instance was pending or running coalesced into it (one pending bit):
        // each is completed now, the older ones late.
        long now = mcu.now();
        for (int i = 0; i < releases; i++) {
            listener.completed(t.name(), t.open[i], now, t.bound, t.deadlineNs);
        }
        System.arraycopy(t.open, releases, t.open, 0, t.opened - releases);
        t.opened -= releases;
    }

    /** A resource was released: tasks that gave up waiting for it are pended again. */
    public void released(Resource<?> r) {
        for (Task t : tasks) {
            if (t.waitingFor == r) {
                mcu.nvic().setPendingIrq(t.irq);
            }
        }
    }

    /** Highest logical priority with this NVIC: 2^bits. */
    public int maxPriority() {
        return 1 << bits;
    }

    /** BASEPRI value for logical priority {@code p}. */
    public int hardwarePriority(int p) {
        return ((1 << bits) - p) << (8 - bits);
    }

    /** The logical priority the core runs {@code task} at, given BASEPRI. */
    int logicalPriority(int basepri, Task running) {
        int fromBasepri = basepri == 0 ? 0 : (1 << bits) - (basepri >> (8 - bits));
        return Math.max(running.priority, fromBasepri);
    }
}
