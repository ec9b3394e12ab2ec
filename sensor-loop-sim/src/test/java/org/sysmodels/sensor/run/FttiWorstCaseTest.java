package org.sysmodels.sensor.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.fault.Fault;
import org.sysmodels.core.fault.FaultPlan;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.sensor.check.FaultClass;
import org.sysmodels.sensor.check.FaultRecord;
import org.sysmodels.sensor.check.Outcome;
import org.sysmodels.sensor.scenario.FaultModel;
import org.sysmodels.sensor.scenario.ScenarioCatalogs;
import org.sysmodels.sensor.scenario.Scenario;

/**
 * The worst case, not the average: every fault class the reference handles (all but the clock drift its
 * cross-check cannot see, {@link ClockDriftTest}), many times across seeds, in every
 * firmware style and architecture, and the fault sizes at the edge of what counts as dangerous. For every dangerous
 * fault, detection time + reaction time (from when it began to matter to when the function was safe) must not exceed
 * the FTTI. All times are virtual: the simulated clock, not the host's.
 */
class FttiWorstCaseTest {

    /** Runs the campaign and asserts the worst case per class; returns the worst reaction per class. */
    private static Map<FaultClass, Long> worstCase(RunSetup setup, FirmwareSource source, int perClass, long seed)
            throws Exception {
        Campaign.Result r = Campaign.run(setup, new Campaign.Spec(FaultDetectionTest.HANDLED.size() * perClass,
                FaultDetectionTest.HANDLED, seed, 2), source, null);
        Map<FaultClass, Long> worst = new EnumMap<>(FaultClass.class);
        List<String> late = new ArrayList<>();
        for (FaultRecord f : r.records()) {
            assertTrue(f.judged(), f.describe());
            if (!f.outcome().ok() || f.outcome().dangerous() && f.reactionTime() > setup.fttiNs()) {
                late.add(Reports.oneLine(f, setup.fttiNs()));
            }
            if (f.outcome().dangerous() && f.outcome().ok()) {
                worst.merge(f.faultClass(), f.reactionTime(), Math::max);
            }
        }
        assertEquals(List.of(), late, source.label() + " seed " + seed);
        for (Campaign.ClassStats s : r.stats().values()) {
            assertEquals(perClass, s.injected, s.cls.kind());
        }
        return worst;
    }

    @Test
    void bareMetalEveryClassAcrossSeeds() throws Exception {
        Map<FaultClass, Long> worst = new EnumMap<>(FaultClass.class);
        for (long seed = 1; seed <= 4; seed++) {
            RunSetup setup = RunSetup.of(Scenario.defaults(), "default", seed);
            worstCase(setup, FirmwareSource.BARE_METAL, 40, seed).forEach((c, v) -> worst.merge(c, v, Math::max));
        }
        // every class that can matter did matter at least once, so its worst case was measured
        for (FaultClass c : FaultDetectionTest.HANDLED) {
            assertTrue(worst.containsKey(c), c.kind() + " never dangerous: its worst case was not exercised");
        }
    }

    @Test
    void rticEveryClassAcrossSeeds() throws Exception {
        for (long seed = 21; seed <= 22; seed++) {
            RunSetup setup = RunSetup.of(Scenario.defaults(), "default", seed).withRtic(true);
            worstCase(setup, FirmwareSource.RTIC, 12, seed);
        }
    }

    @Test
    void twoOutOfThreeEveryClass() throws Exception {
        Scenario s = ScenarioCatalogs.catalog().resolve("two-of-three");
        RunSetup setup = RunSetup.of(s, "two-of-three", 31);
        worstCase(setup, FirmwareSource.BARE_METAL, 12, 31);
    }

    /** One fault of {@code kind} on {@code target} at a drawn time with sizes {@code sizes}; the record. */
    private static FaultRecord one(FaultModel sizes, String kind, String target, long seed) throws Exception {
        RandomStream r = new RandomStream(seed);
        long at = Campaign.SETTLE_NS + r.nextLong(Campaign.WINDOW_NS);
        RunSetup setup = RunSetup.of(Scenario.defaults(), "default", seed).withFaultModel(sizes)
                .withDuration(at + 200_000_000L);
        LoopRun.Result run = LoopRun.run(setup, FirmwareSource.BARE_METAL, FaultPlan.of(Fault.once(kind, target, at)),
                seed, LoopRun.Options.CHECKS_ONLY, "test");
        assertEquals(1, run.faults().size(), kind);
        return run.faults().get(0);
    }

    /**
     * Noise of σ = hazard / 2 (1 °C) is the smallest that counts as dangerous and the hardest to tell from a moving
     * process: the noise check must still take the channel out within the FTTI, every time.
     */
    @Test
    void noiseAtTheHazardEdgeIsHandledWithinTheFtti() throws Exception {
        FaultModel sizes = new FaultModel(null, 1.0, null, null, null, null, null);
        long worst = 0;
        for (long seed = 1; seed <= 240; seed++) {
            FaultRecord f = one(sizes, "sensor-noise", "sensor" + (seed & 1), seed);
            assertEquals(Outcome.DETECTED, f.outcome(), Reports.oneLine(f, 100_000_000L));
            assertTrue(f.handledBy().equals("SENSOR_NOISY") || f.handledBy().equals("SAFE_STATE")
                    || f.handledBy().equals("actuator de-energised"), f.handledBy());
            worst = Math.max(worst, f.reactionTime());
        }
        assertTrue(worst <= 100_000_000L, "worst " + SimTime.format(worst));
    }

    /**
     * A wrong core clock slows or speeds up the loop that would check it: the cross-check runs every cycle over a
     * sliding window, so even a clock at a tenth of its speed is caught within the FTTI (at 4 % the independent
     * watchdog, on the LSI, resets first).
     */
    @Test
    void everyClockFactorIsHandledWithinTheFtti() throws Exception {
        double[] factors = {0.04, 0.1, 0.2, 0.25, 0.5, 0.8, 1.25, 1.5, 2.0, 4.0};
        for (double factor : factors) {
            for (long seed = 1; seed <= 6; seed++) {
                FaultModel sizes = new FaultModel(null, null, null, null, null, factor, null);
                FaultRecord f = one(sizes, "clock-fault", "mcu", seed);
                assertEquals(Outcome.DETECTED, f.outcome(), "×" + factor + ": " + Reports.oneLine(f, 100_000_000L));
                assertTrue(f.reactionTime() <= 100_000_000L, "×" + factor + ": " + Reports.oneLine(f, 100_000_000L));
            }
        }
    }
}
