package org.sysmodels.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per class of user mistake: each is exit status 2 (or 1 for the user's own code failing) with a message
 * that names what and where, and never a stack trace or a library's internals.
 */
class UserMistakesTest {

    @TempDir
    Path dir;

    private static void clean(SimRun r) {
        assertFalse(r.err().contains("Exception"), "no stack trace: " + r);
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r);
        assertFalse(r.err().contains("Source: "), "no parser internals: " + r);
        assertFalse(r.err().contains("internal error"), r.toString());
    }

    private SimRun badInput(String... args) {
        SimRun r = SimRun.of(args);
        assertEquals(2, r.exit(), r.toString());
        clean(r);
        return r;
    }

    @Test
    void outputPathsAreCheckedBeforeTheRun() throws Exception {
        Path file = dir.resolve("some-file");
        Files.writeString(file, "x");
        assertTrue(badInput("queue", "--jobs", "10", "--report", file.toString()).err()
                .contains("--report " + file + ": is a file, not a folder"));
        assertTrue(badInput("tour", "--only", "queue", "--report", file.toString()).err()
                .contains("is a file, not a folder"));
        assertTrue(badInput("queue", "--jobs", "10", "--trace", dir.toString()).err().contains("is a directory"));
        assertTrue(badInput("queue", "--jobs", "10", "--trace", "/proc/x.json").err()
                .contains("--trace /proc/x.json: cannot"));
        assertTrue(badInput("queue", "--jobs", "10", "--trace", file.resolve("x.json").toString()).err()
                .contains("cannot create the folder"));
        SimRun nested = SimRun.of("queue", "--jobs", "10", "--trace", dir.resolve("new/dir/q.json").toString());
        assertEquals(0, nested.exit(), "a missing folder is created: " + nested);
        assertTrue(Files.exists(dir.resolve("new/dir/q.json")));
    }

    /**
     * An empty value (a shell variable that was never set: {@code --report "$OUT"}) is refused as the slot flags'
     * empty values are; before, {@code --report ""} wrote index.html into the current folder and exited 0, and
     * {@code --trace ""} and {@code --scenario ""} said "is a directory".
     */
    @Test
    void anEmptyPathOrScenarioIsRefusedByName() {
        assertEquals("sim queue: --report: must not be empty; give a folder name such as report\n",
                badInput("queue", "--jobs", "10", "--report", "").err());
        assertEquals("sim tour: --report: must not be empty; give a folder name such as report\n",
                badInput("tour", "--only", "queue", "--report", "").err());
        assertEquals("sim queue: --trace: must not be empty; give a file name such as trace.json\n",
                badInput("queue", "--jobs", "10", "--trace", "").err());
        assertEquals("sim irp: --scenario: must not be empty; give a packaged scenario's name or a file name "
                + "(see sim list)\n", badInput("irp", "--scenario", "").err());
        assertEquals("sim queue: --scenario: must not be empty; give a packaged scenario's name or a file name "
                + "(see sim list)\n", badInput("queue", "--scenario", " ").err());
    }

    /**
     * --seed and --trace-events, the flags every system shares, say what is wrong the way each system's own flags do
     * ("--jobs: \"abc\" is not a whole number"), not in Java's words ("'abc' is not a long").
     */
    @Test
    void commonNumberFlagsSpeakLikeTheSystemsFlags() {
        assertEquals("sim queue: --seed: \"abc\" is not a whole number (a seed is any 64-bit integer, e.g. 42)\n",
                badInput("queue", "--seed", "abc").err());
        assertEquals("sim nvme: --seed: \"99999999999999999999\" is not a whole number (a seed is any 64-bit "
                + "integer, e.g. 42)\n", badInput("nvme", "--seed", "99999999999999999999").err());
        assertEquals("sim tour: --seed: \"1.5\" is not a whole number (a seed is any 64-bit integer, e.g. 42)\n",
                badInput("tour", "--seed", "1.5").err());
        assertEquals("sim irp: --trace-events: \"lots\" is not a whole number; allowed: 1 to 50,000,000\n",
                badInput("irp", "--trace-events", "lots").err());
        assertEquals("sim queue: --jobs: \"abc\" is not a whole number; allowed: 1 to 100,000,000\n",
                badInput("queue", "--jobs", "abc").err());
    }

    @Test
    void scenarioFilesAreReadAsEditorsSaveThem() throws Exception {
        Path bom = dir.resolve("bom.json");
        Files.write(bom, ("\uFEFF{\"load\": 0.4, \"jobs\": 100}\n").getBytes(StandardCharsets.UTF_8));
        SimRun ok = SimRun.of("queue", "--scenario", bom.toString());
        assertEquals(0, ok.exit(), "a byte order mark is accepted: " + ok);

        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, "{\"load\": 0.4} // caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("sim queue: " + latin1 + ": not UTF-8 text (save the file as UTF-8)\n",
                badInput("queue", "--scenario", latin1.toString()).err());

        assertEquals("sim queue: " + dir + ": is a directory, not a scenario file\n",
                badInput("queue", "--scenario", dir.toString()).err());

        Path truncated = dir.resolve("truncated.json");
        Files.writeString(truncated, "// a truncated file\n{\n  \"load\": 0.4,\n  \"jobs\": 100\n");
        assertEquals("sim queue: " + truncated + ":5:1: the file ends inside an object opened at line 2, column 1 (a "
                + "closing } is missing)\n", badInput("queue", "--scenario", truncated.toString()).err());
        Files.writeString(truncated, "{\n  \"load\": 0.4,\n  \"jobs\": \"100");
        assertTrue(badInput("queue", "--scenario", truncated.toString()).err().contains(
                "the file ends inside a string opened at line 3, column 11"));

        Path garbage = dir.resolve("garbage.json");
        Files.writeString(garbage, "{\"load\": 0.4,, }\n");
        assertTrue(badInput("queue", "--scenario", garbage.toString()).err().contains("garbage.json:1:"));
    }

    @Test
    void flagValuesAreCheckedWithUnitsRequired() {
        assertEquals("sim queue: --mean-service: \"10\" has no unit; write it with one: ns, us, ms or s (e.g. 10us)\n",
                badInput("queue", "--mean-service", "10").err());
        assertTrue(badInput("queue", "--trace-events", "0", "--jobs", "5").err().contains("--trace-events: 0 is out"));
        assertTrue(badInput("queue", "--template", "nope").err().contains("templates: fifo"));
        assertEquals("sim queue: --template prints a starter file and runs nothing; leave out --bug, or run without "
                + "--template\n", badInput("queue", "--template", "--bug", "fixed-ring").err());
        assertTrue(badInput("queue", "--template", "--seed", "3", "--quiz").err().contains("leave out --quiz"));
        assertEquals("sim irp: --quiz prints questions generated from --seed alone, which --scenario does not "
                + "change; leave out --scenario, or run without --quiz\n",
                badInput("irp", "--quiz", "--seed", "3", "--scenario", "demo").err());
        assertTrue(badInput("queue", "--solve", "--jobs", "10").err().contains("which --jobs does not change"));
        assertEquals(0, SimRun.of("queue", "--quiz", "--solve", "--seed", "3").exit());
    }

    @Test
    void aFlagThatWouldChangeNothingIsRefusedWithWhatItNeeds() {
        assertEquals("sim irp: --time-limit limits the real time your code may run, and this run has none of yours: "
                + "give it with --driver FILE or --grade FILE, or leave it out\n",
                badInput("irp", "--time-limit", "5s").err());
        assertEquals("sim irp: --trace-events sets how many events a trace keeps, and this run records none: give it "
                + "with --trace FILE or --report DIR, or leave it out\n",
                badInput("irp", "--trace-events", "5").err());
    }

    @Test
    void studentCodeMistakesAreNamedOnTheirLine() throws Exception {
        Path broken = dir.resolve("Broken.java");
        Files.writeString(broken, "public class Broken implements org.sysmodels.queue.model.Discipline {\n"
                + "  public void add(long t) { }\n  public long take() { return 0 }\n"
                + "  public boolean isEmpty() { return true; }\n}\n");
        assertTrue(badInput("queue", "--discipline", broken.toString()).err().contains("Broken.java:3:"));
        assertTrue(badInput("queue", "--discipline", broken.toString(), "--grade", broken.toString()).err()
                .contains("give one of them"));
        assertEquals("sim irp: --grade runs a battery of cases and writes no trace; leave out --trace, or trace one "
                + "case with --driver FILE --scenario NAME --trace FILE\n",
                badInput("irp", "--grade", broken.toString(), "--trace", dir.resolve("g.json").toString()).err());
        assertTrue(badInput("queue", "--grade", broken.toString(), "--trace-events", "5").err()
                .contains("writes no trace; leave out --trace-events"));

        Path spin = dir.resolve("Spin.java");
        Files.writeString(spin, "public class Spin implements org.sysmodels.queue.model.Discipline {\n"
                + "  public volatile boolean stop;\n"
                + "  public void add(long t) { }\n  public long take() { return 0; }\n"
                + "  public boolean isEmpty() { while (!stop) { } return true; }\n}\n");
        // The limit covers compiling the file too: generous, so a loaded machine still reaches the loop.
        Path report = dir.resolve("report");
        SimRun hang = SimRun.of("queue", "--discipline", spin.toString(), "--time-limit", "10s", "--report",
                report.toString());
        assertEquals(1, hang.exit(), hang.toString());
        assertTrue(hang.err().contains("Spin.java:5 (Spin.isEmpty)"), hang.err());
        assertTrue(hang.err().contains("  not written: --report " + report + " (the run ended without a result)"),
                hang.err());
        clean(hang);
    }

    /** An app that throws is the app's fault, in the compositor's word: not "a driver that faulted". */
    @Test
    void aStudentsFaultIsNamedInTheSlotsWord() throws Exception {
        Path app = dir.resolve("Crash.java");
        Files.writeString(app, SimRun.of("compositor", "--template").out().replace("class MyApp", "class Crash")
                .replace("c.clear(Rect.ofSize(w, h), 0xff1d3557);",
                        "if (frame == 3) throw new IllegalStateException(\"frame 3\"); "
                                + "c.clear(Rect.ofSize(w, h), 0xff1d3557);"));
        SimRun r = SimRun.of("compositor", "--app", app.toString(), "--vsyncs", "20");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().contains("VIOLATION student-code at "), r.out());
        assertTrue(r.out().contains("your code threw IllegalStateException: frame 3 at Crash.java:"), r.out());
        assertTrue(r.out().contains("[sysmodels (the run stops where your app faulted, as a real system stops "
                + "trusting code that faulted)]"), r.out());
        assertFalse(r.out().contains("driver"), r.out());
    }

    @Test
    void theTemplateLoopWorksThroughTheCommandLine() throws Exception {
        SimRun template = SimRun.of("queue", "--template");
        assertEquals(0, template.exit());
        Path file = dir.resolve("MyDiscipline.java");
        Files.writeString(file, template.out());
        SimRun run = SimRun.of("queue", "--discipline", file.toString(), "--jobs", "5000");
        assertEquals(0, run.exit(), run.toString());
        SimRun grade = SimRun.of("queue", "--grade", file.toString());
        assertEquals(0, grade.exit(), grade.toString());
        assertTrue(grade.out().contains("5 of 5 cases passed"), grade.out());
    }

    @Test
    void systemSubcommandsTakeTheirFlagsAsData() {
        SimRun r = SimRun.of("queue", "formulas", "--load", "0.9", "--mean-service", "10us");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("W  = 1/(μ−λ)  = 100.000 us"), r.out());
        assertEquals("sim queue formulas: --load: 1.5 is out of range; allowed: 0.01 to 0.99\n",
                badInput("queue", "formulas", "--load", "1.5").err());
        assertTrue(SimRun.of("queue", "--help").out().contains("formulas"));
    }

    @Test
    void aLabStartsWithItsOwnRuleAndExitsOne() {
        SimRun r = SimRun.of("queue", "--bug", "fixed-ring", "--jobs", "5000");
        assertEquals(1, r.exit(), r.toString());
        String[] lines = r.out().split("\n");
        assertTrue(lines[1].startsWith("  bug lab fixed-ring: "), r.out());
        assertTrue(lines[2].contains("set up for the lab: --load 0.9"), r.out());
        assertTrue(lines[3].strip().startsWith("CAUGHT by rule every-job-departs at "), r.out());
    }

    /**
     * A lab run exists to show its check catching the bug: one whose check stays quiet (a single job cannot be served
     * out of order) is a failed lab, exit 1 with the lab and the check named, never exit 0 as if all were well.
     */
    @Test
    void aLabWhoseCheckStaysQuietExitsOneAndSaysTheBugWentUncaught() {
        SimRun r = SimRun.of("queue", "--bug", "lifo", "--jobs", "1");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().contains("  MISSED: the bug went uncaught: rule fifo, which should have caught it, "
                + "reported nothing on this run\n"), r.out());
        assertTrue(r.out().endsWith("  result: bug lab lifo FAILED: the bug went uncaught; rule fifo, the check "
                + "that should have caught it, reported nothing (exit status 1)\n"), r.out());
    }

    /** {@code sim} in a JVM of its own with a heap of {@code heap}, for the runs that must run out of it. */
    private SimRun inSmallHeap(String heap, String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx" + heap, "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), Sim.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the child JVM did not finish: sim " + String.join(" ", args));
        }
        return new SimRun(p.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    /**
     * A run larger than the heap the JVM may use (here 5 M presence users in 64 MiB) is exit 2 with the heap's size
     * and how to give more, not "Exception in thread main" and exit 1 (which would read as a failed check).
     */
    @Test
    void aRunTooLargeForTheHeapSaysHowToGiveItMore() throws Exception {
        SimRun r = inSmallHeap("64m", "presence", "--users", "5000000", "--duration", "1s");
        assertEquals(2, r.exit(), r.toString());
        clean(r);
        assertTrue(r.err().startsWith("sim presence: out of memory: this run needs more heap than the JVM may use "
                + "here (at most "), r.toString());
        assertTrue(r.err().contains("JAVA_TOOL_OPTIONS=-Xmx6g"), r.toString());
    }

    /** A student's driver that keeps what it allocates until the heap is full fails on its own line: exit 1. */
    @Test
    void aDriverThatFillsTheHeapFailsOnItsOwnLine() throws Exception {
        SimRun template = SimRun.of("irp", "--template", "filter");
        assertEquals(0, template.exit(), template.toString());
        String dispatch = "    int DispatchRead(DeviceObject device, Irp irp) {\n";
        assertTrue(template.out().contains(dispatch), template.out());
        Path file = dir.resolve("MyFilter.java");
        Files.writeString(file, template.out().replace(dispatch, "    static java.util.List<long[]> kept = "
                + "new java.util.ArrayList<>();\n" + dispatch
                + "        while (irp != null) kept.add(new long[1 << 16]);\n"));
        SimRun r = inSmallHeap("128m", "irp", "--driver", file.toString());
        assertEquals(1, r.exit(), r.toString());
        clean(r);
        assertTrue(r.err().startsWith("sim irp: student-code: your code threw OutOfMemoryError"), r.toString());
        assertTrue(r.err().contains(" at MyFilter.java:"), r.toString());
    }
}
