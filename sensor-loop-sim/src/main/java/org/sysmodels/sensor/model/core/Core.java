package org.sysmodels.sensor.model.core;

import java.util.function.Supplier;
import org.sysmodels.core.sched.Scheduler;

/**
 * A Cortex-M3/M4 core on virtual time, as its firmware sees it. Firmware is plain Java that runs on the host's stack;
 * time passes only when it asks the core to: {@link #work} for computation (cycles), {@link #busyWait} while a
 * peripheral is polled, and {@link #wfi} to sleep ({@link Execution}). Exceptions preempt at those points, and their
 * handlers run nested on the Java stack exactly as they nest on the core's exception stack, so preemption,
 * tail-chaining, BASEPRI and PRIMASK have their architectural meaning:
 *
 * <ul>
 *   <li>execution priority and preemption (ARMv7-M ARM B1.5.4): {@link Preemption}, from the active exceptions
 *       ({@link ExceptionStack}) and PRIMASK and BASEPRI ({@link PriorityMasks});
 *   <li>exception entry, tail-chaining and return, and HardFault when firmware throws: {@link ExceptionEntryReturn},
 *       with the cycles of {@link ExceptionLatency};
 *   <li>WFI sleeps until an exception would preempt if PRIMASK were 0; with PRIMASK set the core wakes without taking
 *       it (B1.5.19); SCR's SLEEPONEXIT and SLEEPDEEP: {@link SystemControl};
 *   <li>a reset (watchdog, {@link #systemReset()}) abandons every frame of main and of the handlers
 *       ({@link CoreSignal#RESET}); peripherals go back to their reset values, the world outside the MCU does not.
 *       Reset flags: {@link ResetStatus}.
 * </ul>
 *
 * <p>Timing is cycle-approximate, not cycle-accurate: {@link #work} costs are the firmware's own estimates.
 */
public final class Core {

    public static final int ENTRY_CYCLES = ExceptionLatency.ENTRY_CYCLES;
    public static final int EXIT_CYCLES = ExceptionLatency.EXIT_CYCLES;
    public static final int TAIL_CHAIN_CYCLES = ExceptionLatency.TAIL_CHAIN_CYCLES;
    private static final long FOREVER = Long.MAX_VALUE / 4;

    private final Scheduler sched;
    private final Clock clock;
    private final Nvic nvic;
    private final CoreListeners listeners;
    private final PowerModes power;
    private final ExceptionStack stack = new ExceptionStack();
    private final PriorityMasks masks;
    private final Preemption preemption;
    private final InjectedFaults faults = new InjectedFaults();
    private final Execution execution;
    private final ExceptionEntryReturn exceptions;
    private final ResetSequence resets;
    private SystemControl scr = SystemControl.RESET;

    public Core(Scheduler sched, Clock clock, Nvic nvic, PowerProfile power) {
        this.sched = sched;
        this.clock = clock;
        this.nvic = nvic;
        this.listeners = new CoreListeners(sched);
        this.power = new PowerModes(clock, power, listeners);
        this.masks = new PriorityMasks(nvic);
        this.preemption = new Preemption(nvic, stack, masks);
        this.execution = new Execution(this, sched, this.power);
        this.exceptions = new ExceptionEntryReturn(this, nvic, stack, preemption, listeners, execution);
        this.resets = new ResetSequence(this, sched, nvic, this.power, listeners, execution, exceptions,
                this::resetRegisters);
        nvic.attach(this);
        exceptions.retime(clock);
        clock.addListener((now, oldHz) -> {
            this.power.clockChanged(now, oldHz);
            exceptions.retime(clock);
        });
    }

    public long now() {
        return sched.now();
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
        resets.onReset(hook);
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
        execution.runFor(clock.ns(cycles + overrun()));
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
        execution.owe(clock.ns(cycles + overrun()));
    }

    /** WFI: sleep until an exception would preempt (ignoring PRIMASK), then take it if it can run. */
    public void wfi() {
        hangCheck();
        signals();
        if (!wakeCondition()) {
            execution.sleepUntilWake();
        }
        if (canPreempt()) {
            exceptions.take();
        }
        hangCheck();
    }

    /** CPSID i: PRIMASK = 1. */
    public void disableInterrupts() {
        masks.setPrimask(true);
    }

    /** CPSIE i: PRIMASK = 0; a pending exception that can now run is taken at once. */
    public void enableInterrupts() {
        masks.setPrimask(false);
        interruptStateChanged();
    }

    public boolean primask() {
        return masks.primask();
    }

    /** MSR BASEPRI: 0 disables masking; otherwise exceptions with group priority ≥ its group priority are masked. */
    public void setBasepri(int raw) {
        masks.setBasepri(raw);
        interruptStateChanged();
    }

    public int basepri() {
        return masks.basepri();
    }

    /** SCB SCR.SLEEPONEXIT. */
    public void setSleepOnExit(boolean on) {
        scr = scr.withSleepOnExit(on);
    }

    /** SCB SCR.SLEEPDEEP: WFI enters Stop instead of Sleep. */
    public void setSleepDeep(boolean on) {
        scr = scr.withSleepDeep(on);
    }

    /** NVIC_SystemReset (AIRCR.SYSRESETREQ). Does not return. */
    public void systemReset() {
        requestReset(ResetCause.SOFTWARE);
        signals();
    }

    /** IPSR: the exception being handled, 0 in Thread mode. */
    public int currentException() {
        return stack.current();
    }

    public boolean inHandlerMode() {
        return stack.inHandlerMode();
    }

    /** DWT CYCCNT: cycles executed since reset (it does not count while the core sleeps). */
    public long cycles() {
        return power.cycles(now());
    }

    /** RCC_CSR reset flags, accumulated until {@link #clearResetFlags()}. */
    public int resetFlags() {
        return resets.status().flags();
    }

    /** RCC_CSR RMVF. */
    public void clearResetFlags() {
        resets.status().clearFlags();
    }

    /** The cause of the last reset, from the flags (the most recent one wins when several are set). */
    public ResetCause lastResetCause() {
        return resets.status().lastCause();
    }

    // ================================================================================ peripherals and the run

    /** The CPU polls a peripheral for {@code ns}: time passes in Run mode, exceptions may preempt. */
    public void busyWait(long ns) {
        hangCheck();
        execution.runFor(ns);
    }

    /** The CPU spins until a reset or the end of the run (exceptions still preempt in Thread mode). */
    public void spinForever() {
        while (true) {
            execution.runFor(FOREVER);
        }
    }

    /** A watchdog or software asks for a reset: the current code stops at its next step. */
    public void requestReset(ResetCause cause) {
        resets.request(cause);
    }

    /** The run's time is up. */
    public void end() {
        resets.end();
    }

    public boolean ended() {
        return resets.ended();
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
    public void run(Supplier<Program> image, long bootNs) {
        resets.run(image, bootNs);
    }

    /** A reset: the core's own registers back to their reset values (ARMv7-M ARM B1.5.5). */
    private void resetRegisters() {
        stack.clear();
        execution.forgiveDebt();
        masks.reset();
        scr = SystemControl.RESET;
        faults.clear();
    }

    // ======================================================================= for the NVIC and the core's parts

    /** Firmware runs and an exception can preempt it now. */
    boolean canPreempt() {
        return nvic.anyPendingEnabled() && resets.program() != null && preemption.any();
    }

    /** WFI wakes: an exception would preempt if PRIMASK were 0, or a reset or the end of the run is due. */
    boolean wakeCondition() {
        return resets.due() || (nvic.anyPendingEnabled() && resets.program() != null
                && preemption.anyIgnoringPrimask());
    }

    /** The NVIC, BASEPRI or PRIMASK changed. From an event: stop the scheduler so the core can react. From firmware
     *  code: take a now-runnable exception right after the instruction, as the core does. */
    void interruptStateChanged() {
        if (resets.program() == null) {
            return;
        }
        if (execution.inEvent()) {
            if (wakeCondition()) {
                execution.stopForCore();
            }
        } else if (canPreempt()) {
            exceptions.take();
        }
    }

    void takeExceptions() {
        exceptions.take();
    }

    Program program() {
        return resets.program();
    }

    boolean sleepOnExit() {
        return scr.sleepOnExit();
    }

    PowerState sleepState() {
        return scr.sleepState();
    }

    /** Unwinds the firmware's stack if the run is over or a reset is due. */
    void signals() {
        resets.signals();
    }

    /** Injected extra cycles due in the current context, once. Which context runs is asked only when some are due:
     *  this runs at every step of the firmware. */
    private long overrun() {
        return faults.overrunDue() ? faults.takeOverrun(currentException()) : 0;
    }

    /** An injected hang of the current context starts here: the loop below lasts until reset. */
    private void hangCheck() {
        if (faults.hangArmed() && resets.program() != null && faults.takeHang(currentException())) {
            spinForever();
        }
    }
}
