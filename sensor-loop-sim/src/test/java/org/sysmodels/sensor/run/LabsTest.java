package org.sysmodels.sensor.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.sensor.SensorLoopSystem;

/** Each bug lab misses the fault it is about and is caught by its rule; the reference passes the same scenario. */
class LabsTest {

    final SensorLoopSystem system = new SensorLoopSystem();

    @Test
    void everyLabIsCaughtByItsRuleAndTheReferencePasses() throws Exception {
        for (Labs.Lab lab : Labs.ALL) {
            RunResult bug = system.run(RunRequest.ofSeed(1).withBug(lab.bugLab().name()));
            assertTrue(bug.lab().orElseThrow().caught(), lab.bugLab().name() + ": " + bug.lab().get().lines());
            assertFalse(bug.passed(), "a caught lab fails its run (exit 1)");
            RunResult ref = system.run(RunRequest.ofSeed(1).withScenario(lab.scenario()));
            assertTrue(ref.passed(), "the reference passes " + lab.scenario() + ": " + ref.tallies());
        }
    }
}
