package org.sysmodels.sensor.check;

import org.sysmodels.sensor.model.core.ResetCause;
import org.sysmodels.sensor.model.wdg.WatchdogListener;

/**
 * What the sensor loop's checks can see: the MCU's outputs and resets, the firmware's diagnostic reports, the bus,
 * task timing of RTIC firmware, and the faults the run injects. Every method has an empty default; a check overrides
 * the events it needs, and {@link CheckHub} calls it only for those.
 */
public interface LoopObserver {

    /** The run injected a fault. */
    default void faultInjected(FaultRecord f) {
    }

    /** The firmware reported diagnostic {@code code} for {@code channel} (−1 = the whole function). */
    default void diagnostic(int code, int channel, long now) {
    }

    /** The actuator line was written. */
    default void actuator(boolean on, boolean changed, long now) {
    }

    /**
     * False if {@link #actuator} does nothing for a write that leaves the level as it was: {@link CheckHub} then
     * calls it for changes only, not for the loop's refresh write of every cycle.
     */
    default boolean seesUnchangedWrites() {
        return true;
    }

    /** The MCU was reset. */
    default void reset(ResetCause cause, long now) {
    }

    /** A watchdog is resetting the MCU. */
    default void watchdogExpired(WatchdogListener.Kind kind, String why, long now) {
    }

    /** SDA of bus {@code bus} became stuck low or was released. */
    default void sdaStuck(int bus, boolean stuck, long now) {
    }

    /** The firmware ran the bus clear on {@code bus}. */
    default void busClear(int bus, int clocks, boolean released, long start, long end) {
    }

    /** Firmware code threw (HardFault). */
    default void hardFault(Throwable thrown, int exc, long now) {
    }

    /** An injected hang took hold in the code of {@code exc} (0 = Thread mode). */
    default void hung(int exc, long now) {
    }

    /** main returned. */
    default void mainReturned(long now) {
    }

    /** An RTIC task instance was released (its timer fired). */
    default void taskReleased(String task, long release, long deadline) {
    }

    /**
     * An RTIC task instance completed: released at {@code release}, finished at {@code end}; {@code bound} is its
     * analysed worst-case response time (−1 if the set failed the analysis), {@code deadline} its relative deadline.
     */
    default void taskCompleted(String task, long release, long end, long bound, long deadline) {
    }
}
