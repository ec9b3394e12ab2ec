package org.sysmodels.irp.model.io;

import org.sysmodels.core.sched.Action;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.irp.model.Irql;
import org.sysmodels.irp.model.ke.KInterrupt;
import org.sysmodels.irp.model.ke.KThread;
import org.sysmodels.irp.model.ke.Kdpc;
import org.sysmodels.irp.model.ke.Processor;

/**
 * How work reaches a processor and runs there: interrupts, DPCs, APCs and thread work are queued per processor, and
 * a drain event on the scheduler runs them one at a time, most urgent level first (an ISR at its DIRQL, a DPC at
 * DISPATCH_LEVEL, an APC at APC_LEVEL, thread work at PASSIVE_LEVEL), each starting when the processor is next free
 * (ReactOS ntoskrnl/ke/dpc.c KiRetireDpcList, ntoskrnl/ke/apc.c KiDeliverApc; the WDK's "Managing Hardware
 * Priorities").
 */
final class WorkDelivery {

    private final Kernel kernel;
    private final Scheduler scheduler;
    private final Processor[] processors;
    private final Action drainAction = this::drain;
    private long isrsRun;
    private long dpcsRun;

    WorkDelivery(Kernel kernel, Scheduler scheduler, Processor[] processors) {
        this.kernel = kernel;
        this.scheduler = scheduler;
        this.processors = processors;
    }

    /** KeInsertQueueDpc: @return false if the DPC was already queued */
    boolean KeInsertQueueDpc(Kdpc dpc, Object a1, Object a2) {
        if (!dpc.insert(a1, a2)) {
            return false;
        }
        Processor current = kernel.current;
        int target = dpc.target() != Kdpc.CURRENT_PROCESSOR ? dpc.target() : current == null ? 0 : current.number();
        processors[target].queueDpc(dpc);
        kernel.observer.onDpcQueued(kernel.frame(), dpc, target);
        ensureDrain(processors[target]);
        return true;
    }

    /** The device asserts {@code interrupt}; it is delivered to processor {@code cpu}. */
    void requestInterrupt(KInterrupt interrupt, int cpu) {
        processors[cpu].queueInterrupt(interrupt);
        ensureDrain(processors[cpu]);
    }

    /** Queues thread work to run at PASSIVE_LEVEL in {@code t}, on t's processor. */
    void queueThreadWork(KThread t, Processor.Work w, long argument) {
        Processor p = processors[t.processor()];
        p.queueThreadWork(t, w, argument);
        ensureDrain(p);
    }

    /** Queues an APC to {@code t} (runs at APC_LEVEL on t's processor). */
    void queueApc(KThread t, Processor.Work w, long argument) {
        Processor p = processors[t.processor()];
        p.queueApc(t, w, argument);
        ensureDrain(p);
    }



    /** A drain of {@code p} at {@code time} (a timer firing, a device finishing): schedules it if none is. */
    private void ensureDrain(Processor p) {
        if (!p.drainScheduled()) {
            p.setDrainScheduled(true);
            scheduler.at(Math.max(kernel.now(), p.busyUntil()), drainAction, p.number());
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
        if (!p.hasWork() || kernel.isHalted()) {
            return;
        }
        Processor before = kernel.current;
        KThread thread = p.thread();
        int irql = p.irql();
        kernel.setCurrent(p);
        p.setClock(t);
        try {
            runOne(p);
        } catch (RuntimeException | StackOverflowError e) {
            kernel.faults.raise(e, kernel);
            throw e;
        } finally {
            p.setBusyUntil(p.clock());
            p.setThread(thread);
            p.setIrql(irql);
            kernel.setCurrent(before);
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
            kernel.setIrql(p, Irql.APC_LEVEL);
            w.run(p, a);
            kernel.setIrql(p, Irql.PASSIVE_LEVEL);
        } else {
            KThread t = p.nextWorkThread();
            long a = p.nextWorkArgument();
            Processor.Work w = p.takeThreadWork();
            p.setThread(t);
            kernel.setIrql(p, Irql.PASSIVE_LEVEL);
            w.run(p, a);
            kernel.setIrql(p, Irql.PASSIVE_LEVEL);
        }
    }

    private void runIsr(Processor p, KInterrupt i) {
        int old = p.irql();
        kernel.setIrql(p, i.irql());
        DeviceObject owner = i.owner() instanceof DeviceObject d ? d : null;
        RoutineFrame f = kernel.currentFrames.enter(RoutineKind.ISR, owner == null ? null : owner.DriverObject, owner,
                null, i.routine(), kernel.costs().isr(), kernel.observed);
        kernel.observer.onRoutineEnter(f);
        i.countDelivery();
        isrsRun++;
        boolean mine = i.routine().isr(i, i.context());
        kernel.checkHalted();
        kernel.observer.onRoutineExit(f, mine ? 1 : 0);
        kernel.currentFrames.exit(f);
        kernel.setIrql(p, old);
    }

    private void runDpc(Processor p, Kdpc d) {
        d.dequeue();
        dpcsRun++;
        int old = p.irql();
        kernel.setIrql(p, Irql.DISPATCH_LEVEL);
        DeviceObject owner = d.owner() instanceof DeviceObject dev ? dev : null;
        RoutineFrame f = kernel.currentFrames.enter(RoutineKind.DPC, owner == null ? null : owner.DriverObject, owner,
                null, d.routine(), kernel.costs().dpc(), kernel.observed);
        kernel.observer.onRoutineEnter(f);
        d.routine().run(d, d.context(), d.argument1(), d.argument2());
        kernel.checkHalted();
        kernel.observer.onRoutineExit(f, 0);
        kernel.currentFrames.exit(f);
        kernel.setIrql(p, old);
    }

    /**
     * Runs {@code work} now in thread {@code t} on its processor at PASSIVE_LEVEL, outside the queues: how tests,
     * benchmarks and the start of a run drive the machine synchronously. The processor must not be running anything.
     */
    void runThread(KThread t, Runnable work) {
        Processor p = processors[t.processor()];
        if (kernel.current != null) {
            throw new IllegalStateException("runThread inside a running routine");
        }
        kernel.setCurrent(p);
        p.setThread(t);
        p.setClock(Math.max(scheduler.now(), p.busyUntil()));
        try {
            work.run();
        } catch (RuntimeException | StackOverflowError e) {
            kernel.faults.raise(e, kernel);
            throw e;
        } finally {
            p.setBusyUntil(p.clock());
            p.setThread(null);
            if (!kernel.isHalted()) {
                kernel.setIrql(p, Irql.PASSIVE_LEVEL);
            }
            kernel.setCurrent(null);
        }
    }

    long isrsRun() {
        return isrsRun;
    }

    long dpcsRun() {
        return dpcsRun;
    }
}
