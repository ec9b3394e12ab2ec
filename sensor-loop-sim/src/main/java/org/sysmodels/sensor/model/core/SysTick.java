package org.sysmodels.sensor.model.core;

import org.sysmodels.core.sched.Scheduler;

/**
 * The SysTick timer (ARMv7-M ARM B3.3): a 24-bit down-counter clocked by the core clock. When enabled it counts
 * RVR..0 and reloads, so it wraps every RVR + 1 cycles; each wrap sets COUNTFLAG (cleared by reading CSR) and, with
 * TICKINT, pends the SysTick exception. It stops in Stop mode (its clock is off) and resumes on wake-up.
 *
 * <p>One scheduler {@link Scheduler.Timer} firing per wrap, re-set at each wrap (no trip through the event heap);
 * the current value is computed from time when read.
 */
public final class SysTick implements CoreListener {

    public static final int MAX_RELOAD = 0xFF_FFFF;

    private final Core core;
    private final Scheduler sched;
    private final Scheduler.Timer timer;
    private boolean enabled;
    private boolean tickInt;
    private boolean countFlag;
    private int reload;
    /** Time of the last wrap (or enable), from which the counter counts down. */
    private long epoch;
    private long periodNs;
    private long generation;
    private boolean stopped;
    private long pausedRemaining;
    private long wraps;

    public SysTick(Core core) {
        this.core = core;
        this.sched = core.scheduler();
        this.timer = sched.timer(this::wrapped);
        core.onReset(this::reset);
        core.onPower(this);
        core.clock().addListener((now, oldHz) -> {
            long remaining = core.clock().retime(Math.max(0, nextWrap() - now), oldHz);
            periodNs = core.clock().ns(reload + 1L);
            if (enabled && !stopped) {
                schedule(now + remaining);
            } else if (stopped) {
                pausedRemaining = core.clock().retime(pausedRemaining, oldHz);
            }
        });
    }

    /** SysTick_Config-style set-up: RVR = cycles − 1, clear the counter, enable with the interrupt. */
    public void configure(long periodCycles) {
        if (periodCycles < 1 || periodCycles - 1 > MAX_RELOAD) {
            throw new IllegalArgumentException("SysTick period " + periodCycles + " cycles: RVR is 24 bits, so the"
                    + " period is 1.." + (MAX_RELOAD + 1) + " cycles");
        }
        setReload((int) (periodCycles - 1));
        setEnabled(true, true);
    }

    /** SYST_RVR. */
    public void setReload(int value) {
        if (value < 0 || value > MAX_RELOAD) {
            throw new IllegalArgumentException("SYST_RVR is 24 bits: " + value);
        }
        reload = value;
        periodNs = core.clock().ns(value + 1L);
    }

    /** SYST_CSR ENABLE and TICKINT (CLKSOURCE = processor clock). */
    public void setEnabled(boolean enable, boolean interrupt) {
        tickInt = interrupt;
        if (enable && !enabled) {
            enabled = true;
            epoch = core.now();
            periodNs = core.clock().ns(reload + 1L);
            if (reload > 0) {
                schedule(epoch + periodNs);
            }
        } else if (!enable && enabled) {
            enabled = false;
            cancel();
        }
    }

    /** SYST_CSR read: returns COUNTFLAG and clears it. */
    public boolean readCountFlag() {
        boolean f = countFlag;
        countFlag = false;
        return f;
    }

    /** SYST_CVR: the current value, counting down from RVR. */
    public int current() {
        if (!enabled || reload == 0) {
            return 0;
        }
        long into = stopped ? periodNs - pausedRemaining : core.now() - epoch;
        long cycles = core.clock().cycles(into);
        return (int) Math.max(0, reload - cycles);
    }

    public boolean enabled() {
        return enabled;
    }

    public int reload() {
        return reload;
    }

    /** Wraps since the run started (for reports). */
    public long wraps() {
        return wraps;
    }

    private long nextWrap() {
        return epoch + periodNs;
    }

    private void wrapped(long gen) {
        if (gen != generation || !enabled) {
            return;
        }
        wraps++;
        countFlag = true;
        epoch = core.now();
        schedule(epoch + periodNs);    // periodNs follows RVR and the clock (their setters re-time it)
        if (tickInt) {
            core.nvic().pend(Exceptions.SYSTICK);
        }
    }

    private void schedule(long at) {
        timer.set(at, ++generation);    // replaces a pending wrap, as cancel + at would
        epoch = at - periodNs;
    }

    private void cancel() {
        timer.cancel();
        generation++;
    }

    @Override
    public void powerState(PowerState state, long now) {
        if (!enabled) {
            return;
        }
        if (state == PowerState.STOP && !stopped) {
            stopped = true;
            pausedRemaining = Math.max(0, nextWrap() - now);
            cancel();
        } else if (state != PowerState.STOP && stopped) {
            stopped = false;
            schedule(now + pausedRemaining);
        }
    }

    private void reset() {
        enabled = false;
        tickInt = false;
        countFlag = false;
        reload = 0;
        stopped = false;
        cancel();
    }
}
