package org.sysmodels.sensor.model.core;

import org.sysmodels.core.sched.Scheduler;

/**
 * How virtual time passes for the code the core runs. The firmware runs on the host's stack and lets time pass only
 * through the core; meanwhile the scheduler runs the world (peripherals, the process, the watchdogs). Whenever an
 * event makes an exception able to preempt, or asks for a reset or the end of the run, it stops the scheduler and the
 * core reacts at once: it takes the exception, or unwinds with a {@link CoreSignal}.
 *
 * <p>Exception entry, tail-chain and exit time, and cycles the firmware {@linkplain Core#charge charges}, are not let
 * pass on their own: they are owed, and pass with the next step of whatever code runs next.
 */
final class Execution {

    private final Core core;
    private final Scheduler sched;
    private final PowerModes power;
    private boolean schedulerRunning;
    /** An event stopped the scheduler to let the core react: other events of that instant must run first. */
    private boolean stopIssued;
    /** Time owed: passes with the next step of whatever code runs next. */
    private long debtNs;

    Execution(Core core, Scheduler sched, PowerModes power) {
        this.core = core;
        this.sched = sched;
        this.power = power;
    }

    /** {@code ns} more pass with the next step. */
    void owe(long ns) {
        debtNs += ns;
    }

    /** A reset: nothing is owed. */
    void forgiveDebt() {
        debtNs = 0;
    }

    /** The scheduler is running events: code that changes what can preempt runs inside an event. */
    boolean inEvent() {
        return schedulerRunning;
    }

    /** From an event: stop the scheduler after this instant so the core can react. */
    void stopForCore() {
        stopIssued = true;
        sched.stop();
    }

    /** Runs the current context for {@code ns} and what is owed, taking exceptions that preempt it on the way. */
    void runFor(long ns) {
        long remaining = ns + debtNs;
        debtNs = 0;
        while (true) {
            core.signals();
            if (core.canPreempt()) {
                core.takeExceptions();
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

    /** Lets {@code ns} pass without switching context (stacking, unstacking, reset). */
    void advance(long ns) {
        long target = sched.now() + ns;
        while (true) {
            core.signals();
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

    /**
     * WFI, or SLEEPONEXIT after the last handler: what is owed passes in Run mode, then the core sleeps (Sleep, or
     * Stop with SLEEPDEEP) until it would take an exception if PRIMASK were 0 (ARMv7-M ARM B1.5.19), or a reset or the
     * end of the run. Waking from Stop takes the power profile's wake-up time.
     */
    void sleepUntilWake() {
        if (debtNs > 0) {
            long d = debtNs;
            debtNs = 0;
            advance(d);
            if (core.wakeCondition()) {
                return;
            }
        }
        PowerState s = core.sleepState();
        power.enter(s, sched.now());
        schedulerRunning = true;
        try {
            while (!core.wakeCondition()) {
                if (!sched.step()) {
                    core.end();
                }
            }
            drainInstant();
        } finally {
            schedulerRunning = false;
        }
        power.enter(PowerState.RUN, sched.now());
        core.signals();
        if (s == PowerState.STOP) {
            advance(power.energy().profile().stopWakeNs());
        }
    }

    /** Events of one instant arrive together: after an event stopped the scheduler, run the rest of its instant. */
    private void drainInstant() {
        if (stopIssued) {
            stopIssued = false;
            sched.runUntil(sched.now());
        }
    }
}
