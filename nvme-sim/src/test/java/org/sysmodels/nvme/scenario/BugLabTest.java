package org.sysmodels.nvme.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.host.DriverBug;

/** Every bug lab is caught by its rule, and the correct driver on the same scenario passes every rule. */
class BugLabTest {

    @ParameterizedTest
    @EnumSource(BugLab.class)
    void theBugIsCaughtByItsRule(BugLab lab) {
        Outcome o = new Simulation(lab.scenario(NvmeScenario.DEFAULT), 1, Tracer.off(), lab.bug()).run();
        assertTrue(o.violations(lab.rule()) > 0, lab.label() + " not caught by " + lab.rule() + ": " + o.findings());
    }

    @ParameterizedTest
    @EnumSource(BugLab.class)
    void aBugLabTraceIsStillAValidTrace(BugLab lab, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Tracer t = Tracer.recording(lab.label());
        new Simulation(lab.scenario(NvmeScenario.DEFAULT), 1, t, lab.bug()).run();
        java.nio.file.Path file = dir.resolve(lab.label() + ".json");
        org.sysmodels.core.trace.ChromeTraceWriter.write(t.log(), file);
        assertTrue(!org.sysmodels.core.testing.TraceFiles.readAndCheck(file).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(BugLab.class)
    void theCorrectDriverPassesTheSameScenario(BugLab lab) {
        Outcome o = new Simulation(lab.scenario(NvmeScenario.DEFAULT), 1, Tracer.off(), DriverBug.NONE).run();
        assertTrue(o.passed(), lab.label() + " scenario fails with the correct driver: " + o.findings());
        assertTrue(o.sim().workload.completed() > 0 && o.sim().workload.errors() == 0, lab.label());
    }
}
