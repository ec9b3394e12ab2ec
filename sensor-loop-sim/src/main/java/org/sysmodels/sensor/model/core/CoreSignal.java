package org.sysmodels.sensor.model.core;

/**
 * Unwinds the firmware's Java stack when the simulated core leaves the code it was running: a reset (every frame
 * of main and of the active handlers is gone, as on real hardware) or the end of the run. An {@link Error} so a
 * firmware's {@code catch (Exception e)} does not swallow it. Firmware that catches it anyway ({@code Throwable},
 * {@code Error}) cannot keep it: the core throws it again at the next call, loop turn ({@link SpinBudget}) or
 * return from main, and tells its listeners.
 */
public final class CoreSignal extends Error {

    /** The core was reset. */
    public static final CoreSignal RESET = new CoreSignal("reset");
    /** The simulated time is over. */
    public static final CoreSignal END = new CoreSignal("end of run");

    private CoreSignal(String what) {
        super(what, null, false, false);
    }
}
