package org.sysmodels.compositor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.compositor.check.PremultipliedCheck;
import org.sysmodels.compositor.check.QueueCallCheck;
import org.sysmodels.compositor.check.ReleaseFenceCheck;
import org.sysmodels.compositor.check.StarvationCheck;
import org.sysmodels.compositor.check.TearCheck;
import org.sysmodels.core.check.RuleTally;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.lab.BugLab;
import org.sysmodels.core.lab.LabVerdict;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.student.CompileException;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.testing.TestFlags;

/**
 * Every bug lab is caught by its own rule, and its story starts with that rule; a student's app runs where a layer's
 * app would, under every check; its mistakes are caught by the rule they break and what it throws names its line.
 */
class LabsAndStudentAppsTest {

    private final CompositorSystem system = new CompositorSystem();

    @TempDir
    Path dir;

    private RunResult runApp(String fileName, String source, String... flags) throws Exception {
        return runApp(RunRequest.ofSeed(2), fileName, source, flags);
    }

    private RunResult runApp(RunRequest request, String fileName, String source, String... flags) throws Exception {
        Path f = dir.resolve(fileName);
        Files.writeString(f, source);
        return system.run(request.withStudent(f).withOptions(TestFlags.parse(system.options(), flags)));
    }

    /** The template with one change: {@code from} replaced by {@code to} (which must be present). */
    private String template(String name, String from, String to) {
        String t = system.student().orElseThrow().templates().get(0).text().replace("MyApp", name);
        assertTrue(t.contains(from), from);
        return t.replace(from, to);
    }

    @Test
    void everyLabIsCaughtByItsOwnRuleAndSaysSoFirst() throws Exception {
        assertFalse(system.bugLabs().isEmpty(), "no bug labs: the loop below would pass without running one");
        for (BugLab lab : system.bugLabs()) {
            RunResult r = system.run(RunRequest.ofSeed(1).withBug(lab.name()));
            LabVerdict v = r.lab().orElseThrow();
            assertTrue(v.caught(), lab.name() + ": " + v.lines());
            assertFalse(r.passed());
            assertEquals(lab.rule().name(), v.own().map(RuleTally::rule).orElseThrow());
            String caught = v.lines().stream().filter(l -> l.contains("CAUGHT")).findFirst().orElseThrow();
            assertTrue(caught.contains("CAUGHT by rule " + lab.rule().name()), caught);
            assertEquals(lab.overrides().isEmpty() ? 1 : 2, v.lines().indexOf(caught), v.lines().toString());
        }
    }

    @Test
    void aReferenceRunHoldsEveryRule() throws Exception {
        RunResult r = system.run(RunRequest.ofSeed(1));
        assertTrue(r.passed(), r.findings().toString());
        assertEquals(system.rules(), r.checks());
        assertEquals(system.rules().size(), r.cleanChecks().size());
    }

    @Test
    void theTemplateCompilesRunsCleanAndPassesTheWholeBattery() throws Exception {
        Path f = dir.resolve("MyApp.java");
        Files.writeString(f, system.student().orElseThrow().templates().get(0).text());
        RunResult run = system.run(RunRequest.ofSeed(3).withStudent(f));
        assertTrue(run.passed(), run.findings().toString());
        assertTrue(run.summary().stream().anyMatch(s -> s.contains("layer \"launcher\"")), run.summary().toString());
        RunResult grade = system.grade(RunRequest.ofSeed(3).withStudent(f));
        assertTrue(grade.passed(), grade.tables().toString());
        assertEquals(10, grade.tables().get(0).rows().size());
        for (List<String> row : grade.tables().get(0).rows()) {
            assertEquals(system.rules().size() + "/" + system.rules().size(), row.get(1), row.toString());
        }
    }

    @Test
    void drawingBeforeTheReleaseFenceIsCaughtAndTearsTheScreen() throws Exception {
        String early = template("Early", "surface.waitFor(buffer.releaseFence(), () -> {",
                "java.util.function.Consumer<Runnable> now = Runnable::run; now.accept(() -> {");
        RunResult r = runApp(RunRequest.ofSeed(2).withScenario("lab-tearing"), "Early.java", early, "--vsyncs", "30");
        assertFalse(r.passed());
        assertTrue(r.findings().stream().anyMatch(x -> x.rule().equals(ReleaseFenceCheck.RULE.name())),
                r.findings().toString());
        assertTrue(r.findings().stream().anyMatch(x -> x.rule().equals(TearCheck.RULE.name())),
                r.findings().toString());
    }

    @Test
    void drawingStraightAlphaIntoAPremultipliedLayerBreaksTheInvariant() throws Exception {
        String straight = template("Straight", "draw(buffer.canvas(), buffer.width(), buffer.height(), frames++);",
                "draw(new org.sysmodels.compositor.app.Canvas(buffer.image(), "
                        + "org.sysmodels.compositor.pixel.Rect.ofSize(buffer.width(), buffer.height()), true), "
                        + "buffer.width(), buffer.height(), frames++);");
        String translucent = straight.replace("0xff1d3557", "0x40ffffff");
        RunResult r = runApp("Straight.java", translucent, "--vsyncs", "10");
        assertEquals(PremultipliedCheck.RULE.name(), r.tallies().get(0).rule(), r.tallies().toString());
    }

    @Test
    void queueingABufferTwiceIsARefusedCall() throws Exception {
        String twice = template("Twice", "surface.queueBuffer(buffer, null);",
                "surface.queueBuffer(buffer, null); surface.queueBuffer(buffer, null);");
        RunResult r = runApp("Twice.java", twice, "--vsyncs", "10");
        assertEquals(QueueCallCheck.RULE.name(), r.tallies().get(0).rule(), r.tallies().toString());
        assertTrue(r.tallies().get(0).first().message().contains("already queued"), r.tallies().toString());
    }

    @Test
    void anAppThatNeverQueuesTakesEverySlotAndIsBlamedForItsOwnStarvation() throws Exception {
        // AOSP does not hold a producer to maxDequeuedBufferCount before its first queueBuffer: the app gets all
        // three slots, then waits for ever. The consumer holds nothing, so the blame is the app's.
        String never = template("Never", "surface.queueBuffer(buffer, null);", "");
        RunResult n = runApp("Never.java", never.replace("if (drawing) {", "if (false) {"), "--vsyncs", "10");
        assertEquals(List.of(StarvationCheck.RULE.name()), n.tallies().stream().map(RuleTally::rule).toList(),
                n.tallies().toString());
        String message = n.tallies().get(0).first().message();
        assertTrue(message.contains("(0:DEQUEUED 1:DEQUEUED 2:DEQUEUED)")
                && message.contains("the producer itself holds every slot"), message);
    }

    @Test
    void anAppThatKeepsOneBufferPerFrameIsRefusedOnceItHasQueued() throws Exception {
        // Frame 1 dequeues two buffers before any queue (allowed) and queues one; frame 2 dequeues one more, and the
        // next dequeue would make three with maxDequeuedBufferCount 2.
        String leak = template("Leak", "DequeuedBuffer buffer = surface.dequeueBuffer();",
                "surface.dequeueBuffer();\n        DequeuedBuffer buffer = surface.dequeueBuffer();");
        RunResult r = runApp("Leak.java", leak, "--vsyncs", "10");
        RuleTally t = r.tallies().get(0);
        assertEquals(QueueCallCheck.RULE.name(), t.rule(), r.tallies().toString());
        assertTrue(t.first().message().startsWith("INVALID_OPERATION: launcher: dequeueBuffer: attempting to exceed "
                + "the max dequeued buffer count (2)"), t.first().message());
    }

    @Test
    void drawingABufferAfterQueueingItIsCaught() throws Exception {
        // The app keeps the buffer it queued and draws it again at the next vsync: SurfaceFlinger owns it by then.
        String late = template("Late", "    private long frames;          // frames drawn so far",
                "    private long frames;          // frames drawn so far\n    private DequeuedBuffer last;")
                .replace("        if (drawing) {\n            return;                // the previous",
                        "        if (last != null) {\n            last.canvas().clear(Rect.ofSize(last.width(), "
                                + "last.height()), 0xffff0000);\n        }\n        if (drawing) {\n"
                                + "            return;                // the previous")
                .replace("surface.queueBuffer(buffer, null);", "surface.queueBuffer(buffer, null); last = buffer;");
        assertTrue(late.contains("last.canvas()") && late.contains("last = buffer;"), late);
        RunResult r = runApp("Late.java", late, "--vsyncs", "20");
        assertFalse(r.passed(), r.findings().toString());
        RuleTally t = r.tallies().stream().filter(x -> x.rule().equals(QueueCallCheck.RULE.name())).findFirst()
                .orElseThrow(() -> new AssertionError(r.findings().toString()));
        assertTrue(t.first().message().contains("written after queueBuffer"), t.first().message());
    }

    @Test
    void callbacksThatRescheduleThemselvesForeverAreCaughtOnTheirLine() throws Exception {
        // Waiting on a signalled fence runs the callback at the same virtual time; one that waits again never lets
        // the clock move: the run must name the line, not spend the wall-clock limit and blame the run's length.
        String spin = """
                import org.sysmodels.compositor.app.*;
                import org.sysmodels.compositor.model.Fence;
                public class Spin implements SurfaceApp {
                    void again(Surface s) {
                        s.waitFor(Fence.NO_FENCE, () -> again(s));
                    }
                    public void onFrame(Surface s, VsyncFrame f) {
                        again(s);
                    }
                }
                """;
        RunResult r = runApp(RunRequest.ofSeed(2).withTimeLimit(java.time.Duration.ofSeconds(20)), "Spin.java", spin,
                "--vsyncs", "10");
        assertFalse(r.passed());
        RuleTally t = r.tallies().get(0);
        assertEquals("student-code", t.rule(), r.tallies().toString());
        assertTrue(t.first().where().startsWith("Spin.java:5"), t.first().where());
        assertTrue(t.first().message().contains("without virtual time passing"), t.first().message());
    }

    @Test
    void anExceptionInTheAppIsAFindingOnItsLineAndTheRunKeepsItsFigures() throws Exception {
        String broken = template("Broken", "c.clear(Rect.ofSize(w, h), 0xff1d3557);",
                "c.clear(Rect.ofSize(w, h), 0xff1d3557); if (frame == 5) { throw new IllegalStateException(\"five\"); }");
        RunResult r = runApp("Broken.java", broken, "--vsyncs", "30");
        assertFalse(r.passed());
        RuleTally t = r.tallies().get(0);
        assertEquals("student-code", t.rule());
        assertTrue(t.first().where().startsWith("Broken.java:"), t.first().where());
        assertTrue(t.first().where().endsWith("(Broken.draw)"), t.first().where());
        assertFalse(r.tables().isEmpty(), "the tables of the run until the fault are kept");
    }

    @Test
    void theAppCanDrawAnotherLayerAndAnUnknownLayerIsAUsageError() throws Exception {
        String app = system.student().orElseThrow().templates().get(0).text();
        RunResult r = runApp("MyApp.java", app, "--app-layer", "status-bar", "--vsyncs", "20");
        assertTrue(r.passed(), r.findings().toString());
        assertTrue(r.summary().stream().anyMatch(s -> s.contains("layer \"status-bar\"")), r.summary().toString());
        UserInputException e = assertThrows(UserInputException.class,
                () -> runApp("MyApp.java", app, "--app-layer", "nope"));
        assertTrue(e.getMessage().startsWith("--app-layer") && e.getMessage().contains("launcher"), e.getMessage());
    }

    @Test
    void gradeDrawsTheLayerAppLayerNames() throws Exception {
        // An app that refuses to draw the default layer: graded on the status bar, it must pass every case.
        String picky = template("Picky", "        if (drawing) {\n            return;                // the previous",
                "        if (surface.name().equals(\"launcher\") || surface.name().equals(\"list\")) {\n"
                        + "            throw new IllegalStateException(\"graded on \" + surface.name());\n        }\n"
                        + "        if (drawing) {\n            return;                // the previous");
        Path f = dir.resolve("Picky.java");
        Files.writeString(f, picky);
        RunResult grade = system.grade(RunRequest.ofSeed(3).withStudent(f)
                .withOptions(TestFlags.parse(system.options(), "--app-layer", "status-bar")));
        assertTrue(grade.passed(), grade.tables().toString());
        UserInputException e = assertThrows(UserInputException.class, () -> system.grade(RunRequest.ofSeed(3)
                .withStudent(f).withOptions(TestFlags.parse(system.options(), "--app-layer", "nope"))));
        assertTrue(e.getMessage().contains("--app-layer") && e.getMessage().contains("home-screen"), e.getMessage());
    }

    @Test
    void gradeRefusesTheFlagsThatShapeOneRunInsteadOfIgnoringThem() throws Exception {
        // The battery brings its own scenarios, refresh rates and planes: a flag it would not use is a usage error
        // naming the flag, not a grade quietly run without it.
        Path f = dir.resolve("MyApp.java");
        Files.writeString(f, system.student().orElseThrow().templates().get(0).text());
        List<String[]> flags = List.of(new String[] {"--refresh", "75"}, new String[] {"--vsyncs", "10"},
                new String[] {"--planes", "2"}, new String[] {"--no-damage-tracking"}, new String[] {"--frames"},
                new String[] {"--png-dir", dir.resolve("png").toString()});
        for (String[] flag : flags) {
            UserInputException e = assertThrows(UserInputException.class, () -> system.grade(RunRequest.ofSeed(3)
                    .withStudent(f).withOptions(TestFlags.parse(system.options(), flag))), flag[0]);
            assertTrue(e.getMessage().startsWith(flag[0] + ": --grade runs its own battery"), e.getMessage());
        }
        UserInputException scenario = assertThrows(UserInputException.class,
                () -> system.grade(RunRequest.ofSeed(3).withStudent(f).withScenario("rotation")));
        assertTrue(scenario.getMessage().startsWith("--scenario: --grade runs its own battery")
                && scenario.getMessage().contains("--app " + f.getFileName() + " --scenario rotation"),
                scenario.getMessage());
    }

    @Test
    void aScenarioWithNoLayerToDrawSaysSoInsteadOfOfferingAnEmptyList() throws Exception {
        Path scenario = dir.resolve("colours.json");
        Files.writeString(scenario, """
                {"vsyncs": 5, "layers": [{"name": "dim", "app": "COLOR", "color": "#80000000",
                  "frame": {"x": 0, "y": 0, "w": 540, "h": 1200}}]}
                """);
        String app = system.student().orElseThrow().templates().get(0).text();
        for (String[] flags : List.of(new String[0], new String[] {"--app-layer", "dim"})) {
            UserInputException e = assertThrows(UserInputException.class, () -> runApp(RunRequest.ofSeed(1)
                    .withScenario(scenario.toString()), "MyApp.java", app, flags));
            assertFalse(e.getMessage().endsWith(": "), e.getMessage());
            assertTrue(e.getMessage().startsWith(flags.length == 0 ? "the scenario" : "--app-layer: the scenario")
                    && e.getMessage().contains("no layer with a buffer") && e.getMessage().contains("(\"dim\")")
                    && e.getMessage().endsWith("\"app\": \"LAUNCHER\""), e.getMessage());
        }
    }

    @Test
    void appLayerWithoutAnAppIsAUsageError() {
        UserInputException e = assertThrows(UserInputException.class, () -> system.run(RunRequest.ofSeed(1)
                .withOptions(TestFlags.parse(system.options(), "--app-layer", "status-bar"))));
        assertTrue(e.getMessage().startsWith("--app-layer") && e.getMessage().contains("--app"), e.getMessage());
        UserInputException lab = assertThrows(UserInputException.class, () -> system.run(RunRequest.ofSeed(1)
                .withBug("tearing").withOptions(TestFlags.parse(system.options(), "--app-layer", "status-bar"))));
        assertTrue(lab.getMessage().startsWith("--app-layer"), lab.getMessage());
    }

    @Test
    void aFileThatDoesNotCompileIsAUsageErrorWithItsLine() throws Exception {
        CompileException e = assertThrows(CompileException.class, () -> runApp("Typo.java",
                "public class Typo implements org.sysmodels.compositor.app.SurfaceApp {\n int x = ;\n}\n"));
        assertTrue(e.getMessage().startsWith("Typo.java:2:"), e.getMessage());
    }
}
