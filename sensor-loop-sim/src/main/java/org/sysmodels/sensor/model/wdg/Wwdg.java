package org.sysmodels.sensor.model.wdg;

import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.sensor.model.core.Core;
import org.sysmodels.sensor.model.core.Overrides;
import org.sysmodels.sensor.model.core.Exceptions;
import org.sysmodels.sensor.model.core.ResetCause;
import org.sysmodels.core.time.SimTime;

/**
 * The window watchdog as on STM32 (RM0090 §22, RM0365 §25): a 7-bit down-counter T[6:0] in WWDG_CR, decremented
 * every 4096·2^WDGTB PCLK cycles. Once WDGA is set (only a reset clears it) the MCU resets when T6 clears (the
 * counter passes 0x40 → 0x3F), or when software refreshes the counter while it is still above the window value
 * W[6:0] of WWDG_CFR ("refresh not allowed"), so a loop that runs too fast is caught as well as one that runs too
 * slow. Timeout = t_PCLK · 4096 · 2^WDGTB · (T[5:0] + 1). With EWI set, the early wake-up interrupt pends when the
 * counter reaches 0x40. It is clocked from the main clock, so it does not notice that clock running slow or fast.
 */
public final class Wwdg {

    public static final int WDGA = 0x80;
    public static final int T6 = 0x40;

    private final Core core;
    private final Scheduler.Timer checkTimer;
    private final int irq;
    private WatchdogListener[] listeners = new WatchdogListener[0];
    /** The listeners that take refreshes (one per loop cycle). */
    private WatchdogListener[] refreshListeners = new WatchdogListener[0];
    private boolean active;
    private int window = 0x7F;
    private int wdgtb;
    private boolean ewi;
    private boolean ewif;
    private int loaded = 0x7F;
    private long epoch;
    private long tickNs;
    private long resetAt;
    private long ewiEvent = Scheduler.NO_EVENT;

    public Wwdg(Core core, int irq) {
        this.core = core;
        this.irq = irq;
        this.checkTimer = core.scheduler().timer(arg -> check());
        retime();
        core.onReset(this::reset);
        core.clock().addListener((now, oldHz) -> {
            if (active) {
                int c = counter();
                loaded = c;
                epoch = now;
                retime();
                schedule();
            } else {
                retime();
            }
        });
    }

    public void addListener(WatchdogListener l) {
        listeners = Overrides.append(listeners, l);
        if (Overrides.method(l, WatchdogListener.class, "refreshed", WatchdogListener.Kind.class, int.class,
                long.class)) {
            refreshListeners = Overrides.append(refreshListeners, l);
        }
    }

    public int irq() {
        return irq;
    }

    /** WWDG_CFR: window W[6:0], prescaler WDGTB (0..3), early wake-up interrupt enable. */
    public void writeCfr(int w, int timerBase, boolean earlyWakeup) {
        if (timerBase < 0 || timerBase > 3) {
            throw new IllegalArgumentException("WDGTB is 2 bits: " + timerBase);
        }
        window = w & 0x7F;
        wdgtb = timerBase;
        ewi = earlyWakeup;
        retime();
        if (active) {
            int c = counter();
            loaded = c;
            epoch = core.now();
            schedule();
        }
    }

    /**
     * WWDG_CR write: T[6:0] and WDGA. Activating, or refreshing while active, reloads the counter; a refresh while
     * the counter is above the window, or a value with T6 clear, resets the MCU.
     */
    public void writeCr(int value) {
        boolean wasActive = active;
        if (wasActive && aboveWindow()) {
            expire("refreshed at counter 0x" + Integer.toHexString(counter()) + ", above the window 0x"
                    + Integer.toHexString(window) + " (too early)");
            return;
        }
        int before = wasActive && refreshListeners.length > 0 ? counter() : 0;
        if ((value & WDGA) != 0) {
            active = true;
        }
        if (!active) {
            loaded = value & 0x7F;
            return;
        }
        loaded = value & 0x7F;
        epoch = core.now();
        if ((loaded & T6) == 0) {
            expire("T6 written as 0");
            return;
        }
        if (wasActive) {
            for (WatchdogListener l : refreshListeners) {
                l.refreshed(WatchdogListener.Kind.WINDOW, before, core.now());
            }
        }
        schedule();
    }

    /** WWDG_SR EWIF; cleared by {@link #clearEarlyWakeup()}. */
    public boolean earlyWakeupFlag() {
        return ewif;
    }

    public void clearEarlyWakeup() {
        ewif = false;
    }

    public boolean active() {
        return active;
    }

    public int window() {
        return window;
    }

    /** The counter T[6:0] now. */
    public int counter() {
        if (!active) {
            return loaded;
        }
        long ticks = (core.now() - epoch) / tickNs;
        return (int) Math.max(0x3F, loaded - ticks);
    }

    /**
     * {@code counter() > window} while active, without the division: the counter never goes below 0x3F, and it is
     * still above W while fewer than T − W decrements have passed since the last load.
     */
    private boolean aboveWindow() {
        return window < 0x3F || loaded > window && core.now() - epoch < (long) (loaded - window) * tickNs;
    }

    /** Ns per counter decrement: 4096 · 2^WDGTB PCLK cycles. */
    public long tickNs() {
        return tickNs;
    }

    /** Timeout from a refresh with T[6:0] = {@code t}: t_PCLK · 4096 · 2^WDGTB · (T[5:0] + 1). */
    public long timeoutNs(int t) {
        return tickNs * ((t & 0x3F) + 1L);
    }

    /** Earliest time after a refresh with {@code t} at which the next refresh is allowed (counter ≤ W). */
    public long windowOpensNs(int t) {
        return Math.max(0, (long) ((t & 0x7F) - window)) * tickNs;
    }

    private void retime() {
        tickNs = core.clock().ns(4096L << wdgtb);
    }

    private void schedule() {
        resetAt = epoch + (long) (loaded - 0x3F) * tickNs;
        if (!checkTimer.pending() || resetAt < checkTimer.time()) {
            checkTimer.set(resetAt, 0);
        }
        if (ewiEvent != Scheduler.NO_EVENT) {
            core.scheduler().cancel(ewiEvent);
            ewiEvent = Scheduler.NO_EVENT;
        }
        if (ewi) {
            ewiEvent = core.scheduler().at(resetAt - tickNs, () -> {
                ewiEvent = Scheduler.NO_EVENT;
                ewif = true;
                core.nvic().pend(Exceptions.IRQ0 + irq);
            });
        }
    }

    private void check() {
        if (!active) {
            return;
        }
        if (core.now() < resetAt) {
            checkTimer.set(resetAt, 0);
            return;
        }
        expire("T6 cleared (not refreshed for " + SimTime.format(core.now() - epoch) + ")");
    }

    private void expire(String why) {
        for (WatchdogListener l : listeners) {
            l.expired(WatchdogListener.Kind.WINDOW, why, core.now());
        }
        core.requestReset(ResetCause.WINDOW_WATCHDOG);
    }

    private void reset() {
        checkTimer.cancel();
        if (ewiEvent != Scheduler.NO_EVENT) {
            core.scheduler().cancel(ewiEvent);
            ewiEvent = Scheduler.NO_EVENT;
        }
        active = false;
        window = 0x7F;
        wdgtb = 0;
        ewi = false;
        ewif = false;
        loaded = 0x7F;
        retime();
    }
}
