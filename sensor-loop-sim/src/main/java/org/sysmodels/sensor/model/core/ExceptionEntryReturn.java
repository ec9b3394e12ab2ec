package org.sysmodels.sensor.model.core;

/**
 * Exception entry and return (ARMv7-M ARM B1.5.6, B1.5.8): the core takes the pending exception that can preempt
 * (B1.5.4), runs its handler nested on the stack, and when it returns goes straight to the next one that can run
 * (tail-chaining), sleeps again with SLEEPONEXIT when the last one returns to Thread mode (B3.2.7), or returns.
 * Entry, tail-chain and exit cost {@link ExceptionLatency}'s cycles, owed to the next step of whatever runs next, so
 * an exception arriving during stacking preempts at the handler's first step instead of replacing it (late arrival
 * is not modelled; it would move a handler by 12 cycles).
 *
 * <p>Code that throws takes HardFault (priority −1): the firmware's HardFault handler runs, then the core spins as
 * cortex-m-rt's default handler does, until a watchdog resets it. A fault in the HardFault handler is lockup.
 */
final class ExceptionEntryReturn {

    private final Core core;
    private final Nvic nvic;
    private final ExceptionStack stack;
    private final Preemption preemption;
    private final CoreListeners listeners;
    private final Execution execution;
    private ExceptionLatency latency;

    ExceptionEntryReturn(Core core, Nvic nvic, ExceptionStack stack, Preemption preemption, CoreListeners listeners,
            Execution execution) {
        this.core = core;
        this.nvic = nvic;
        this.stack = stack;
        this.preemption = preemption;
        this.listeners = listeners;
        this.execution = execution;
    }

    /** The clock's frequency changed (or is first known): entry and exit take as many cycles, in other times. */
    void retime(Clock clock) {
        latency = ExceptionLatency.at(clock);
    }

    /** Takes the exception that can preempt, then each one that can run after it, then returns. */
    void take() {
        execution.owe(latency.entryNs());
        int exc = preemption.next();
        while (exc >= 0) {
            runHandler(exc);
            int next = preemption.next();
            if (next < 0 && !stack.inHandlerMode() && core.sleepOnExit()) {
                execution.sleepUntilWake();
                next = preemption.next();
            }
            if (next < 0) {
                break;
            }
            execution.owe(latency.tailChainNs());
            exc = next;
        }
        execution.owe(latency.exitNs());
    }

    private void runHandler(int exc) {
        nvic.activate(exc);
        stack.push(exc, nvic.group(nvic.rawPriority(exc)));
        listeners.exceptionEntry(exc);
        try {
            core.program().handle(exc);
        } catch (RuntimeException | StackOverflowError e) {
            fault(e, exc);
        }
        core.signals();
        listeners.exceptionExit(exc);
        stack.pop();
        nvic.deactivate(exc);
    }

    /** Firmware threw while running {@code exc} (0 = Thread): HardFault, then spin. Never returns normally. */
    void fault(Throwable thrown, int exc) {
        listeners.hardFault(thrown, exc, core.now());
        execution.owe(latency.entryNs());
        stack.push(Exceptions.HARD_FAULT, -1);
        listeners.exceptionEntry(Exceptions.HARD_FAULT);
        try {
            core.program().hardFault();
        } catch (RuntimeException | StackOverflowError e) {
            // A fault in the HardFault handler: lockup. The core stops executing until reset.
            listeners.hardFault(e, Exceptions.HARD_FAULT, core.now());
        }
        core.spinForever();
    }
}
