package org.sysmodels.sensor.model.core;

/**
 * The sleep bits of the System Control Register, SCB SCR (ARMv7-M ARM B3.2.7): with SLEEPONEXIT the core sleeps
 * again when the last handler returns instead of returning to Thread mode; with SLEEPDEEP, WFI enters deep sleep
 * (on an STM32, Stop) instead of Sleep.
 */
record SystemControl(boolean sleepOnExit, boolean sleepDeep) {

    /** The reset value: both bits 0. */
    static final SystemControl RESET = new SystemControl(false, false);

    SystemControl withSleepOnExit(boolean on) {
        return new SystemControl(on, sleepDeep);
    }

    SystemControl withSleepDeep(boolean on) {
        return new SystemControl(sleepOnExit, on);
    }

    /** The power state WFI enters. */
    PowerState sleepState() {
        return sleepDeep ? PowerState.STOP : PowerState.SLEEP;
    }
}
