package org.sysmodels.sensor.scenario;

import org.sysmodels.core.scenario.ScenarioCatalog;

/** The sensor loop's packaged scenarios. */
public final class ScenarioCatalogs {

    private static final String DIR = "/org/sysmodels/sensor/scenario/";

    private ScenarioCatalogs() {
    }

    public static ScenarioCatalog<Scenario> catalog() {
        return new ScenarioCatalog<>(Scenario.class)
                .add("steady", DIR + "steady.json", "1oo2 at a steady 25 °C for 2 s: no faults, no demand")
                .add("demand", DIR + "demand.json", "the process heats past the 80 °C trip limit: the actuator "
                        + "must be off within the FTTI")
                .add("stuck-sensor", DIR + "stuck-sensor.json", "sensor 0 freezes at 0.5 s: the frozen-data check "
                        + "finds it, the 1oo2 function goes safe")
                .add("bus-hang", DIR + "bus-hang.json", "a sensor holds SDA low at 0.5 s: timeout, bus clear (≤ 9 "
                        + "clocks), retry")
                .add("two-of-three", DIR + "two-of-three.json", "2oo3: sensor 2 drifts, is outvoted and excluded; "
                        + "the function keeps running as 1oo2")
                .add("clock-fault", DIR + "clock-fault.json", "the core clock drops to half speed: the window "
                        + "watchdog does not notice, the LSI cross-check does")
                .add("rtic", DIR + "rtic.json", "the RTIC firmware: three tasks, one resource under the ceiling "
                        + "protocol, response times checked against the analysis")
                .add("recording", DIR + "recording.json", "temperature from a packaged CSV recording with process "
                        + "noise")
                .add("lab-watchdog-in-systick", DIR + "lab-watchdog-in-systick.json", "the main loop hangs at "
                        + "0.5 s (bug lab watchdog-in-systick)")
                .add("lab-trusts-first-sensor", DIR + "lab-trusts-first-sensor.json", "sensor 0 drifts low, then a "
                        + "real demand (bug lab trusts-first-sensor)");
    }
}
