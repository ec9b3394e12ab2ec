package org.sysmodels.compositor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.check.Severity;
import org.sysmodels.core.system.QuizQuestion;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.testing.TestFlags;
import org.sysmodels.core.system.SimSystem;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.testing.TraceFiles;
import org.sysmodels.core.trace.ChromeTraceWriter;

class CompositorSystemTest {

    private final CompositorSystem system = new CompositorSystem();

    private RunResult run(String scenario) throws Exception {
        return system.run(RunRequest.ofSeed(7).withScenario(scenario));
    }

    @Test
    void theSuiteFindsTheSystem() {
        assertTrue(ServiceLoader.load(SimSystem.class).stream().anyMatch(p -> p.get().name().equals("compositor")));
    }

    @Test
    void everyPackagedScenarioRunsAndPassesItsChecks() throws Exception {
        for (var e : system.scenarios()) {
            RunResult r = run(e.name());
            assertTrue(r.passed(), e.name() + ": " + r.findings());
            assertFalse(r.tables().isEmpty());
        }
    }

    @Test
    void eventsAfterTheLastVsyncAreReportedAsNotHappening() throws Exception {
        RunResult r = system.run(RunRequest.ofSeed(1).withScenario("rotation")
                .withOptions(org.sysmodels.core.testing.TestFlags.parse(system.options(), "--vsyncs", "30")));
        assertTrue(r.summary().stream().anyMatch(s -> s.contains("vsyncs 40, 90") && s.contains("last vsync (30)")),
                r.summary().toString());
        RunResult whole = system.run(RunRequest.ofSeed(1).withScenario("rotation"));
        assertTrue(whole.summary().stream().noneMatch(s -> s.contains("did not happen")), whole.summary().toString());
    }

    @Test
    void aLabMissedUnderChangedFlagsSaysWhichFlagsAndHowToSeeItCaught() throws Exception {
        RunResult r = system.run(RunRequest.ofSeed(1).withBug("starvation")
                .withOptions(org.sysmodels.core.testing.TestFlags.parse(system.options(), "--vsyncs", "3")));
        assertFalse(r.lab().orElseThrow().caught());
        assertTrue(r.summary().stream().anyMatch(s -> s.contains("--vsyncs 3")
                && s.contains("sim compositor --bug starvation")), r.summary().toString());
        RunResult caught = system.run(RunRequest.ofSeed(1).withBug("starvation"));
        assertTrue(caught.summary().stream().noneMatch(s -> s.contains("alone shows")), caught.summary().toString());
    }

    @Test
    void everyBugLabIsCaughtByItsRule() throws Exception {
        for (String[] lab : new String[][] {{"tearing", "tearing"}, {"starvation", "queue-starvation"},
                {"halo", "premultiplied-invariant"}}) {
            RunResult r = system.run(RunRequest.ofSeed(3).withBug(lab[0]));
            assertFalse(r.passed(), lab[0]);
            assertTrue(r.findings().stream().anyMatch(f -> f.rule().equals(lab[1])
                    && f.severity() == Severity.VIOLATION), lab[0] + ": " + r.findings());
        }
    }

    @Test
    void theTourPassesWithTheBugLabsAsInfoAndWritesAContactSheet(@TempDir Path dir) throws Exception {
        RunResult r = system.tour(RunRequest.ofSeed(1).withTrace(true).withOutputDir(dir));
        assertTrue(r.passed(), r.findings().toString());
        assertTrue(r.findings().stream().anyMatch(f -> f.rule().startsWith("caught/")
                && f.severity() == Severity.INFO));
        assertTrue(Files.size(dir.resolve("contact-sheet.png")) > 1000);
        assertEquals(1, r.artifacts().size());
        assertFalse(r.plots().isEmpty());
        assertFalse(r.traces().isEmpty());
        for (String line : r.summary()) {
            assertFalse(line.contains("`"), "Markdown shown literally: " + line);
        }
    }

    @Test
    void theTraceIsWellFormedAndAFunctionOfTheSeed(@TempDir Path dir) throws Exception {
        for (String scenario : List.of("scrolling-list", "more-layers-than-planes")) {
            for (String run : List.of("a", "b")) {
                RunResult r = system.run(RunRequest.ofSeed(2).withScenario(scenario).withTrace(true));
                ChromeTraceWriter.write(r.traces().get(0), dir.resolve(scenario + run + ".json"));
            }
            Path a = dir.resolve(scenario + "a.json");
            assertTrue(TraceFiles.readAndCheck(a).size() > 300);
            assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(dir.resolve(scenario + "b.json")));
        }
    }

    @Test
    void framePngsAreDeterministicForASeed(@TempDir Path dir) throws Exception {
        for (String run : List.of("a", "b")) {
            system.run(RunRequest.ofSeed(5).withScenario("scrolling-list").withOptions(TestFlags.parse(
                    system.options(), "--frames", "--vsyncs", "12", "--png-dir", dir.resolve(run).toString())));
        }
        List<Path> a = list(dir.resolve("a"));
        List<Path> b = list(dir.resolve("b"));
        assertFalse(a.isEmpty());
        assertFalse(Files.exists(dir.resolve("a/frames")), "--png-dir DIR writes into DIR, not DIR/frames");
        assertTrue(Files.exists(dir.resolve("a/contact-sheet.png")));
        assertEquals(a.stream().map(Path::getFileName).toList(), b.stream().map(Path::getFileName).toList());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(Files.readAllBytes(a.get(i)), Files.readAllBytes(b.get(i)), a.get(i).toString());
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("frame-")).sorted().toList();
        }
    }

    @Test
    void aPngFolderThatIsAFileIsAUsageErrorBeforeTheRun(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("some-file"), "x");
        UserInputException e = assertThrows(UserInputException.class, () -> system.run(RunRequest.ofSeed(1)
                .withOptions(TestFlags.parse(system.options(), "--frames", "--png-dir", file.toString()))));
        assertTrue(e.getMessage().startsWith("--png-dir " + file) && e.getMessage().contains("is a file"),
                e.getMessage());
        assertEquals("x", Files.readString(file), "nothing written over it");
    }

    @Test
    void realityNotesCitePrimarySources() {
        for (var note : system.reality()) {
            assertFalse(note.source().contains("shared/reference"), note.source());
            assertFalse(note.source().isBlank(), note.text());
        }
    }

    @Test
    void aLongRunReportsItsProgress() throws Exception {
        List<Double> seen = new java.util.ArrayList<>();
        system.run(RunRequest.ofSeed(1).withOptions(TestFlags.parse(system.options(), "--vsyncs", "300"))
                .withProgress((fraction, what) -> seen.add(fraction)));
        assertEquals(99, seen.size(), seen.toString());
        assertEquals(0.01, seen.get(0), 1e-9);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) > seen.get(i - 1));
        }
    }

    @Test
    void badLayersGetTheHwcsReactionNotACrash() throws Exception {
        RunResult r = run("src/test/resources/scenarios/bad-layers.json");
        assertTrue(r.passed(), r.findings().toString());
        List<Finding> warnings = r.findings().stream().filter(f -> f.severity() == Severity.WARNING).toList();
        assertTrue(warnings.stream().anyMatch(f -> f.where().equals("wrong-size")
                && f.message().contains("BAD_PARAMETER")), warnings.toString());
        String verdicts = r.tables().get(0).rows().toString();
        assertTrue(verdicts.contains("far-away, DEVICE, not shown"), verdicts);
        assertTrue(verdicts.contains("half-off, DEVICE, DEVICE"), verdicts);
    }

    @Test
    void badScenarioFilesAndFlagsAreClearErrors() {
        UserInputException unknown = assertThrows(UserInputException.class,
                () -> run("src/test/resources/scenarios/unknown-field.json"));
        assertTrue(unknown.getMessage().contains("unknown-field.json:4:") && unknown.getMessage().contains("colour"),
                unknown.getMessage());
        UserInputException refresh = assertThrows(UserInputException.class,
                () -> run("src/test/resources/scenarios/bad-refresh.json"));
        assertTrue(refresh.getMessage().contains("refreshHz") && refresh.getMessage().contains("60, 90 or 120"),
                refresh.getMessage());
        UserInputException flag = assertThrows(UserInputException.class,
                () -> system.run(RunRequest.ofSeed(1).withOptions(TestFlags.parse(system.options(), "--refresh",
                        "75"))));
        assertTrue(flag.getMessage().startsWith("--refresh"), flag.getMessage());
        assertThrows(UserInputException.class, () -> system.run(RunRequest.ofSeed(1).withOptions(
                TestFlags.parse(system.options(), "--frames"))));
        assertThrows(UserInputException.class, () -> run("no-such-scenario"));
    }

    @Test
    void theQuizIsAFunctionOfTheSeed() throws Exception {
        List<QuizQuestion> a = system.quiz(RunRequest.ofSeed(11));
        assertEquals(a, system.quiz(RunRequest.ofSeed(11)));
        assertEquals(3, a.size());
        assertNotEquals(a, system.quiz(RunRequest.ofSeed(12)));
        for (QuizQuestion q : a) {
            assertFalse(q.answer().isBlank());
        }
    }
}
