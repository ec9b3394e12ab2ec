package org.sysmodels.sensor.model.core;

import org.sysmodels.core.sched.Scheduler;

/**
 * A low-power timer clocked by the LSI (STM32 LPTIM with the LSI as its clock): a free-running 16-bit counter the
 * firmware can read, and a compare interrupt that also wakes the core from Stop. Counting LSI ticks against core
 * cycles is the usual clock cross-check between two independent time bases (IEC 61508-2 Table A.11, "clock").
 */
public final class LsiTimer {

    private final Core core;
    private final Lsi lsi;
    private final int irq;
    private boolean running;
    private long startTick;
    private long event = Scheduler.NO_EVENT;

    public LsiTimer(Core core, Lsi lsi, int irq) {
        this.core = core;
        this.lsi = lsi;
        this.irq = irq;
        core.onReset(this::stop);
    }

    public int irq() {
        return irq;
    }

    public Lsi lsi() {
        return lsi;
    }

    /** Enables the counter from 0. */
    public void start() {
        running = true;
        startTick = lsi.ticks(core.now());
    }

    public void stop() {
        running = false;
        cancel();
    }

    /** LPTIM_CNT: LSI ticks since start, modulo 2^16. */
    public int count() {
        return running ? (int) ((lsi.ticks(core.now()) - startTick) & 0xFFFF) : 0;
    }

    /** Pends the interrupt when the counter next equals {@code compare} (LPTIM_CMP), once. */
    public void setCompare(int compare) {
        if (!running) {
            throw new IllegalStateException("LPTIM is not running: start it first");
        }
        cancel();
        long now = lsi.ticks(core.now()) - startTick;
        long ahead = ((compare & 0xFFFF) - (now & 0xFFFF)) & 0xFFFF;
        if (ahead == 0) {
            ahead = 0x10000;
        }
        long at = lsi.timeOf(startTick + now + ahead);
        event = core.scheduler().at(Math.max(at, core.now()), () -> {
            event = Scheduler.NO_EVENT;
            core.nvic().pend(Exceptions.IRQ0 + irq);
        });
    }

    private void cancel() {
        if (event != Scheduler.NO_EVENT) {
            core.scheduler().cancel(event);
            event = Scheduler.NO_EVENT;
        }
    }
}
