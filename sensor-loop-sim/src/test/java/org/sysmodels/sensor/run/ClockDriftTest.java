package org.sysmodels.sensor.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.fault.Fault;
import org.sysmodels.core.fault.FaultPlan;
import org.sysmodels.sensor.check.FaultClass;
import org.sysmodels.sensor.check.FaultRecord;
import org.sysmodels.sensor.check.Outcome;
import org.sysmodels.sensor.scenario.FaultModel;
import org.sysmodels.sensor.scenario.Scenario;

/**
 * A core clock 5–15 % off matters but sits inside the clock cross-check's 15 % tolerance (which must cover the LSI's
 * own drift): the reference firmware does not see it, and a campaign reports it as dangerous undetected (DU) instead
 * of hiding it behind the gross clock faults it does catch.
 */
class ClockDriftTest {

    @Test
    void aClockTenPercentOffIsDangerousAndGoesUndetected() throws Exception {
        for (double factor : new double[] {0.9, 1.1}) {
            RunSetup setup = RunSetup.of(Scenario.defaults(), "default", 1)
                    .withFaultModel(new FaultModel(null, null, null, null, null, factor, null))
                    .withDuration(700_000_000L);
            LoopRun.Result run = LoopRun.run(setup, FirmwareSource.BARE_METAL,
                    FaultPlan.of(Fault.once("clock-drift", "mcu", 500_000_000L)), 1, LoopRun.Options.CHECKS_ONLY,
                    "test");
            assertEquals(1, run.faults().size());
            FaultRecord f = run.faults().get(0);
            assertEquals(FaultClass.CLOCK_DRIFT, f.faultClass());
            assertEquals(Outcome.UNDETECTED, f.outcome(), "×" + factor + ": " + Reports.oneLine(f, setup.fttiNs()));
            assertTrue(run.findings().list().stream()
                    .anyMatch(x -> x.rule().equals("fault-reaction-within-ftti")), "×" + factor);
        }
    }

    @Test
    void aCampaignCountsClockDriftAsDangerousUndetected() throws Exception {
        RunSetup setup = RunSetup.of(Scenario.defaults(), "default", 2);
        Campaign.Result r = Campaign.run(setup, new Campaign.Spec(16,
                List.of(FaultClass.CLOCK_DRIFT, FaultClass.CLOCK_FAULT), 2, 2), FirmwareSource.BARE_METAL, null);
        Campaign.ClassStats drift = r.stats().get(FaultClass.CLOCK_DRIFT);
        Campaign.ClassStats gross = r.stats().get(FaultClass.CLOCK_FAULT);
        assertEquals(8, drift.injected);
        assertEquals(8, drift.dangerous, "every drift of 5–15 % matters");
        assertTrue(drift.undetected > 0, "no drift went undetected");
        assertEquals(drift.dangerous, drift.undetected + drift.detectedInTime + drift.detectedLate);
        assertEquals(0, gross.undetected, "a gross clock fault went undetected");
        assertTrue(r.dc() < 1.0, "DC " + r.dc());
    }
}
