package org.sysmodels.sensor.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.fault.FaultPlan;
import org.sysmodels.sensor.check.FaultClass;
import org.sysmodels.sensor.check.FaultRecord;
import org.sysmodels.sensor.check.Outcome;
import org.sysmodels.sensor.model.core.ResetCause;
import org.sysmodels.sensor.scenario.Scenario;

/**
 * Every fault class is detected and handled within the FTTI by the reference firmware, in both styles, except the
 * clock drift that its clock cross-check cannot see by design ({@link ClockDriftTest}).
 */
class FaultDetectionTest {

    /** The classes the reference firmware handles: all but {@link FaultClass#CLOCK_DRIFT}. */
    static final List<FaultClass> HANDLED = java.util.Arrays.stream(FaultClass.values())
            .filter(c -> c != FaultClass.CLOCK_DRIFT).toList();

    @Test
    void referenceBareMetalHandlesEveryClassWithinTheFtti() throws Exception {
        RunSetup setup = RunSetup.of(Scenario.defaults(), "default", 11);
        Campaign.Result r = Campaign.run(setup, new Campaign.Spec(HANDLED.size() * 4, HANDLED, 11, 2), FirmwareSource.BARE_METAL, null);
        for (FaultRecord f : r.records()) {
            assertTrue(f.outcome().ok(), Reports.oneLine(f, setup.fttiNs()));
        }
        for (Campaign.ClassStats s : r.stats().values()) {
            assertEquals(4, s.injected, s.cls.kind());
        }
        assertEquals(1.0, r.dc(), 1e-9);
    }

    @Test
    void referenceRticHandlesEveryClassWithinTheFtti() throws Exception {
        RunSetup setup = RunSetup.of(Scenario.defaults(), "default", 12).withRtic(true);
        Campaign.Result r = Campaign.run(setup, new Campaign.Spec(HANDLED.size() * 2, HANDLED, 12, 2), FirmwareSource.RTIC, null);
        assertEquals(HANDLED.size() * 2, r.records().size(), "every planned fault was injected and judged");
        for (FaultRecord f : r.records()) {
            assertTrue(f.outcome().ok(), Reports.oneLine(f, setup.fttiNs()));
        }
    }

    @Test
    void aCampaignDoesNotDependOnItsThreads() throws Exception {
        RunSetup setup = RunSetup.of(Scenario.defaults(), "default", 5);
        Campaign.Spec one = new Campaign.Spec(26, List.of(FaultClass.values()), 5, 1);
        Campaign.Spec two = new Campaign.Spec(26, List.of(FaultClass.values()), 5, 2);
        List<String> a = Campaign.run(setup, one, FirmwareSource.BARE_METAL, null).records().stream()
                .map(f -> Reports.oneLine(f, 1)).toList();
        List<String> b = Campaign.run(setup, two, FirmwareSource.BARE_METAL, null).records().stream()
                .map(f -> Reports.oneLine(f, 1)).toList();
        assertEquals(26, a.size(), "every planned fault has a record");
        assertEquals(a, b);
    }

    /** A hung main loop stops the refreshes: the window watchdog resets the MCU within its timeout (~2 ms). */
    @Test
    void theWatchdogsResetAHungLoop() throws Exception {
        RunSetup setup = RunSetup.of(Scenario.defaults(), "default", 3).withDuration(700_000_000L);
        LoopRun.Result r = LoopRun.run(setup, FirmwareSource.BARE_METAL,
                FaultPlan.of(org.sysmodels.core.fault.Fault.once("main-loop-hang", "mcu", 500_000_000L)), 3,
                LoopRun.Options.CHECKS_ONLY, "test");
        FaultRecord f = r.faults().get(0);
        assertEquals(Outcome.DETECTED, f.outcome());
        assertTrue(f.detectedBy().contains("window watchdog"), f.detectedBy());
        assertTrue(f.detectionTime() < 6_000_000, "WWDG timeout ≈ 4 ms after the last refresh: " + f.detectionTime());
        assertEquals(1, r.resets());
        assertTrue((r.rig().mcu().core().resetFlags() & ResetCause.WINDOW_WATCHDOG.flag()) == 0,
                "the firmware read and cleared the flag after the reset");
    }
}
