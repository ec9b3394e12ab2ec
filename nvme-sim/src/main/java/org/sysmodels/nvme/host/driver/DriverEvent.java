package org.sysmodels.nvme.host.driver;

/** What moves the reference driver between {@link DriverState}s. */
sealed interface DriverEvent {

    /** {@code probe} was called. */
    record Probe() implements DriverEvent {
    }

    /** The bring-up created every I/O queue. */
    record BroughtUp() implements DriverEvent {
    }

    /** A bring-up step failed (a register wait timed out, an admin command failed). */
    record BringUpFailed(String reason) implements DriverEvent {
    }

    /** The controller must be reset: CSTS.CFS, an I/O timeout after an Abort, an admin command timed out. */
    record ResetNeeded(String why) implements DriverEvent {
    }

    /** CSTS.SHST reached "shutdown complete" (or the wait gave up). */
    record ShutDownDone() implements DriverEvent {
    }
}
