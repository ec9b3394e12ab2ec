package org.sysmodels.nvme.host.driver;

/**
 * Where the reference driver is in its life, as Linux's {@code enum nvme_ctrl_state} has it (NEW, LIVE, RESETTING,
 * DEAD, reduced). The transitions, one method per state, are in {@link DriverLifecycle}.
 */
public sealed interface DriverState {

    /** Not probed yet. */
    record Detached() implements DriverState {
    }

    /** Bringing the device up for the first time ({@code nvme_probe} → {@code nvme_reset_work}). */
    record Probing(BringUp bringUp) implements DriverState {
    }

    /** The I/O queues are up: requests are issued. {@code afterReset}: it came back from a controller reset. */
    record Live(boolean afterReset) implements DriverState {
    }

    /** A controller reset is under way ({@code nvme_reset_ctrl}): requests wait; the bring-up runs again. */
    record Resetting(BringUp bringUp, String why) implements DriverState {
    }

    /** Gone: the probe failed, the device was removed after failed resets, or it was shut down. */
    record Dead(String reason, Death how) implements DriverState {
    }

    /** How the driver came to be {@link Dead}, which decides what it does on the way. */
    enum Death {
        /** The first bring-up failed: blk-mq hears "probe failed". */
        PROBE_FAILED,
        /** Resets did not bring the device back: every request fails and blk-mq hears "device removed". */
        REMOVED,
        /** An orderly shutdown finished. */
        SHUT_DOWN
    }
}
