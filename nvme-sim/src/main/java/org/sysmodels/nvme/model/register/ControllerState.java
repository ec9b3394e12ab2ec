package org.sysmodels.nvme.model.register;

/**
 * Where the controller is in its life (NVMe 1.4 §7.6.1 initialization, §7.6.2 shutdown, Controller Level Reset),
 * as the host sees it through CSTS. Transitions are in {@link Lifecycle}.
 */
public sealed interface ControllerState {

    /** CSTS.RDY. */
    boolean rdy();

    /** CSTS.SHST. */
    default int shst() {
        return Csts.SHST_NORMAL;
    }

    /** CSTS.CFS. */
    default boolean cfs() {
        return false;
    }

    /** CC.EN = 0 and the controller is idle: registers may be programmed. */
    record Disabled() implements ControllerState {
        public boolean rdy() {
            return false;
        }
    }

    /** CC.EN went 0→1 and the start checks passed; CSTS.RDY becomes 1 at {@code readyAt}. */
    record Enabling(long readyAt) implements ControllerState {
        public boolean rdy() {
            return false;
        }
    }

    /** CSTS.RDY = 1: the controller fetches and processes commands. */
    record Ready() implements ControllerState {
        public boolean rdy() {
            return true;
        }
    }

    /** CC.EN went 1→0: processing stopped, queues are torn down at {@code doneAt}, then CSTS.RDY = 0. */
    record Resetting(long doneAt) implements ControllerState {
        public boolean rdy() {
            return true;
        }
    }

    /** CC.SHN was written: CSTS.SHST = 01b until the shutdown completes. */
    record ShuttingDown(boolean abrupt) implements ControllerState {
        public boolean rdy() {
            return true;
        }

        @Override
        public int shst() {
            return Csts.SHST_PROCESSING;
        }
    }

    /** CSTS.SHST = 10b: safe to remove power; only a reset (CC.EN 1→0) brings the controller back. */
    record ShutDown() implements ControllerState {
        public boolean rdy() {
            return true;
        }

        @Override
        public int shst() {
            return Csts.SHST_COMPLETE;
        }
    }

    /**
     * CSTS.CFS = 1: a fatal error the controller could not report in a completion queue; the host must reset
     * (NVMe Base 2.0, Controller Fatal Status Condition). {@code shst} is CSTS.SHST: 10b once the host has written
     * CC.SHN to the failed controller (see {@link Lifecycle}), else 00b.
     */
    record Failed(String reason, boolean rdy, int shst) implements ControllerState {

        public Failed(String reason, boolean rdy) {
            this(reason, rdy, Csts.SHST_NORMAL);
        }

        @Override
        public boolean cfs() {
            return true;
        }
    }
}
