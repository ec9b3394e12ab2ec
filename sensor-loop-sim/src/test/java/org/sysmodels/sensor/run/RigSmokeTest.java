package org.sysmodels.sensor.run;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.scenario.ScenarioLoader;
import org.sysmodels.sensor.check.FaultRecord;
import org.sysmodels.sensor.host.safety.Dtc;
import org.sysmodels.sensor.scenario.Scenario;

class RigSmokeTest {
    @Test
    void runs() throws Exception {
        for (String name : new String[] {"steady", "demand", "stuck-sensor", "bus-hang", "two-of-three", "clock-fault", "rtic", "recording"}) {
            Scenario s = ScenarioLoader.loadResource("/org/sysmodels/sensor/scenario/" + name + ".json", Scenario.class);
            RunSetup setup = RunSetup.of(s, name, 1);
            long t0 = System.nanoTime();
            LoopRun.Result r = LoopRun.run(setup, setup.rtic() ? FirmwareSource.RTIC : FirmwareSource.BARE_METAL,
                    s.faultPlan(), 1, LoopRun.Options.CHECKS_ONLY, name);
            System.out.println("== " + name + " wall " + (System.nanoTime() - t0) / 1e6 + " ms resets " + r.resets()
                    + " events " + r.rig().scheduler().executed());
            r.findings().list().forEach(f -> System.out.println("  " + f));
            for (FaultRecord f : r.faults()) {
                System.out.println("  fault " + f.describe() + " -> " + f.outcome() + " det " + f.detectedAt() + " by "
                        + f.detectedBy() + " handled " + f.handledAt() + " by " + f.handledBy());
            }
            for (String[] d : r.diagnostics()) {
                System.out.println("  dtc " + d[0] + " " + Dtc.of(Integer.parseInt(d[1])) + " ch" + d[2]);
            }
            if (r.rta() != null) {
                System.out.println("  worst " + r.rta().worst());
            }
        }
    }
}
