package org.sysmodels.sensor.model.wdg;

/** Watchdog activity, for checks and traces. */
public interface WatchdogListener {

    enum Kind {
        INDEPENDENT,
        WINDOW
    }

    /** The watchdog was refreshed; {@code counter} is the value it had just before. */
    default void refreshed(Kind kind, int counter, long now) {
    }

    /** The watchdog resets the MCU; {@code why} says what triggered it. */
    default void expired(Kind kind, String why, long now) {
    }
}
