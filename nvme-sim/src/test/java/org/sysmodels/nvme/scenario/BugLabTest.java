package org.sysmodels.nvme.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sysmodels.core.testing.TraceFiles;
import org.sysmodels.core.trace.ChromeTraceWriter;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.run.NvmeLabs;
import org.sysmodels.nvme.run.Outcome;
import org.sysmodels.nvme.run.Simulation;

/** Every bug lab is caught by its rule, and the correct driver on the same scenario passes every rule. */
class BugLabTest {

    static List<String> labs() {
        return NvmeLabs.labs().stream().map(l -> l.name()).toList();
    }

    private static NvmeLabs.Lab lab(String name) {
        return NvmeLabs.byName(name).orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("labs")
    void theBugIsCaughtByItsRule(String name) {
        NvmeLabs.Lab lab = lab(name);
        Outcome o = new Simulation(lab.setup().apply(NvmeScenario.DEFAULT), 1, Tracer.off(), lab.driver()).run();
        assertTrue(o.findings().count(lab.lab().rule()) > 0, name + " not caught by " + lab.lab().rule() + ": "
                + o.findings().list());
    }

    @ParameterizedTest
    @MethodSource("labs")
    void aBugLabTraceIsStillAValidTrace(String name, @TempDir Path dir) throws Exception {
        NvmeLabs.Lab lab = lab(name);
        Tracer t = Tracer.recording(name);
        new Simulation(lab.setup().apply(NvmeScenario.DEFAULT), 1, t, lab.driver()).run();
        Path file = dir.resolve(name + ".json");
        ChromeTraceWriter.write(t.log(), file);
        assertTrue(!TraceFiles.readAndCheck(file).isEmpty());
    }

    @ParameterizedTest
    @MethodSource("labs")
    void theCorrectDriverPassesTheSameScenario(String name) {
        Outcome o = new Simulation(lab(name).setup().apply(NvmeScenario.DEFAULT), 1, Tracer.off()).run();
        assertTrue(o.passed(), name + " scenario fails with the correct driver: " + o.findings().list());
        assertTrue(o.sim().workload.completed() > 0 && o.sim().workload.errors() == 0, name);
    }
}
