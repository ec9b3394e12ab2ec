package org.sysmodels.sensor.run;

import java.util.List;
import org.sysmodels.core.lab.BugLab;
import org.sysmodels.sensor.check.BusCleared;
import org.sysmodels.sensor.check.DeadlineMet;
import org.sysmodels.sensor.check.FaultReactionWithinFtti;
import org.sysmodels.sensor.host.labs.NoBusRecovery;
import org.sysmodels.sensor.host.labs.NoPlausibility;
import org.sysmodels.sensor.host.labs.PriorityInversion;
import org.sysmodels.sensor.host.labs.TrustsFirstSensor;
import org.sysmodels.sensor.host.labs.WatchdogInSysTick;

/** The bug labs: each a firmware variant, the scenario that exposes it, and the rule that must catch it. */
public final class Labs {

    /** A lab: what the user reads, the packaged scenario it runs, and the buggy firmware. */
    public record Lab(BugLab bugLab, String scenario, FirmwareSource firmware) {
    }

    public static final List<Lab> ALL = List.of(
            new Lab(new BugLab("watchdog-in-systick",
                    "the watchdogs are refreshed from the SysTick interrupt instead of the main loop",
                    FaultReactionWithinFtti.RULE,
                    "refresh them from the main loop, and only after the cycle passed its checkpoints: a hung loop "
                            + "must stop the refreshes",
                    List.of("scenario lab-watchdog-in-systick: the main loop hangs at 500 ms")),
                    "lab-watchdog-in-systick", FirmwareSource.of("bug lab watchdog-in-systick", WatchdogInSysTick::new)),
            new Lab(new BugLab("no-plausibility",
                    "no range, rate-of-change or frozen-data check on the sensor readings",
                    FaultReactionWithinFtti.RULE,
                    "check each reading's range and rate of change, and that the raw data keep changing (an ADC's "
                            + "noise moves its low bits); fail a channel whose data freeze",
                    List.of("scenario stuck-sensor: sensor 0 freezes at 500 ms")),
                    "stuck-sensor", FirmwareSource.of("bug lab no-plausibility", NoPlausibility::new)),
            new Lab(new BugLab("no-bus-recovery",
                    "I2C transfers wait forever for the bus, and nobody clears a hung bus",
                    BusCleared.RULE,
                    "give every transfer a timeout; when SDA stays low, clock SCL up to nine times and send STOP "
                            + "(UM10204 §3.1.16), then retry",
                    List.of("scenario bus-hang: a sensor holds SDA low at 500 ms")),
                    "bus-hang", FirmwareSource.of("bug lab no-bus-recovery", NoBusRecovery::new)),
            new Lab(new BugLab("priority-inversion",
                    "the resource shared by sample and selftest is a plain mutex instead of the priority ceiling",
                    DeadlineMet.RULE,
                    "lock by raising BASEPRI to the resource's ceiling (RTIC's lock), so no task that could use it "
                            + "starts meanwhile: blocking is one critical section, as the analysis assumes",
                    List.of("scenario rtic: RTIC firmware, no fault")),
                    "rtic", FirmwareSource.of("bug lab priority-inversion", PriorityInversion::new)),
            new Lab(new BugLab("trusts-first-sensor",
                    "the 1oo2 vote decides on the first sensor alone and never compares the two",
                    FaultReactionWithinFtti.RULE,
                    "compare the channels: trip when either demands it, and treat a lasting disagreement beyond the "
                            + "tolerance as a fault (safe state)",
                    List.of("scenario lab-trusts-first-sensor: sensor 0 drifts down 30 °C/s from 500 ms, the "
                            + "process heats past the trip limit from 1 s")),
                    "lab-trusts-first-sensor", FirmwareSource.of("bug lab trusts-first-sensor",
                            TrustsFirstSensor::new)));

    private Labs() {
    }

    public static Lab named(String name) {
        return ALL.stream().filter(l -> l.bugLab().name().equals(name)).findFirst().orElse(null);
    }

    public static List<BugLab> bugLabs() {
        return ALL.stream().map(Lab::bugLab).toList();
    }
}
