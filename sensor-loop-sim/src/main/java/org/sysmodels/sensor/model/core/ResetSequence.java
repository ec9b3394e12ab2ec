package org.sysmodels.sensor.model.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.sysmodels.core.sched.Scheduler;

/**
 * The core's life across resets (ARMv7-M ARM B1.5.5, reset behaviour): it boots a firmware image and runs its main;
 * a reset (a watchdog, AIRCR.SYSRESETREQ) abandons every frame of main and of the handlers, puts the core's registers,
 * the NVIC and the peripherals back to their reset values (the world outside the MCU keeps going), lets the boot time
 * pass and boots a fresh image, RAM initialised again; until the end of the run. The unwinding is a
 * {@link CoreSignal} thrown at the code's next step.
 */
final class ResetSequence {

    private final Core core;
    private final Scheduler sched;
    private final Nvic nvic;
    private final PowerModes power;
    private final CoreListeners listeners;
    private final Execution execution;
    private final ExceptionEntryReturn exceptions;
    /** Puts the core's own registers back to their reset values. */
    private final Runnable coreRegisters;
    private final List<Runnable> hooks = new ArrayList<>();
    private final ResetStatus status = new ResetStatus();
    private Program program;
    private boolean ended;
    /** {@code ended || status.requested()}, kept by every write to either: the firmware's every step asks it. */
    private boolean due;

    ResetSequence(Core core, Scheduler sched, Nvic nvic, PowerModes power, CoreListeners listeners,
            Execution execution, ExceptionEntryReturn exceptions, Runnable coreRegisters) {
        this.core = core;
        this.sched = sched;
        this.nvic = nvic;
        this.power = power;
        this.listeners = listeners;
        this.execution = execution;
        this.exceptions = exceptions;
        this.coreRegisters = coreRegisters;
    }

    /** A peripheral that goes back to its reset state on every reset. */
    void onReset(Runnable hook) {
        hooks.add(hook);
    }

    ResetStatus status() {
        return status;
    }

    /** The image running since the last boot; null while the core is being reset. */
    Program program() {
        return program;
    }

    boolean ended() {
        return ended;
    }

    /** A reset is asked for: the current code stops at its next step. */
    void request(ResetCause cause) {
        status.request(cause);
        due = true;
        sched.stop();
    }

    /** The run's time is up: the current code stops at its next step. */
    void end() {
        ended = true;
        due = true;
        sched.stop();
    }

    /** A reset or the end of the run is due: the core must stop what it runs. */
    boolean due() {
        return due;
    }

    /** Unwinds the firmware's stack if the run is over or a reset is due. */
    void signals() {
        if (due) {
            throw ended ? CoreSignal.END : CoreSignal.RESET;
        }
    }

    /** Runs firmware images until the end of the run; a reset boots a fresh instance. */
    void run(Supplier<Program> image, long bootNs) {
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
        power.close(sched.now());
    }

    /** The reset handler calls main, which never returns; if it does, or throws, the core ends up spinning. */
    private void runMain() {
        try {
            program.main();
            listeners.mainReturned(sched.now());
        } catch (RuntimeException | StackOverflowError e) {
            exceptions.fault(e, 0);
        }
        core.spinForever();
    }

    /** Every register back to its reset value, then the boot time passes (a reset during it starts it again). */
    private void applyReset(long bootNs) {
        ResetCause cause = status.apply();
        due = ended;
        coreRegisters.run();
        program = null;
        if (!power.running()) {
            power.enter(PowerState.RUN, sched.now());
        }
        nvic.reset();
        for (Runnable r : hooks) {
            r.run();
        }
        power.clearCycles(sched.now());
        listeners.reset(cause, sched.now());
        try {
            execution.advance(bootNs);
        } catch (CoreSignal s) {
            if (!ended) {
                applyReset(bootNs);
            }
        }
    }
}
