package org.sysmodels.sensor.model.core;

/**
 * Supply current per power state and the supply voltage, for the energy a run uses. The defaults are of the order an
 * STM32L4 data sheet gives at 80 MHz (a few mA running, around 1 mA in Sleep, a few µA in Stop); set them from your
 * part's data sheet ("supply current characteristics") for real figures.
 *
 * @param runMilliAmps   current while executing at the nominal clock
 * @param sleepMilliAmps current in Sleep (WFI)
 * @param stopMilliAmps  current in Stop (WFI with SLEEPDEEP)
 * @param volts          supply voltage
 * @param stopWakeNs     wake-up time from Stop (the regulator and clocks restart)
 */
public record PowerProfile(double runMilliAmps, double sleepMilliAmps, double stopMilliAmps, double volts,
                           long stopWakeNs) {

    public static final PowerProfile DEFAULT = new PowerProfile(8.0, 1.5, 0.005, 3.0, 5_000);

    public PowerProfile {
        if (runMilliAmps < 0 || sleepMilliAmps < 0 || stopMilliAmps < 0 || volts <= 0 || stopWakeNs < 0) {
            throw new IllegalArgumentException("currents must be ≥ 0, the voltage > 0 and the wake time ≥ 0");
        }
    }

    public double milliAmps(PowerState s) {
        return switch (s) {
            case RUN -> runMilliAmps;
            case SLEEP -> sleepMilliAmps;
            case STOP -> stopMilliAmps;
        };
    }
}
