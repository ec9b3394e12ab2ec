package org.sysmodels.sensor.model.core;

import org.sysmodels.core.sched.Action;
import org.sysmodels.core.sched.Scheduler;

/**
 * A general-purpose timer in up-counting mode (STM32 TIMx with PSC and ARR): an update event every period, counted
 * in core clock cycles, pends the timer's interrupt. A periodic RTIC task is bound to one. {@link #lastUpdate()} is
 * the release time of the task it drives.
 */
public final class Timer {

    private final Core core;
    private final int irq;
    private final String name;
    private final Action update = this::updated;
    private long periodCycles;
    private long periodNs;
    private boolean running;
    private long next;
    private long event = Scheduler.NO_EVENT;
    private long generation;
    private long lastUpdate = -1;
    private long updates;
    private java.util.function.LongConsumer onUpdate = t -> {
    };

    public Timer(Core core, String name, int irq) {
        this.core = core;
        this.name = name;
        this.irq = irq;
        core.onReset(this::stop);
        core.clock().addListener((now, oldHz) -> {
            periodNs = core.clock().ns(periodCycles);
            if (running) {
                schedule(now + core.clock().retime(next - now, oldHz));
            }
        });
    }

    public String name() {
        return name;
    }

    /** The interrupt (IRQn) this timer pends on update. */
    public int irq() {
        return irq;
    }

    /** Starts counting: the first update after {@code offsetCycles}, then every {@code period} cycles. */
    public void start(long period, long offsetCycles) {
        if (period < 1 || offsetCycles < 0) {
            throw new IllegalArgumentException(name + ": period must be ≥ 1 cycle and the offset ≥ 0");
        }
        periodCycles = period;
        periodNs = core.clock().ns(period);
        running = true;
        schedule(core.now() + core.clock().ns(offsetCycles == 0 ? period : offsetCycles));
    }

    public void stop() {
        running = false;
        if (event != Scheduler.NO_EVENT) {
            core.scheduler().cancel(event);
            event = Scheduler.NO_EVENT;
        }
        generation++;
    }

    /** Told of every update event (its time), before the interrupt pends. */
    public void onUpdate(java.util.function.LongConsumer l) {
        onUpdate = l;
    }

    /** Time of the latest update event, or −1. */
    public long lastUpdate() {
        return lastUpdate;
    }

    public long updates() {
        return updates;
    }

    public long periodNs() {
        return periodNs;
    }

    private void schedule(long at) {
        if (event != Scheduler.NO_EVENT) {
            core.scheduler().cancel(event);
        }
        next = at;
        event = core.scheduler().at(at, update, ++generation);
    }

    private void updated(long gen) {
        if (gen != generation || !running) {
            return;
        }
        event = Scheduler.NO_EVENT;
        lastUpdate = core.now();
        updates++;
        schedule(core.now() + periodNs);
        onUpdate.accept(lastUpdate);
        core.nvic().pend(Exceptions.IRQ0 + irq);
    }
}
