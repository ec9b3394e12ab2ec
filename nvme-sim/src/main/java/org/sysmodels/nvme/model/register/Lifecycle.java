package org.sysmodels.nvme.model.register;

import org.sysmodels.core.sched.Action;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.nvme.model.register.ControllerState.Disabled;
import org.sysmodels.nvme.model.register.ControllerState.Enabling;
import org.sysmodels.nvme.model.register.ControllerState.Failed;
import org.sysmodels.nvme.model.register.ControllerState.Ready;
import org.sysmodels.nvme.model.register.ControllerState.Resetting;
import org.sysmodels.nvme.model.register.ControllerState.ShutDown;
import org.sysmodels.nvme.model.register.ControllerState.ShuttingDown;
import org.sysmodels.nvme.model.register.LifecycleEvent.CcWritten;
import org.sysmodels.nvme.model.register.LifecycleEvent.Drained;
import org.sysmodels.nvme.model.register.LifecycleEvent.Elapsed;
import org.sysmodels.nvme.model.register.LifecycleEvent.FatalError;
import org.sysmodels.nvme.model.register.LifecycleEvent.SubsystemReset;

/**
 * The controller state machine: one method per state, each returning the next state, with its transitions written
 * as arrows (the shape of Firecracker's vCPU loop). Effects on queues and commands are delegated to the rest of the
 * controller through {@link Effects}; this class only decides.
 *
 * <p>Sources: enable and the CSTS.CFS start checks, NVMe 1.4 §7.6.1 and §3.1.5 (CC.EN), in the order QEMU's
 * {@code nvme_start_ctrl} applies them; Controller Level Reset (queues deleted, outstanding commands abandoned,
 * admin queue registers kept); shutdown, §7.6.2 and §3.1.5 (CC.SHN) / §3.1.6 (CSTS.SHST); NVM Subsystem Reset
 * (in the Resets section).
 */
public final class Lifecycle {

    /** What the lifecycle reads from and does to the rest of the controller. */
    public interface Effects {

        /** CC as last written. */
        Cc cc();

        /** AQA, ASQ and ACQ as last written (the start checks test them). */
        int aqa();

        long asq();

        long acq();

        /** True while the admin queues of an earlier enable have not been torn down. */
        boolean adminQueuesExist();

        /** Creates the admin queues from AQA, ASQ and ACQ (CC.EN 0→1). */
        void createAdminQueues();

        /** Stops processing now: timers cancelled; what is inside stays until {@link #teardown()}. */
        void halt();

        /** Controller Level Reset (NVMe 1.4): queues deleted, commands abandoned, features back to defaults. */
        void teardown();

        /** NVM subsystem reset: registers back to their power-on values, NSSRO set (NVMe 1.4 NVM Subsystem Reset). */
        void powerOnRegisters();

        /** True once nothing but held Asynchronous Event Requests is inside the controller. */
        boolean drained();

        /** The state changed (CSTS changes with it). */
        void stateChanged(ControllerState before, ControllerState after);
    }

    private final Effects c;
    private final ControllerConfig config;
    private final Cap cap;
    private final Scheduler scheduler;
    private ControllerState state = new Disabled();
    private int generation;
    private final Action timer = g -> handle(new Elapsed((int) g));

    public Lifecycle(Effects effects, ControllerConfig config, Scheduler scheduler) {
        this.c = effects;
        this.config = config;
        this.cap = config.cap();
        this.scheduler = scheduler;
    }

    public ControllerState state() {
        return state;
    }

    public void handle(LifecycleEvent e) {
        ControllerState before = state;
        state = switch (state) {
            case Disabled d -> disabled(e);
            case Enabling en -> enabling(e);
            case Ready r -> ready(e);
            case Resetting r -> resetting(e);
            case ShuttingDown s -> shuttingDown(s, e);
            case ShutDown s -> shutDown(e);
            case Failed f -> failed(f, e);
        };
        if (state != before) {
            c.stateChanged(before, state);
        }
    }

    private ControllerState disabled(LifecycleEvent e) {
        return switch (e) {
            // Disabled ---- CC.EN 0→1, start checks pass ----> Enabling (or Ready at once)
            // Disabled ---- CC.EN 0→1, a start check fails ----> Failed (CSTS.CFS = 1)
            case CcWritten w when w.enabled() -> enable();
            // Disabled ---- CC.SHN ≠ 0 ----> ShutDown (nothing to drain)
            case CcWritten w when w.shutdownNotified() -> new ShutDown();
            // Disabled ---- NSSR ----> Disabled (registers back to power-on values, NSSRO = 1)
            case SubsystemReset r -> subsystemReset();
            default -> state;
        };
    }

    private ControllerState enabling(LifecycleEvent e) {
        return switch (e) {
            // Enabling ---- ready latency elapsed ----> Ready (CSTS.RDY = 1)
            case Elapsed t when t.generation() == generation -> new Ready();
            // Enabling ---- CC.EN 1→0 ----> Resetting
            case CcWritten w when w.disabled() -> reset();
            case FatalError f -> fail(f.reason(), false);
            case SubsystemReset r -> subsystemReset();
            default -> state;
        };
    }

    private ControllerState ready(LifecycleEvent e) {
        return switch (e) {
            // Ready ---- CC.EN 1→0 ----> Resetting (processing stops now; queues go when the reset is done)
            case CcWritten w when w.disabled() -> reset();
            // Ready ---- CC.SHN = 01b ----> ShuttingDown (normal: finish what is inside, fetch nothing new)
            // Ready ---- CC.SHN = 10b ----> ShuttingDown (abrupt: abandon what is inside)
            case CcWritten w when w.shutdownNotified() -> shutdown(w.after().shn() == Cc.SHN_ABRUPT);
            // Ready ---- fatal error ----> Failed (CSTS.CFS = 1, RDY stays 1)
            case FatalError f -> fail(f.reason(), true);
            case SubsystemReset r -> subsystemReset();
            default -> state;
        };
    }

    private ControllerState resetting(LifecycleEvent e) {
        return switch (e) {
            // Resetting ---- reset latency elapsed ----> Disabled (CSTS.RDY = 0)
            case Elapsed t when t.generation() == generation -> {
                c.teardown();
                yield new Disabled();
            }
            // Resetting ---- CC.EN 0→1 before RDY = 0 ----> Failed: the admin queues still exist (start check 1);
            // the reset still finishes, tearing the queues down
            case CcWritten w when w.enabled() -> {
                c.halt();
                yield new Failed(StartCheck.ADMIN_QUEUES_EXIST.reason(), true);
            }
            case SubsystemReset r -> subsystemReset();
            default -> state;
        };
    }

    private ControllerState shuttingDown(ShuttingDown s, LifecycleEvent e) {
        return switch (e) {
            // ShuttingDown ---- normal: nothing left inside ----> (after the shutdown latency) ShutDown
            case Drained d when !s.abrupt() -> {
                schedule(config.shutdownLatency());
                yield state;
            }
            // ShuttingDown ---- shutdown latency elapsed ----> ShutDown (CSTS.SHST = 10b)
            case Elapsed t when t.generation() == generation -> new ShutDown();
            // ShuttingDown ---- CC.EN 1→0 ----> Resetting
            case CcWritten w when w.disabled() -> reset();
            case FatalError f -> fail(f.reason(), true);
            case SubsystemReset r -> subsystemReset();
            default -> state;
        };
    }

    private ControllerState shutDown(LifecycleEvent e) {
        return switch (e) {
            // ShutDown ---- CC.EN 1→0 ----> Resetting
            case CcWritten w when w.disabled() -> reset();
            // ShutDown (entered while disabled) ---- CC.EN 0→1 ----> Enabling
            case CcWritten w when w.enabled() -> enable();
            case SubsystemReset r -> subsystemReset();
            default -> state;
        };
    }

    /**
     * A failed controller has halted: it fetches, processes and posts nothing, so shutdown processing has nothing left
     * to finish, and CC.SHN is answered at once with CSTS.SHST = 10b, CFS staying 1. The base specification gives
     * shutdown no exception for CFS (NVMe Base 2.0, CC.SHN and CSTS.SHST in Controller Properties, and Controller
     * Shutdown); its Controller Fatal Status Condition section asks the host to reset the controller, which alone
     * clears CFS. QEMU answers the same way (hw/nvme/ctrl.c, nvme_write_bar: SHN 0 to non-zero sets SHST complete
     * whatever CFS). Linux does not ask: {@code nvme_dev_disable} (drivers/nvme/host/pci.c) counts a controller with
     * CFS as dead and skips {@code nvme_disable_ctrl}, so no SHN is written.
     */
    private ControllerState failed(Failed f, LifecycleEvent e) {
        return switch (e) {
            // Failed ---- CC.EN 1→0 ----> Resetting (CSTS.CFS clears when the reset is done)
            case CcWritten w when w.disabled() -> reset();
            // Failed ---- CC.SHN ≠ 0 ----> Failed (CSTS.SHST = 10b at once: nothing left to process; CFS stays 1)
            case CcWritten w when w.shutdownNotified() -> new Failed(f.reason(), f.rdy(), Csts.SHST_COMPLETE);
            // Failed ---- a pending reset finishes ----> Failed (queues gone, CFS stays until the host resets)
            case Elapsed t when t.generation() == generation -> {
                c.teardown();
                yield new Failed(f.reason(), false, f.shst());
            }
            case SubsystemReset r -> subsystemReset();
            default -> state;
        };
    }

    private ControllerState enable() {
        StartCheck failed = StartCheck.first(c, cap);
        if (failed != null) {
            return fail(failed.reason(), false);
        }
        c.createAdminQueues();
        long latency = config.readyLatency();
        if (latency == 0) {
            return new Ready();
        }
        schedule(latency);
        return new Enabling(scheduler.now() + latency);
    }

    private ControllerState reset() {
        c.halt();
        long latency = config.resetLatency();
        if (latency == 0) {
            c.teardown();
            generation++;
            return new Disabled();
        }
        schedule(latency);
        return new Resetting(scheduler.now() + latency);
    }

    private ControllerState shutdown(boolean abrupt) {
        if (abrupt) {
            c.halt();
            schedule(config.shutdownLatency());
        } else if (c.drained()) {
            schedule(config.shutdownLatency());
        } else {
            generation++;
        }
        return new ShuttingDown(abrupt);
    }

    private ControllerState fail(String reason, boolean rdy) {
        c.halt();
        generation++;
        return new Failed(reason, rdy);
    }

    private ControllerState subsystemReset() {
        c.halt();
        c.teardown();
        c.powerOnRegisters();
        generation++;
        return new Disabled();
    }

    private void schedule(long delay) {
        generation++;
        scheduler.after(delay, timer, generation);
    }
}
