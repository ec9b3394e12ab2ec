package org.sysmodels.sensor.model.wdg;

import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.sensor.model.core.Core;
import org.sysmodels.sensor.model.core.Overrides;
import org.sysmodels.sensor.model.core.Lsi;
import org.sysmodels.sensor.model.core.ResetCause;

/**
 * The independent watchdog as on STM32 (RM0090 §21, RM0008 §16): a 12-bit down-counter clocked by the LSI through a
 * prescaler of 4·2^PR (PR ≥ 6 all mean /256). Keys written to IWDG_KR: 0xCCCC starts it (it cannot be stopped again
 * except by a reset), 0xAAAA reloads the counter from IWDG_RLR, 0x5555 unlocks IWDG_PR and IWDG_RLR for writing (any
 * other key locks them again). The MCU resets when the counter reaches 0: timeout = 4·2^PR·(RL + 1) / f_LSI, with
 * f_LSI the part's real LSI frequency, not its nominal one. A "hardware watchdog" option byte starts it at every
 * reset.
 *
 * <p>One scheduler timer firing per timeout period at most: a reload only moves the deadline, and the pending
 * check, when it fires early, re-arms itself at the new deadline.
 */
public final class Iwdg {

    public static final int KEY_UNLOCK = 0x5555;
    public static final int KEY_RELOAD = 0xAAAA;
    public static final int KEY_START = 0xCCCC;

    private final Core core;
    private final Scheduler.Timer checkTimer;
    private final Lsi lsi;
    private final boolean hardwareMode;
    private WatchdogListener[] listeners = new WatchdogListener[0];
    /** The listeners that take refreshes (one per loop cycle). */
    private WatchdogListener[] refreshListeners = new WatchdogListener[0];
    private boolean started;
    private boolean unlocked;
    private int pr;
    private int rlr = 0xFFF;
    private int loadedRl = 0xFFF;
    private int loadedDivider = 4;
    private long reloadTick;
    /** The LSI tick at whose end the counter reaches 0; its time is computed only when needed. */
    private long deadlineTick;
    /** The LSI tick the pending check was armed for. */
    private long eventTick;

    public Iwdg(Core core, Lsi lsi, boolean hardwareMode) {
        this.core = core;
        this.lsi = lsi;
        this.hardwareMode = hardwareMode;
        this.checkTimer = core.scheduler().timer(arg -> check());
        core.onReset(this::reset);
        if (hardwareMode) {
            start();
        }
    }

    public void addListener(WatchdogListener l) {
        listeners = Overrides.append(listeners, l);
        if (Overrides.method(l, WatchdogListener.class, "refreshed", WatchdogListener.Kind.class, int.class,
                long.class)) {
            refreshListeners = Overrides.append(refreshListeners, l);
        }
    }

    /** IWDG_KR write. */
    public void writeKr(int key) {
        switch (key & 0xFFFF) {
            case KEY_START -> {
                unlocked = false;
                if (!started) {
                    start();
                }
            }
            case KEY_RELOAD -> {
                unlocked = false;
                if (started) {
                    reload();
                }
            }
            case KEY_UNLOCK -> unlocked = true;
            default -> unlocked = false;
        }
    }

    /** IWDG_PR write (ignored unless unlocked by 0x5555). Takes effect at the next reload. */
    public void writePr(int value) {
        if (unlocked) {
            pr = value & 7;
        }
    }

    /** IWDG_RLR write (ignored unless unlocked). Takes effect at the next reload. */
    public void writeRlr(int value) {
        if (unlocked) {
            rlr = value & 0xFFF;
        }
    }

    public int pr() {
        return pr;
    }

    public int rlr() {
        return rlr;
    }

    public boolean started() {
        return started;
    }

    /** The prescaler divider of a PR value: 4, 8, ..., 256. */
    public static int divider(int pr) {
        return 4 << Math.min(pr & 7, 6);
    }

    /** Timeout in ns for PR and RL at LSI frequency {@code hz}. */
    public static long timeoutNs(int pr, int rl, double hz) {
        return Math.round(divider(pr) * (rl + 1L) * 1e9 / hz);
    }

    /** The counter now (12 bits), as it would read if it could be read. */
    public int counter() {
        if (!started) {
            return loadedRl;
        }
        long elapsed = lsi.ticks(core.now()) - reloadTick;
        return (int) Math.max(0, loadedRl - elapsed / loadedDivider);
    }

    /** When the MCU will be reset if nothing reloads the watchdog (ns), or −1 when stopped. */
    public long deadline() {
        return started ? lsi.timeOf(deadlineTick) : -1;
    }

    private void start() {
        started = true;
        reload();
    }

    private void reload() {
        int before = refreshListeners.length == 0 ? 0 : counter();
        loadedRl = rlr;
        loadedDivider = divider(pr);
        reloadTick = lsi.ticks(core.now());
        deadlineTick = reloadTick + (long) loadedDivider * (loadedRl + 1);
        if (!checkTimer.pending() || deadlineTick < eventTick) {    // an LSI tick lasts µs: ticks order as times
            arm(deadlineTick);
        }
        for (WatchdogListener l : refreshListeners) {
            l.refreshed(WatchdogListener.Kind.INDEPENDENT, before, core.now());
        }
    }

    private void arm(long tick) {
        eventTick = tick;
        checkTimer.set(lsi.timeOf(tick), 0);    // replaces a pending check, as cancel + at would
    }

    private void check() {
        if (!started) {
            return;
        }
        long deadline = lsi.timeOf(deadlineTick);
        if (core.now() < deadline) {
            arm(deadlineTick);
            return;
        }
        for (WatchdogListener l : listeners) {
            l.expired(WatchdogListener.Kind.INDEPENDENT, "counter reached 0 (not reloaded for "
                    + org.sysmodels.core.time.SimTime.format(deadline - lsi.timeOf(reloadTick)) + ")", core.now());
        }
        core.requestReset(ResetCause.INDEPENDENT_WATCHDOG);
    }

    private void reset() {
        checkTimer.cancel();
        started = false;
        unlocked = false;
        pr = 0;
        rlr = 0xFFF;
        loadedRl = 0xFFF;
        loadedDivider = 4;
        if (hardwareMode) {
            start();
        }
    }
}
