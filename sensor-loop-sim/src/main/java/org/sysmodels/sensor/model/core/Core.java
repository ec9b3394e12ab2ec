package org.sysmodels.sensor.model.core;

import java.util.ArrayList;
import java.util.List;
import org.sysmodels.core.sched.Scheduler;

/**
 * A Cortex-M3/M4 core on virtual time. Firmware is plain Java that runs on the host's stack; time passes only when
 * it asks the core to: {@link #work} for computation (cycles), {@link #busyWait} while a peripheral is polled, and
 * {@link #wfi} to sleep. Exceptions preempt at those points, and their handlers run nested on the Java stack exactly
 * as they nest on the core's exception stack, so preemption, tail-chaining, late arrival, BASEPRI and PRIMASK have
 * their architectural meaning:
 *
 * <ul>
 *   <li>execution priority (ARMv7-M ARM B1.5.4, pseudo-code {@code ExecutionPriority()}): the group priority of the
 *       highest-priority active exception, boosted by BASEPRI (its group priority) and by PRIMASK (to 0); a pending
 *       exception preempts only if its group priority is strictly lower (higher priority) than that, so equal
 *       priorities never preempt each other;
 *   <li>exception entry takes 12 cycles and exit 10; a pending exception that can run when a handler returns is
 *       tail-chained in 6 cycles without unstacking (ARM knowledge article 103489845 "What is the true interrupt
 *       latency of Cortex-M3 and Cortex-M4"; J. Yiu, <i>The Definitive Guide to ARM Cortex-M3 and Cortex-M4</i>,
 *       3rd ed., ch. 8). Those cycles, and {@link #charge}d ones, are let pass with the next step of whatever code
 *       runs next, not on their own, so an exception arriving during stacking preempts at the handler's first step
 *       instead of replacing it (late arrival is not modelled; it would move a handler by 12 cycles);
 *   <li>WFI sleeps until an exception would preempt if PRIMASK were 0; with PRIMASK set the core wakes without taking
 *       it (B1.5.19); with SCR.SLEEPONEXIT the core sleeps again when the last handler returns instead of returning
 *       to Thread mode; with SCR.SLEEPDEEP it enters Stop instead of Sleep;
 *   <li>firmware that throws takes HardFault (priority −1); the firmware's handler runs, then the core spins as
 *       cortex-m-rt's default handler does, until a watchdog resets it;
 *   <li>a reset (watchdog, {@link #systemReset()}) abandons every frame of main and of the handlers
 *       ({@link CoreSignal#RESET}); peripherals go back to their reset values, the world outside the MCU does not.
 * </ul>
 *
 * <p>Timing is cycle-approximate, not cycle-accurate: {@link #work} costs are the firmware's own estimates.
 *
 * <p>One object in three layers, each a job: {@code CoreTime} lets time pass (steps, sleep, the debt of stacking),
 * {@code ExceptionEntry} takes exceptions (preemption, handlers, HardFault), and this class is the firmware's
 * interface, the run with its resets, and fault injection.
 */
public final class Core extends ExceptionEntry {

    public static final int ENTRY_CYCLES = 12;
    public static final int EXIT_CYCLES = 10;
    public static final int TAIL_CHAIN_CYCLES = 6;

    private final List<Runnable> resetHooks = new ArrayList<>();
    private final InjectedFaults faults = new InjectedFaults();
    private ResetCause resetCause;
    /** {@link #backEdge}: the instant the firmware's loops are being counted at, and how often they went round. */
    private long spinAt = -1;
    private long spins;
    private int resetFlags = ResetCause.POWER_ON.flag();

    public Core(Scheduler sched, Clock clock, Nvic nvic, PowerProfile power) {
        super(sched, clock, nvic, new CoreListeners(sched), power);
        nvic.attach(this);
        clock.addListener((now, oldHz) -> {
            this.power.clockChanged(now, oldHz);
            retime();
        });
    }

    public Scheduler scheduler() {
        return sched;
    }

    public Clock clock() {
        return clock;
    }

    public Nvic nvic() {
        return nvic;
    }

    public EnergyMeter energy() {
        return power.energy();
    }

    public void addListener(CoreListener l) {
        listeners.add(l);
    }

    /** A peripheral that must go back to its reset state on every reset. */
    public void onReset(Runnable hook) {
        resetHooks.add(hook);
    }

    /** A peripheral told of power state changes (SysTick stops in Stop). */
    void onPower(CoreListener hook) {
        listeners.addPowerHook(hook);
    }

    // ===================================================================================== firmware interface

    /** Executes {@code cycles} core cycles of the current context's code; exceptions may preempt it. */
    public void work(long cycles) {
        if (cycles < 0) {
            throw new IllegalArgumentException("work(" + cycles + "): cycles must be ≥ 0");
        }
        hangCheck();
        runFor(clock.ns(cycles + faults.takeOverrun(currentException())));
    }

    /**
     * Accounts for {@code cycles} of computation whose exact position relative to the next peripheral access does not
     * matter: they pass with the next step ({@link #work}, {@link #busyWait}, {@link #wfi}), which saves the simulator
     * a scheduling step. Use {@link #work} when the time must pass here.
     */
    public void charge(long cycles) {
        if (cycles < 0) {
            throw new IllegalArgumentException("charge(" + cycles + "): cycles must be ≥ 0");
        }
        debtNs += clock.ns(cycles + faults.takeOverrun(currentException()));
    }

    /** WFI: sleep until an exception would preempt (ignoring PRIMASK), then take it if it can run. */
    public void wfi() {
        hangCheck();
        signals();
        if (!wakeCondition()) {
            sleepUntilWake();
        }
        if (canPreempt()) {
            takeExceptions();
        }
        hangCheck();
    }

    /** CPSID i: PRIMASK = 1. */
    public void disableInterrupts() {
        active.setPrimask(true);
    }

    /** CPSIE i: PRIMASK = 0; a pending exception that can now run is taken at once. */
    public void enableInterrupts() {
        active.setPrimask(false);
        interruptStateChanged();
    }

    public boolean primask() {
        return active.primask();
    }

    /** MSR BASEPRI: 0 disables masking; otherwise exceptions with group priority ≥ its group priority are masked. */
    public void setBasepri(int raw) {
        if (raw < 0 || raw > 0xFF) {
            throw new IllegalArgumentException("BASEPRI is an 8-bit register: " + raw);
        }
        active.setBasepri(raw);
        interruptStateChanged();
    }

    public int basepri() {
        return active.basepri();
    }

    /** SCB SCR.SLEEPONEXIT. */
    public void setSleepOnExit(boolean on) {
        sleepOnExit = on;
    }

    /** SCB SCR.SLEEPDEEP: WFI enters Stop instead of Sleep. */
    public void setSleepDeep(boolean on) {
        sleepDeep = on;
    }

    /** NVIC_SystemReset (AIRCR.SYSRESETREQ). Does not return. */
    public void systemReset() {
        requestReset(ResetCause.SOFTWARE);
        signals();
    }

    /** IPSR: the exception being handled, 0 in Thread mode. */
    public int currentException() {
        return active.current();
    }

    public boolean inHandlerMode() {
        return active.inHandlerMode();
    }

    /** DWT CYCCNT: cycles executed since reset (it does not count while the core sleeps). */
    public long cycles() {
        return power.cycles(now());
    }

    /** RCC_CSR reset flags, accumulated until {@link #clearResetFlags()}. */
    public int resetFlags() {
        return resetFlags;
    }

    /** RCC_CSR RMVF. */
    public void clearResetFlags() {
        resetFlags = 0;
    }

    /** The cause of the last reset, from the flags (the most recent one wins when several are set). */
    public ResetCause lastResetCause() {
        return resetCause == null ? ResetCause.POWER_ON : resetCause;
    }

    // ================================================================================ peripherals and the run

    /** The CPU polls a peripheral for {@code ns}: time passes in Run mode, exceptions may preempt. */
    public void busyWait(long ns) {
        hangCheck();
        runFor(ns);
    }

    /** A watchdog or software asks for a reset: the current code stops at its next step. */
    public void requestReset(ResetCause cause) {
        if (!resetRequested) {
            resetRequested = true;
            resetCause = cause;
        }
        sched.stop();
    }

    /** Fault injection: Thread mode hangs in a loop from its next step (handlers still run). */
    public void hangThread() {
        hang(0);
    }

    /**
     * Fault injection: the code of {@code context} (0 = Thread mode, else an exception number) hangs in a loop from
     * its next step; exceptions of higher priority still run, lower ones starve.
     */
    public void hang(int context) {
        faults.hang(context);
    }

    /** Fault injection: the next {@link #work} of {@code context} (an exception number, 0 = Thread mode, −1 = any)
     *  takes {@code cycles} more. */
    public void overrun(long cycles, int context) {
        faults.overrun(cycles, context);
    }

    /** Runs firmware images until the end of the run; a reset boots a fresh instance (RAM re-initialised). */
    public void run(java.util.function.Supplier<Program> image, long bootNs) {
        Core outer = SpinBudget.enter(this);
        try {
            while (!ended) {
                program = image.get();
                try {
                    runMain();
                } catch (CoreSignal s) {
                    if (ended) {
                        break;
                    }
                    applyReset(bootNs);
                }
            }
        } finally {
            SpinBudget.leave(outer);
            power.close(now());
        }
    }

    /**
     * Firmware went round a loop once ({@link SpinBudget}): raises a pending reset or end again, which the firmware
     * may have caught, and counts the iterations at this instant of simulated time.
     * @throws FirmwareStalled when they pass the budget; the run ends there, and every later step throws it again
     */
    void backEdge() {
        if (ended || resetRequested) {
            raiseAgain();
        }
        long now = sched.now();
        if (now != spinAt) {
            spinAt = now;
            spins = 1;
        } else if (++spins > SpinBudget.ITERATIONS) {
            stop = new FirmwareStalled(spins - 1, now);
            ended = true;
            signals();
        }
    }

    /**
     * Firmware runs on with a reset or the end pending: a catch of {@code Throwable} or {@code Error} (or a
     * {@code finally} that returns) took the {@link CoreSignal}. On the MCU no code runs after a reset, so the core
     * raises it again; the listeners hear of a caught one.
     */
    private void raiseAgain() {
        if (signalled) {
            listeners.stopCaught(ended ? stop : CoreSignal.RESET, now());
        }
        signals();
    }

    private void runMain() {
        try {
            program.main();
            if (ended || resetRequested) {
                raiseAgain();    // main returned because it caught the stop, not on its own
            }
            listeners.mainReturned(now());
        } catch (RuntimeException | StackOverflowError | AssertionError e) {
            fault(e, 0);
        }
        spinForever();
    }

    private void applyReset(long bootNs) {
        ResetCause cause = resetCause;
        resetRequested = false;
        signalled = false;
        resetFlags |= cause.flag();
        active.reset();
        debtNs = 0;
        sleepOnExit = false;
        sleepDeep = false;
        faults.reset();
        program = null;
        if (!power.running()) {
            power.enter(PowerState.RUN, now());
        }
        nvic.reset();
        for (Runnable r : resetHooks) {
            r.run();
        }
        power.clearCycles(now());
        listeners.reset(cause, now());
        try {
            advance(bootNs);
        } catch (CoreSignal s) {
            if (!ended) {
                applyReset(bootNs);
            }
        }
    }

    private void hangCheck() {
        if (program != null && faults.takeHang(currentException())) {
            listeners.hung(currentException(), now());
            spinForever();    // the hang: it lasts until reset
        }
    }
}
