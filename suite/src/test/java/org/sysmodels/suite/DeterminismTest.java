package org.sysmodels.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.core.lab.BugLab;
import org.sysmodels.core.scenario.ScenarioEntry;
import org.sysmodels.core.system.SimSystem;
import org.sysmodels.suite.cli.Systems;

/**
 * The promise of the README, held for every system found on the class path: every packaged scenario and every bug
 * lab, run twice with the same seed through the command line, writes byte-identical traces and text logs. Scenarios
 * that run on real threads declare it ({@link ScenarioEntry#deterministic()}) and are left out, honestly; so are
 * scenarios sized for {@code bench/run --long} ({@link ScenarioEntry#benchSized()}), which a smaller scenario of the
 * same system covers. The two runs go side by side on two threads: half the wall time, and a run that leaks state
 * into a static field shared with the other shows up as a difference.
 */
class DeterminismTest {

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyPackagedScenarioAndLabIsByteIdenticalForTheSameSeed() {
        List<DynamicTest> tests = new ArrayList<>();
        List<SimSystem> systems = Systems.discover();
        assertFalse(systems.isEmpty());
        for (SimSystem s : systems) {
            for (ScenarioEntry e : s.scenarios()) {
                if (e.deterministic() && !e.benchSized()) {
                    tests.add(DynamicTest.dynamicTest(s.name() + " --scenario " + e.name(),
                            () -> twice(s.name(), "--scenario", e.name())));
                }
            }
            for (BugLab lab : s.bugLabs()) {
                tests.add(DynamicTest.dynamicTest(s.name() + " --bug " + lab.name(),
                        () -> twice(s.name(), "--bug", lab.name())));
            }
        }
        return tests.stream();
    }

    private void twice(String system, String flag, String name) throws Exception {
        Path a = dir.resolve(system + "-" + name + "-a.json");
        Path b = dir.resolve(system + "-" + name + "-b.json");
        FutureTask<SimRun> secondRun = new FutureTask<>(
                () -> SimRun.of(system, flag, name, "--seed", "3", "--trace", b.toString()));
        Thread.ofPlatform().name("second run").start(secondRun);
        SimRun first = SimRun.of(system, flag, name, "--seed", "3", "--trace", a.toString());
        SimRun second = secondRun.get(10, TimeUnit.MINUTES); // a guard against a hang, not a speed check
        assertTrue(first.exit() == 0 || first.exit() == 1, first.toString());
        assertEquals(first.exit(), second.exit());
        List<Path> written;
        try (Stream<Path> files = Files.list(dir)) {
            written = files.filter(p -> p.getFileName().toString().startsWith(system + "-" + name + "-a"))
                    .sorted().toList();
        }
        assertFalse(written.isEmpty(), "no trace written: " + first);
        for (Path p : written) {
            Path other = dir.resolve(p.getFileName().toString().replace(name + "-a", name + "-b"));
            assertEquals(-1, Files.mismatch(p, other), p.getFileName() + " differs between two runs with seed 3");
            Files.delete(p);
            Files.delete(other);
        }
    }
}
