package org.sysmodels.bench.sensor;

import org.sysmodels.core.fault.FaultPlan;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.sensor.run.FirmwareSource;
import org.sysmodels.sensor.run.LoopRun;
import org.sysmodels.sensor.run.RunSetup;
import org.sysmodels.sensor.scenario.Scenario;

/**
 * The benchmarked system: the reference 1 kHz bare-metal loop with two BME280s on two I2C buses at 400 kHz, both
 * watchdogs and every run-time check, no trace. One operation is one loop iteration (1 ms of device time). A run
 * starts from power-on; its start-up (about 15 ms of device time and the objects of one board) is shared by all
 * the iterations of the run.
 */
final class LoopRig {

    private final RunSetup setup;
    private long seed = 1;
    private long lastCycles;

    LoopRig(long iterations) {
        try {
            setup = RunSetup.of(Scenario.defaults(), "bench", 1).withDuration(iterations * 1_000_000L);
        } catch (UserInputException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the loop for the rig's duration; returns how many control cycles ran. */
    long run() {
        try {
            LoopRun.Result r = LoopRun.run(setup, FirmwareSource.BARE_METAL, FaultPlan.none(), seed++,
                    LoopRun.Options.CHECKS_ONLY, "bench");
            if (r.findings().violations() != 0) {
                throw new IllegalStateException("a check failed in the benchmark: " + r.findings().list());
            }
            lastCycles = ((org.sysmodels.sensor.host.reference.SafetyFirmware) r.lastFirmware()).cycles();
            return lastCycles;
        } catch (UserInputException e) {
            throw new IllegalStateException(e);
        }
    }
}
