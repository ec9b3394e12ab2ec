package org.sysmodels.sensor.model.core;

/**
 * Resets asked for and resets that happened. A watchdog or AIRCR.SYSRESETREQ requests a reset (the first request
 * until it is applied decides its cause); applying it sets the cause's flag in RCC_CSR, where the flags accumulate
 * until software writes RMVF (STM32 RM0090 §7.3.21).
 */
final class ResetStatus {

    /** A request waits to be applied (read at every step of the firmware: a plain flag, not an {@code Optional}). */
    private boolean requested;
    /** The cause of the latest request; null before any. The waiting request's when {@link #requested}. */
    private ResetCause lastRequested;
    private int flags = ResetCause.POWER_ON.flag();

    /** A reset is asked for; a request already waiting keeps its cause. */
    void request(ResetCause cause) {
        java.util.Objects.requireNonNull(cause, "cause");
        if (!requested) {
            requested = true;
            lastRequested = cause;
        }
    }

    /** A reset has been asked for and not applied yet. */
    boolean requested() {
        return requested;
    }

    /** Applies the requested reset: its flag is set, the request is done. Returns its cause. */
    ResetCause apply() {
        if (!requested) {
            throw new java.util.NoSuchElementException("no reset requested");
        }
        ResetCause cause = lastRequested;
        requested = false;
        flags |= cause.flag();
        return cause;
    }

    /** RCC_CSR's reset flags. */
    int flags() {
        return flags;
    }

    /** RCC_CSR RMVF. */
    void clearFlags() {
        flags = 0;
    }

    /** The cause of the last reset requested; power-on before any. */
    ResetCause lastCause() {
        return lastRequested == null ? ResetCause.POWER_ON : lastRequested;
    }
}
