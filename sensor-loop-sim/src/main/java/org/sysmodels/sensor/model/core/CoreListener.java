package org.sysmodels.sensor.model.core;

/** What the core does, for checks and traces. Every method has an empty default. */
public interface CoreListener {

    /** The core starts executing the handler of {@code exc} (after stacking). */
    default void exceptionEntry(int exc, long now) {
    }

    /** The handler of {@code exc} returned. */
    default void exceptionExit(int exc, long now) {
    }

    default void powerState(PowerState state, long now) {
    }

    /** The core was reset and starts again. */
    default void reset(ResetCause cause, long now) {
    }

    /** Firmware code threw: the core takes HardFault. {@code exc} is the exception it was in (0 = Thread mode). */
    default void hardFault(Throwable thrown, int exc, long now) {
    }

    /** An injected hang took hold: the code of {@code exc} (0 = Thread mode) now loops until reset. */
    default void hung(int exc, long now) {
    }

    /**
     * Firmware caught {@code stop} (a {@link CoreSignal} or {@link FirmwareStalled}) and ran on; the core raises it
     * again. Told from the firmware's own call stack, so a listener can locate the firmware's line.
     */
    default void stopCaught(Error stop, long now) {
    }

    /**
     * The handler of {@code exc} caught {@code stop} and returned; the core raises it again at the exception return.
     * {@code where} holds the stack the stop was first thrown from inside that handler, so a listener can locate the
     * firmware's line.
     */
    default void stopCaughtInHandler(Error stop, int exc, Throwable where, long now) {
    }

    /**
     * The code of {@code exc} (0 = Thread mode) caught {@code stop}, ran on and threw {@code fault}, which the core
     * takes as a HardFault ({@link #hardFault} follows). On the MCU that code never ran: the reset or the end came
     * first. {@code where} holds the stack the stop was thrown from inside a handler, or is null.
     */
    default void faultAfterCaughtStop(Error stop, int exc, Throwable where, Throwable fault, long now) {
    }

    /** main returned, which firmware must never do. */
    default void mainReturned(long now) {
    }
}
