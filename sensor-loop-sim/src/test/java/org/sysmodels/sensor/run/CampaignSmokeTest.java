package org.sysmodels.sensor.run;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.sensor.check.FaultClass;
import org.sysmodels.sensor.check.FaultRecord;
import org.sysmodels.sensor.check.Outcome;
import org.sysmodels.sensor.scenario.Scenario;

class CampaignSmokeTest {
    @Test
    void runs() throws Exception {
        RunSetup setup = RunSetup.of(Scenario.defaults(), "default", 1);
        long t0 = System.nanoTime();
        Campaign.Result r = Campaign.run(setup, new Campaign.Spec(1300, List.of(FaultClass.values()), 7, 2),
                FirmwareSource.BARE_METAL, null);
        System.out.println("wall " + (System.nanoTime() - t0) / 1e6 + " ms");
        r.stats().forEach((c, s) -> System.out.printf("%-16s inj %4d dang %4d DD %4d late %3d DU %3d S %3d NE %3d open %d dc %.3f p99det %d%n",
                c.kind(), s.injected, s.dangerous, s.detectedInTime, s.detectedLate, s.undetected, s.safeTrip, s.noEffect, s.open, s.dc(), s.detectionPercentile(0.99)));
        System.out.println("DC " + r.dc() + " SFF " + r.sff());
        int shown = 0;
        for (FaultRecord f : r.records()) {
            if ((f.outcome() == Outcome.UNDETECTED || f.outcome() == Outcome.DETECTED_LATE || f.outcome() == Outcome.OPEN) && shown++ < 25) {
                System.out.println("  " + f.outcome() + " " + f.describe() + " eff " + f.effectiveAt() + " det " + f.detectedAt() + " " + f.detectedBy() + " handled " + f.handledAt() + " " + f.handledBy());
            }
        }
    }
}
