package org.sysmodels.sensor.model.core;

import org.sysmodels.core.sched.Scheduler;

/**
 * Exception entry, tail-chaining and return: whether a pending exception may preempt the running code (ARMv7-M ARM
 * B1.5.4, {@code ExecutionPriority()}), its handler run nested on the Java stack as it nests on the core's exception
 * stack, SCR.SLEEPONEXIT (B1.5.19), and HardFault with lockup when its own handler faults. The rules, with their
 * sources, are listed on {@link Core}. A superclass of {@code Core} rather than a part of it, for the reason
 * {@link CoreTime} gives.
 */
abstract sealed class ExceptionEntry extends CoreTime permits Core {

    final Nvic nvic;
    final ExceptionStack active;
    final CoreListeners listeners;
    /** The firmware image running; null from a reset until the next image boots. */
    Program program;
    /** SCB SCR.SLEEPONEXIT. */
    boolean sleepOnExit;
    /** Where a stop was first thrown into the running handler (its stack), null while none was. */
    private Throwable stopInHandler;

    ExceptionEntry(Scheduler sched, Clock clock, Nvic nvic, CoreListeners listeners, PowerProfile power) {
        super(sched, clock, new PowerModes(clock, power, listeners));
        this.nvic = nvic;
        this.active = new ExceptionStack(nvic);
        this.listeners = listeners;
    }

    /** Current execution priority (B1.5.4). 256 = Thread mode with nothing masked. */
    final int executionPriority() {
        return active.executionPriority();
    }

    @Override
    final boolean canPreempt() {
        return program != null && nvic.anyPendingEnabled() && nvic.takeable(executionPriority()) >= 0;
    }

    @Override
    final boolean wakeCondition() {
        return resetRequested || ended || (program != null && nvic.anyPendingEnabled()
                && nvic.takeable(active.ignoringPrimask()) >= 0);
    }

    /** The NVIC, BASEPRI or PRIMASK changed. From an event: stop the scheduler so the core can react. From firmware
     *  code: take a now-runnable exception right after the instruction, as the core does. */
    final void interruptStateChanged() {
        if (program == null) {
            return;
        }
        if (schedulerRunning) {
            if (wakeCondition()) {
                stopIssued = true;
                sched.stop();
            }
        } else if (canPreempt()) {
            takeExceptions();
        }
    }

    @Override
    final void takeExceptions() {
        debtNs += entryNs;
        int exc = nvic.takeable(executionPriority());
        while (exc >= 0) {
            runHandler(exc);
            int next = nvic.takeable(executionPriority());
            if (next < 0 && !active.inHandlerMode() && sleepOnExit) {
                sleepUntilWake();
                next = nvic.takeable(executionPriority());
            }
            if (next < 0) {
                break;
            }
            debtNs += tailNs;
            exc = next;
        }
        debtNs += exitNs;
    }

    @Override
    final void stopRaised() {
        signalled = true;
        if (stopInHandler == null && active.inHandlerMode()) {
            stopInHandler = new Throwable();
        }
    }

    /**
     * Runs the handler of {@code exc}. A handler that returns although a stop was thrown into it caught it (a catch
     * of {@code Throwable} or {@code Error}); the stop is raised again at its exception return, as a reset abandons
     * handler code too (ARMv7-M ARM B1.5.5: after a reset execution restarts at the reset vector), and the
     * listeners hear where the handler caught it.
     */
    private void runHandler(int exc) {
        nvic.activate(exc);
        active.push(exc, nvic.group(nvic.rawPriority(exc)));
        listeners.exceptionEntry(exc);
        Throwable outer = stopInHandler;
        Throwable caught;
        stopInHandler = null;
        try {
            program.handle(exc);
        } catch (RuntimeException | StackOverflowError | AssertionError e) {
            fault(e, exc);
        } finally {
            caught = stopInHandler;
            stopInHandler = outer;
        }
        returned(exc, caught);
        signals();
        listeners.exceptionExit(exc);
        active.pop();
        nvic.deactivate(exc);
    }

    /** The handler of {@code exc} returned: with a stop pending, it caught the one thrown into it {@code at}. */
    private void returned(int exc, Throwable at) {
        if (at != null && (ended || resetRequested)) {
            listeners.stopCaughtInHandler(pendingStop(), exc, at, now());
        }
    }

    private Error pendingStop() {
        return ended ? stop : CoreSignal.RESET;
    }

    /**
     * Firmware threw while running {@code exc} (0 = Thread): HardFault, then spin. Never returns normally. The
     * HardFault handler is a handler like the others (ARMv7-M ARM B1.5.6): a stop it catches is raised again when it
     * returns, and named. A fault in it is a lockup (B1.5.15, unrecoverable exception cases): the core stops
     * executing until reset.
     */
    final void fault(Throwable thrown, int exc) {
        faulted(thrown, exc);
        debtNs += entryNs;
        active.push(Exceptions.HARD_FAULT, -1);
        listeners.exceptionEntry(Exceptions.HARD_FAULT);
        Throwable outer = stopInHandler;
        Throwable caught;
        stopInHandler = null;
        try {
            program.hardFault();
        } catch (RuntimeException | StackOverflowError | AssertionError e) {
            faulted(e, Exceptions.HARD_FAULT);
            stopInHandler = null;    // locked up: the handler never returns
        } finally {
            caught = stopInHandler;
            stopInHandler = outer;
        }
        returned(Exceptions.HARD_FAULT, caught);
        spinForever();
    }

    /**
     * The code of {@code exc} threw {@code thrown}: a HardFault. If a stop was pending, that code had caught it
     * first and ran on where the board would have reset or stopped: the listeners hear that before the fault.
     */
    private void faulted(Throwable thrown, int exc) {
        if (signalled && (ended || resetRequested)) {
            listeners.faultAfterCaughtStop(pendingStop(), exc, stopInHandler, thrown, now());
        }
        listeners.hardFault(thrown, exc, now());
    }
}
