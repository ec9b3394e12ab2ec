package org.sysmodels.sensor.model.core;

import org.sysmodels.core.sched.Scheduler;

/**
 * How simulated time passes for the code on the core, until a reset or the end of the run stops it: running it for a stretch of time while events (peripherals,
 * timers) run and exceptions preempt, letting stacking and reset time pass without switching context, and sleeping
 * until a wake-up. Exception entry (12 cycles), tail-chaining (6) and exit (10) are not let pass on their own but
 * charged as debt to the next step of whatever code runs next (ARM knowledge article 103489845; J. Yiu, <i>The
 * Definitive Guide to ARM Cortex-M3 and Cortex-M4</i>, 3rd ed., ch. 8).
 *
 * <p>The exception mechanics ({@link ExceptionEntry}) say what preempts the code and what wakes it. {@code Core}'s
 * jobs are superclasses of it rather than parts it holds because the step path is the simulator's hottest: state
 * reached through one more object costs every iteration (docs/sensor-loop.md, "Splitting {@code Core} by job"),
 * state in a superclass of the same object costs nothing.
 */
abstract sealed class CoreTime permits ExceptionEntry {

    static final long FOREVER = Long.MAX_VALUE / 4;

    final Scheduler sched;
    final Clock clock;
    final PowerModes power;
    /** The scheduler is running events on the core's behalf: an event that needs the core must stop it. */
    boolean schedulerRunning;
    /** An event stopped the scheduler to let the core react: other events of that instant must run first. */
    boolean stopIssued;
    /** SCB SCR.SLEEPDEEP: sleep enters Stop instead of Sleep. */
    boolean sleepDeep;

    /** A watchdog or software asked for a reset: the current code stops at its next step. */
    boolean resetRequested;
    boolean ended;
    /** What ends the run when {@link #ended}: {@link CoreSignal#END}, or the {@link FirmwareStalled} that stopped it. */
    Error stop = CoreSignal.END;
    /** A stop was thrown into the firmware and not yet acted on: firmware that runs on has caught it. */
    boolean signalled;

    long entryNs;
    long exitNs;
    long tailNs;
    /** Exception entry, tail-chain and exit time not yet let pass: charged to the next step of whatever runs next. */
    long debtNs;

    CoreTime(Scheduler sched, Clock clock, PowerModes power) {
        this.sched = sched;
        this.clock = clock;
        this.power = power;
        retime();
    }

    /** The clock changed: the exception timing in nanoseconds with it. */
    final void retime() {
        entryNs = clock.ns(Core.ENTRY_CYCLES);
        exitNs = clock.ns(Core.EXIT_CYCLES);
        tailNs = clock.ns(Core.TAIL_CHAIN_CYCLES);
    }

    public final long now() {
        return sched.now();
    }

    /** Throws the {@link CoreSignal} (or the stall) that ends the current code, if one is due. */
    final void signals() {
        if (ended) {
            stopRaised();
            throw stop;
        }
        if (resetRequested) {
            stopRaised();
            throw CoreSignal.RESET;
        }
    }

    /** A stop is about to be thrown into the firmware from here. */
    abstract void stopRaised();

    /** The run's time is up. */
    public final void end() {
        ended = true;
        sched.stop();
    }

    public final boolean ended() {
        return ended;
    }

    /** A pending exception can preempt the current code now. */
    abstract boolean canPreempt();

    /** Takes the exceptions that can run now, tail-chained, and returns to the code they preempted. */
    abstract void takeExceptions();

    /** WFI's wake-up condition: a reset, the end, or an exception that would preempt if PRIMASK were 0. */
    abstract boolean wakeCondition();

    /** The CPU spins until a reset or the end of the run (exceptions still preempt in Thread mode). */
    public final void spinForever() {
        while (true) {
            runFor(FOREVER);
        }
    }

    /** Runs the current context for {@code ns}, taking exceptions that preempt it on the way. */
    final void runFor(long ns) {
        long remaining = ns + debtNs;
        debtNs = 0;
        while (true) {
            signals();
            if (canPreempt()) {
                takeExceptions();
                continue;
            }
            if (remaining <= 0) {
                return;
            }
            long start = sched.now();
            schedulerRunning = true;
            long ran;
            try {
                ran = sched.runUntil(start + remaining);
                drainInstant();
            } finally {
                schedulerRunning = false;
            }
            if (ran == 0) {
                return;    // no event ran: the time has passed and nothing that could preempt or stop us changed
            }
            remaining -= sched.now() - start;
        }
    }

    /** Events of one instant arrive together: after an event stopped the scheduler, run the rest of its instant. */
    private void drainInstant() {
        if (stopIssued) {
            stopIssued = false;
            sched.runUntil(sched.now());
        }
    }

    /** Lets {@code ns} pass without switching context (stacking, unstacking, reset). */
    final void advance(long ns) {
        long target = sched.now() + ns;
        while (true) {
            signals();
            if (sched.now() >= target) {
                return;
            }
            schedulerRunning = true;
            try {
                sched.runUntil(target);
                drainInstant();
            } finally {
                schedulerRunning = false;
            }
        }
    }

    /** Sleeps (Stop with SLEEPDEEP) until {@link #wakeCondition}, after letting the debt pass in Run mode. */
    final void sleepUntilWake() {
        if (debtNs > 0) {
            long d = debtNs;
            debtNs = 0;
            advance(d);
            if (wakeCondition()) {
                return;
            }
        }
        PowerState s = sleepDeep ? PowerState.STOP : PowerState.SLEEP;
        power.enter(s, now());
        schedulerRunning = true;
        try {
            while (!wakeCondition()) {
                if (!sched.step()) {
                    end();
                }
            }
            drainInstant();
        } finally {
            schedulerRunning = false;
        }
        power.enter(PowerState.RUN, now());
        signals();
        if (s == PowerState.STOP) {
            advance(power.energy().profile().stopWakeNs());
        }
    }
}
