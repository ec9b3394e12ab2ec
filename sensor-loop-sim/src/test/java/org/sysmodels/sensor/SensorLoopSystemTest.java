package org.sysmodels.sensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.option.OptionSpec;
import org.sysmodels.core.option.Options;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.run.Table;
import org.sysmodels.core.student.CompileException;
import org.sysmodels.core.student.StudentSlot;
import org.sysmodels.core.student.Template;
import org.sysmodels.core.system.QuizQuestion;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.testing.TraceFiles;
import org.sysmodels.core.trace.ChromeTraceWriter;

/** The system as the command line drives it: runs, flags, decoder, quiz, trace, student firmware and grading. */
class SensorLoopSystemTest {

    final SensorLoopSystem system = new SensorLoopSystem();

    static <T> Options with(OptionSpec<T> spec, String text) throws Exception {
        return Options.parse(List.of(spec), java.util.Map.of(spec.name(), text));
    }

    @Test
    void defaultRunPassesWithPlotsAndEnergy() throws Exception {
        RunResult r = system.run(RunRequest.ofSeed(1));
        assertTrue(r.passed(), r.tallies().toString());
        assertEquals(system.rules().size() - 2, r.checks().size(), "every rule but the RTIC ones is held");
        assertTrue(r.plots().size() >= 4);
        assertTrue(r.tables().stream().anyMatch(t -> t.title().contains("energy")));
    }

    @Test
    void everyPackagedScenarioPassesWithTheReference() throws Exception {
        for (var e : system.scenarios()) {
            if (e.name().startsWith("lab-")) {
                continue;
            }
            RunResult r = system.run(RunRequest.ofSeed(2).withScenario(e.name()));
            assertTrue(r.passed(), e.name() + ": " + r.tallies());
        }
    }

    @Test
    void injectFlagAddsAFault() throws Exception {
        RunResult r = system.run(RunRequest.ofSeed(1).withOptions(with(SensorLoopFlags.INJECT,
                "sensor-stuck@300ms:sensor1")));
        assertTrue(r.summary().stream().anyMatch(l -> l.startsWith("fault sensor-stuck on channel 1")),
                r.summary().toString());
        UserInputException bad = assertThrows(UserInputException.class, () -> system.run(RunRequest.ofSeed(1)
                .withOptions(with(SensorLoopFlags.INJECT, "sensor-melted@1s"))));
        assertTrue(bad.getMessage().startsWith("--inject: \"sensor-melted\" is not a fault kind"));
        UserInputException target = assertThrows(UserInputException.class, () -> system.run(RunRequest.ofSeed(1)
                .withOptions(with(SensorLoopFlags.INJECT, "sensor-stuck@1s:sensor7"))));
        assertTrue(target.getMessage().contains("faults[0].target"), target.getMessage());
    }

    /** What --inject could not do is said, with what is allowed, instead of a run without the fault. */
    @Test
    void injectMistakesAreUsageErrors() throws Exception {
        java.util.Map<String, String> expected = java.util.Map.of(
                "sensor-stuck@3s", "--inject: sensor-stuck at 3.000 s comes after the run ends at 2.000 s",
                ",", "--inject: \",\" names no fault",
                "i2c-bus-hang@300ms:i2c9", "use i2c1..i2c2 or *",
                "i2c-bus-hang@300ms:i2c0", "use i2c1..i2c2 or *");
        for (var e : expected.entrySet()) {
            UserInputException bad = assertThrows(UserInputException.class, () -> system.run(RunRequest.ofSeed(1)
                    .withOptions(with(SensorLoopFlags.INJECT, e.getKey()))), e.getKey());
            assertTrue(bad.getMessage().contains(e.getValue()), e.getKey() + ": " + bad.getMessage());
        }
    }

    /** 1oo1 has its one sensor on I2C1: a hung I2C2 is judged against nothing, so it is no target. */
    @Test
    void aBusWithoutASensorIsNoFaultTarget() throws Exception {
        Options o = Options.parse(List.of(SensorLoopFlags.INJECT, SensorLoopFlags.ARCHITECTURE),
                java.util.Map.of("--inject", "i2c-bus-hang@300ms:i2c2", "--architecture", "1oo1"));
        UserInputException e = assertThrows(UserInputException.class,
                () -> system.run(RunRequest.ofSeed(1).withOptions(o)));
        assertTrue(e.getMessage().contains("no sensor is on I2C2 in this setup"), e.getMessage());
        assertTrue(e.getMessage().endsWith("use i2c1, a sensorN or *"), e.getMessage());
    }

    /**
     * A hang injected into TIM2's handler matters only where TIM2 runs: the bare-metal reference never enables it,
     * so the fault has no effect (it was judged dangerous undetected, exit 1); RTIC's sample task runs there.
     */
    @Test
    void aHangInAHandlerThatNeverRunsHasNoEffect() throws Exception {
        RunResult bare = system.run(RunRequest.ofSeed(1).withOptions(with(SensorLoopFlags.INJECT,
                "main-loop-hang@500ms:irq28")));
        assertTrue(bare.passed(), bare.findings().toString());
        assertTrue(bare.summary().stream().anyMatch(l -> l.startsWith("fault main-loop-hang")
                && l.contains("never mattered")), bare.summary().toString());
        RunResult rtic = system.run(RunRequest.ofSeed(1).withScenario("rtic").withOptions(with(
                SensorLoopFlags.INJECT, "main-loop-hang@500ms:irq28")));
        assertTrue(rtic.summary().stream().anyMatch(l -> l.startsWith("fault main-loop-hang")
                && l.contains("DD within the FTTI")), rtic.summary().toString());
    }

    /** --campaign N --trace F wrote nothing and said nothing: now F holds the campaign's first run. */
    @Test
    void aTracedCampaignRecordsItsFirstRun() throws Exception {
        RunResult r = system.run(RunRequest.ofSeed(1).withTrace(true).withOptions(with(SensorLoopFlags.CAMPAIGN,
                "3")));
        assertEquals(1, r.traces().size(), r.summary().toString());
        assertFalse(r.traces().get(0).events().isEmpty());
        assertTrue(r.summary().stream().anyMatch(l -> l.startsWith("trace: the campaign's first run, ")),
                r.summary().toString());
        assertTrue(system.run(RunRequest.ofSeed(1).withOptions(with(SensorLoopFlags.CAMPAIGN, "3"))).traces()
                .isEmpty(), "no trace asked, none recorded");
    }

    @Test
    void campaignFlagsWithoutACampaignAreRefused() throws Exception {
        UserInputException e = assertThrows(UserInputException.class, () -> system.run(RunRequest.ofSeed(1)
                .withOptions(with(SensorLoopFlags.CLASSES, "sensor-stuck"))));
        assertTrue(e.getMessage().startsWith("--classes sets up a fault campaign"), e.getMessage());
    }

    @Test
    void twoOfThreeFromTheFlag() throws Exception {
        RunResult r = system.run(RunRequest.ofSeed(1).withOptions(with(SensorLoopFlags.ARCHITECTURE, "2oo3")));
        assertTrue(r.passed());
        assertTrue(r.summary().get(0).contains("2oo3"));
    }

    @Test
    void decoderShowsBothVariants() throws Exception {
        String calib = org.sysmodels.sensor.scenario.Hex.format(concat(
                org.sysmodels.sensor.model.bme280.Calibration.TYPICAL.tpBlock(),
                org.sysmodels.sensor.model.bme280.Calibration.TYPICAL.hBlock()));
        var cmd = system.subcommands().get(0);
        assertEquals("bme280", cmd.name());
        Options o = Options.parse(cmd.options(), java.util.Map.of("--calib", calib, "--adc", "519888,415148,30000"));
        RunResult r = org.sysmodels.sensor.run.Bme280Command.decode(o);
        Table out = r.tables().get(1);
        assertEquals("datasheet", out.rows().get(0).get(0));
        assertEquals("128422", out.rows().get(0).get(1));
        assertEquals("bosch-api", out.rows().get(1).get(0));
        assertEquals("128423", out.rows().get(1).get(1));
        assertTrue(r.summary().get(0).contains("differ"));
        UserInputException short1 = assertThrows(UserInputException.class, () -> org.sysmodels.sensor.run
                .Bme280Command.decode(Options.parse(cmd.options(), java.util.Map.of("--calib", "88 6b", "--adc", "1"))));
        assertTrue(short1.getMessage().startsWith("--calib: 2 bytes"), short1.getMessage());
        java.io.StringWriter text = new java.io.StringWriter();
        assertEquals(0, cmd.run(o, new java.io.PrintWriter(text), new java.io.PrintWriter(new java.io.StringWriter())));
        assertTrue(text.toString().contains("dig_H4") && text.toString().contains("128423"), text.toString());
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void quizHasWorkedAnswersAndDependsOnTheSeed() throws Exception {
        List<QuizQuestion> a = system.quiz(RunRequest.ofSeed(3));
        List<QuizQuestion> b = system.quiz(RunRequest.ofSeed(3));
        List<QuizQuestion> c = system.quiz(RunRequest.ofSeed(4));
        assertEquals(4, a.size());
        assertEquals(a, b);
        assertFalse(a.equals(c));
        assertTrue(a.get(0).answer().contains("R0 = "));
    }

    @Test
    void traceIsValidAndDeterministic(@TempDir Path dir) throws Exception {
        Path[] files = {dir.resolve("a.json"), dir.resolve("b.json")};
        for (Path f : files) {
            RunResult r = system.run(RunRequest.ofSeed(9).withScenario("bus-hang").withTrace(true));
            ChromeTraceWriter.write(r.traces().get(0), f);
        }
        assertArrayEquals(Files.readAllBytes(files[0]), Files.readAllBytes(files[1]));
        var events = TraceFiles.readAndCheck(files[0]);
        assertTrue(events.stream().anyMatch(e -> e.path("name").asText().startsWith("bus clear")));
        assertTrue(events.stream().anyMatch(e -> e.path("name").asText().startsWith("SysTick")));
        assertTrue(events.stream().anyMatch(e -> e.path("name").asText().startsWith("i2c-bus-hang")));
    }

    @Test
    void rticTraceHasTaskTracksAndResponseTimes(@TempDir Path dir) throws Exception {
        RunResult r = system.run(RunRequest.ofSeed(9).withScenario("rtic").withTrace(true));
        Path f = dir.resolve("rtic.json");
        ChromeTraceWriter.write(r.traces().get(0), f);
        var events = TraceFiles.readAndCheck(f);
        assertTrue(events.stream().anyMatch(e -> e.path("ph").asText().equals("b")
                && e.path("name").asText().equals("sample")));
        assertTrue(r.tables().stream().anyMatch(t -> t.title().startsWith("response-time analysis")));
    }

    @Test
    void templatesCompileAndRun(@TempDir Path dir) throws Exception {
        StudentSlot slot = system.student().orElseThrow();
        assertEquals("--firmware", slot.flag());
        for (Template t : slot.templates()) {
            Path f = dir.resolve(t.fileName());
            Files.writeString(f, t.text());
            RunResult r = system.run(RunRequest.ofSeed(1).withStudent(f));
            assertTrue(r.passed(), t.name() + " runs clean on the steady scenario: " + r.tallies());
        }
    }

    @Test
    void studentExceptionIsAHardFaultOnTheirLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("Broken.java");
        Files.writeString(f, """
                import org.sysmodels.sensor.host.Firmware;
                import org.sysmodels.sensor.model.Mcu;

                public class Broken implements Firmware {
                    @Override
                    public void main(Mcu mcu) {
                        mcu.sysTick().configure(80_000);
                        while (true) {
                            mcu.core().wfi();
                        }
                    }

                    @Override
                    public void sysTick(Mcu mcu) {
                        int[] a = new int[1];
                        a[2] = 1;
                    }
                }
                """);
        RunResult r = system.run(RunRequest.ofSeed(1).withStudent(f));
        assertFalse(r.passed());
        Finding first = r.findings().stream().filter(x -> x.rule().equals("no-hard-fault")).findFirst().orElseThrow();
        assertTrue(first.message().contains("Broken.java:16"), first.message());
        assertTrue(first.message().contains("HardFault"), first.message());
        assertTrue(first.source().startsWith("ARMv7-M"), "the rule the board breaks, not \"the run stops\": "
                + first.source());
        assertTrue(r.findings().stream().noneMatch(x -> x.rule().equals("student-code")));
    }

    /** Like a class that is not public: the file cannot be run at all, so exit 2 before the run, not a finding. */
    @Test
    void firmwareWithoutANoArgumentConstructorIsAUsageError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("NoCtor.java");
        Files.writeString(f, """
                import org.sysmodels.sensor.host.Firmware;
                import org.sysmodels.sensor.model.Mcu;

                public class NoCtor implements Firmware {
                    public NoCtor(int period) {
                    }

                    @Override
                    public void main(Mcu mcu) {
                        while (true) {
                            mcu.core().wfi();
                        }
                    }
                }
                """);
        for (var run : List.<org.junit.jupiter.api.function.Executable>of(
                () -> system.run(RunRequest.ofSeed(1).withStudent(f)),
                () -> system.grade(RunRequest.ofSeed(1).withStudent(f)))) {
            CompileException e = assertThrows(CompileException.class, run);
            assertTrue(e.getMessage().startsWith("NoCtor.java:1:1: class NoCtor needs a public constructor NoCtor()"),
                    e.getMessage());
        }
    }

    @Test
    void aCampaignOfNoClassesIsAUsageError() throws Exception {
        Options o = Options.parse(List.of(SensorLoopFlags.CAMPAIGN, SensorLoopFlags.CLASSES),
                java.util.Map.of("--campaign", "5", "--classes", ","));
        UserInputException e = assertThrows(UserInputException.class,
                () -> system.run(RunRequest.ofSeed(1).withOptions(o)));
        assertTrue(e.getMessage().startsWith("--classes: \",\" names no fault class"), e.getMessage());
    }

    @Test
    void compileErrorsAreUserErrors(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("Bad.java");
        Files.writeString(f, "public class Bad implements org.sysmodels.sensor.host.Firmware { }\n");
        CompileException e = assertThrows(CompileException.class,
                () -> system.run(RunRequest.ofSeed(1).withStudent(f)));
        assertTrue(e.getMessage().startsWith("Bad.java:1:"), e.getMessage());
    }

    @Test
    void gradingTheStarterShowsWhatItMisses(@TempDir Path dir) throws Exception {
        Template t = system.student().orElseThrow().template("firmware").orElseThrow();
        Path f = dir.resolve(t.fileName());
        Files.writeString(f, t.text());
        RunResult g = system.grade(RunRequest.ofSeed(1).withStudent(f).withOptions(with(SensorLoopFlags.CAMPAIGN,
                "26")));
        Table grade = g.tables().get(0);
        assertEquals(2 + org.sysmodels.sensor.check.FaultClass.values().length - 1, grade.rows().size(),
                "every fault class but clock-drift, which no firmware on this board can detect");
        assertTrue(grade.rows().stream().noneMatch(row -> row.get(0).equals("clock-drift")));
        assertTrue(g.summary().stream().anyMatch(line -> line.startsWith("not graded: clock-drift")));
        assertEquals("pass", grade.rows().get(0).get(2), "the starter runs a fault-free loop cleanly");
        assertTrue(grade.rows().stream().anyMatch(row -> row.get(2).equals("FAIL")),
                "and misses some fault classes (its TODOs)");
        assertTrue(g.tables().get(1).title().startsWith("diagnostic coverage"));
        assertFalse(g.passed());
        // a failed case breaks the battery's rule; it claims nothing about the board's rules it did not judge
        assertEquals(List.of("grade"), g.checks().stream().map(org.sysmodels.core.check.Rule::name).toList());
        assertTrue(g.findings().stream().allMatch(x -> x.rule().equals("grade") && x.message().startsWith("case ")),
                g.findings().toString());
    }

    /** {@code --grade --inject} is refused: the fault landed in the grade's fault-free case too, and failed it. */
    @Test
    void gradeRefusesAFaultOfTheUsers(@TempDir Path dir) throws Exception {
        Template t = system.student().orElseThrow().template("firmware").orElseThrow();
        Path f = dir.resolve(t.fileName());
        Files.writeString(f, t.text());
        UserInputException e = assertThrows(UserInputException.class, () -> system.grade(RunRequest.ofSeed(1)
                .withStudent(f).withOptions(with(SensorLoopFlags.INJECT, "sensor-stuck@300ms:sensor0"))));
        assertTrue(e.getMessage().contains("--firmware FILE --inject"), e.getMessage());
    }

    /** The complete example in docs/sensor-loop.md compiles, and passes the fault-free and demand runs. */
    @Test
    void theDocsExampleRuns(@TempDir Path dir) throws Exception {
        String doc = Files.readString(Path.of("../docs/sensor-loop.md"));
        int start = doc.indexOf("```java\n") + "```java\n".length();
        String code = doc.substring(start, doc.indexOf("```", start));
        Path f = dir.resolve("Tiny.java");
        Files.writeString(f, code);
        for (String scenario : List.of("steady", "demand")) {
            RunResult r = system.run(RunRequest.ofSeed(1).withScenario(scenario).withStudent(f));
            assertTrue(r.passed(), scenario + ": " + r.tallies());
        }
    }

    /** --duration shorter than the scenario's stale limit can be reached in: refused, naming the limit and the run. */
    @Test
    void aDurationFlagTooShortForTheStaleLimitIsRefused(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("long-stale.json");
        Files.writeString(f, "{\"duration\": \"20s\", \"safety\": {\"stale\": \"10s\"}}");
        UserInputException e = assertThrows(UserInputException.class, () -> system.run(RunRequest.ofSeed(1)
                .withScenario(f.toString()).withOptions(with(SensorLoopFlags.DURATION, "2s"))));
        assertTrue(e.getMessage().startsWith("safety.stale (with the flags given): "), e.getMessage());
        assertTrue(e.getMessage().contains("10.000 s is longer than this 2.000 s run (duration, --duration) can "
                + "reach"), e.getMessage());
    }

    /** A 5 MHz board runs 1oo2; --architecture 2oo3 adds a third read it cannot fit: refused, naming the field. */
    @Test
    void aFlagThatMakesTheBoardTooSlowNamesTheField(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("five.json");
        Files.writeString(f, "{\"mcu\": {\"coreHz\": 5000000}}");
        UserInputException e = assertThrows(UserInputException.class, () -> system.run(RunRequest.ofSeed(1)
                .withScenario(f.toString()).withOptions(with(SensorLoopFlags.ARCHITECTURE, "2oo3"))));
        assertTrue(e.getMessage().startsWith("mcu.coreHz (with the flags given): 5 MHz cannot run the reference loop "
                + "with its 1.000 ms period (safety.period): allowed 9.423702 MHz to 480 MHz."), e.getMessage());
    }

    /** A firmware whose main loop never lets simulated time pass (line 9: the loop's opening line). */
    static Path spinning(Path dir) throws Exception {
        Path f = dir.resolve("Spin.java");
        Files.writeString(f, """
                import org.sysmodels.sensor.host.Firmware;
                import org.sysmodels.sensor.model.Mcu;

                public class Spin implements Firmware {
                    private volatile long n;

                    @Override
                    public void main(Mcu mcu) {
                        while (true) {
                            n++;
                        }
                    }
                }
                """);
        return f;
    }

    /** The run's result, or a failure when it did not return within 60 s of real time (a hang: the old behaviour). */
    static RunResult within60s(java.util.concurrent.Callable<RunResult> run) throws Exception {
        return org.sysmodels.core.student.TimeLimit.run(java.time.Duration.ofSeconds(60), run);
    }

    /**
     * A firmware loop that never lets simulated time pass is stopped after SpinBudget.ITERATIONS turns at one instant
     * of simulated time, at its own line: a count, so the run ends at the same point on every machine (it used to
     * spin until the wall-clock --time-limit, 60 s by default).
     */
    @Test
    void aLoopThatNeverYieldsIsStoppedWithItsLine(@TempDir Path dir) throws Exception {
        Path f = spinning(dir);
        RunResult r = within60s(() -> system.run(RunRequest.ofSeed(1).withStudent(f)));
        assertFalse(r.passed());
        Finding stall = r.findings().stream().filter(x -> x.rule().equals("student-code")).findFirst()
                .orElseThrow();
        assertTrue(stall.message().startsWith("did not finish: Spin.java:9 (Spin.main) went round its loop "
                + org.sysmodels.sensor.model.core.SpinBudget.ITERATIONS + " times"), stall.message());
        assertTrue(stall.message().contains("for ever (no watchdog was running)"), stall.message());
        assertEquals("Spin.java:9 (Spin.main)", stall.where());
    }

    /**
     * {@code --firmware F --campaign N} with a firmware that never lets time pass: every run ends at its budget with
     * a line saying it did not finish, and the campaign goes on to the next (it used to print nothing until the
     * wall-clock limit stopped the whole campaign).
     */
    @Test
    void aCampaignAgainstAStalledFirmwareGivesEveryRunItsLine(@TempDir Path dir) throws Exception {
        Path f = spinning(dir);
        RunResult r = within60s(() -> system.run(RunRequest.ofSeed(1).withStudent(f)
                .withOptions(with(SensorLoopFlags.CAMPAIGN, "3"))));
        List<String> lines = r.summary().stream().filter(l -> l.contains("did not finish")).toList();
        assertEquals(3, lines.size(), r.summary().toString());
        for (int i = 0; i < 3; i++) {
            assertTrue(lines.get(i).startsWith("run " + i + " (") && lines.get(i).contains("Spin.java:9"),
                    lines.get(i));
        }
        assertFalse(r.passed());
    }

    /** {@code --grade} with such a firmware: every case fails on its own with the line; none is left "not run". */
    @Test
    void gradingAStalledFirmwareFailsEveryCaseWithItsLine(@TempDir Path dir) throws Exception {
        Path f = spinning(dir);
        RunResult g = within60s(() -> system.grade(RunRequest.ofSeed(1).withStudent(f)
                .withOptions(with(SensorLoopFlags.CAMPAIGN, "13"))));
        Table grade = g.tables().get(0);
        for (List<String> row : grade.rows()) {
            assertEquals("FAIL", row.get(2), row.toString());
            assertTrue(row.get(3).contains("did not finish: Spin.java:9"), row.toString());
        }
    }
}
