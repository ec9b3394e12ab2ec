package org.sysmodels.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.core.testing.TraceFiles;
import org.sysmodels.suite.cli.Cli;
import org.sysmodels.suite.cli.Systems;
import picocli.CommandLine;

/** The `sim` command as a user meets it: exit codes, messages, files. */
class SimCliTest {

    /** A numbered item of a tour section ("  4. ", "  4a. "). */
    private static final Pattern NUMBERED_ITEM = Pattern.compile("^\\s+(\\d+[a-z]?)\\. ");

    @TempDir
    Path dir;

    @Test
    void sameSeedGivesByteIdenticalTracesAndAnotherSeedDoesNot() throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Path c = dir.resolve("c.json");
        String[] common = {"queue", "--scenario", "light", "--jobs", "2000"};
        assertEquals(0, SimRun.of(concat(common, "--seed", "5", "--trace", a.toString())).exit());
        assertEquals(0, SimRun.of(concat(common, "--seed", "5", "--trace", b.toString())).exit());
        assertEquals(0, SimRun.of(concat(common, "--seed", "6", "--trace", c.toString())).exit());
        assertEquals(-1, Files.mismatch(a, b), "same scenario and seed must give the same bytes");
        assertNotEquals(-1, Files.mismatch(a, c), "another seed must give another trace");
        assertEquals(-1, Files.mismatch(dir.resolve("a.txt"), dir.resolve("b.txt")), "text logs too");
    }

    @Test
    void writtenTraceIsValidPerfettoJsonWithNestedSlices() throws Exception {
        Path t = dir.resolve("q.json");
        SimRun r = SimRun.of("queue", "--jobs", "500", "--load", "0.9", "--trace", t.toString());
        assertEquals(0, r.exit(), r.toString());
        List<JsonNode> events = TraceFiles.readAndCheck(t);
        assertTrue(events.stream().anyMatch(e -> e.get("ph").asText().equals("X")), "server slices");
        assertTrue(events.stream().anyMatch(e -> e.get("ph").asText().equals("b")), "job async slices");
        assertTrue(events.stream().anyMatch(e -> e.get("ph").asText().equals("C")), "occupancy counter");
        assertTrue(r.out().contains("trace: " + t), r.out());
    }

    /**
     * The trace goes to the file named, whatever its extension (Perfetto reads the JSON by content); before,
     * {@code --trace out.txt} wrote {@code out.txt.json} and {@code out.txt.txt}. The text log takes {@code .txt},
     * or {@code .log} when the name given ends in {@code .txt}, and the command prints both.
     */
    @Test
    void theTraceIsWrittenToTheFileNamedWhateverItsExtension() throws Exception {
        for (String[] named : new String[][] {{"out.txt", "out.log"}, {"q.trace", "q.txt"}, {"plain", "plain.txt"}}) {
            Path t = dir.resolve(named[0]);
            Path log = dir.resolve(named[1]);
            SimRun r = SimRun.of("queue", "--jobs", "50", "--trace", t.toString());
            assertEquals(0, r.exit(), r.toString());
            assertFalse(TraceFiles.readAndCheck(t).isEmpty(), named[0]);
            assertTrue(Files.readString(log).contains("\n"), named[1]);
            assertTrue(r.out().contains("trace: " + t + " (") && r.out().contains("text log " + log + " ("),
                    r.out());
        }
        assertFalse(Files.exists(dir.resolve("out.txt.json")));
        assertFalse(Files.exists(dir.resolve("out.txt.txt")));
    }

    @Test
    void badScenarioFileExitsTwoNamingLineAndField() throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, """
                {
                  "load": 0.5,
                  "jobs": "many"
                }
                """);
        SimRun r = SimRun.of("queue", "--scenario", f.toString());
        assertEquals(2, r.exit(), r.toString());
        assertEquals("sim queue: " + f + ":3:11: jobs: expected an integer, found \"many\"\n", r.err());
        assertFalse(r.err().contains("Exception"), "no stack trace for a user error");
    }

    @Test
    void outOfRangeScenarioValueExitsTwo() throws Exception {
        Path f = dir.resolve("range.json");
        Files.writeString(f, "{\"load\": 1.2}\n");
        SimRun r = SimRun.of("queue", "--scenario", f.toString());
        assertEquals(2, r.exit());
        assertEquals("sim queue: " + f + ":1:10: load: 1.2 is out of range; allowed: 0.01 to 0.99\n", r.err());
    }

    @Test
    void unknownScenarioFieldListsTheKnownOnes() throws Exception {
        Path f = dir.resolve("typo.json");
        Files.writeString(f, "{\"lod\": 0.5}");
        SimRun r = SimRun.of("queue", "--scenario", f.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(":1:9: lod: unknown field \"lod\"; known fields: jobs, load, meanService"), r.err());
    }

    @Test
    void unknownScenarioNameListsThePackagedOnes() {
        SimRun r = SimRun.of("queue", "--scenario", "heavy");
        assertEquals(2, r.exit());
        assertEquals("sim queue: no scenario named \"heavy\" and no such file; packaged scenarios: light, busy\n",
                r.err());
    }

    @Test
    void badFlagsExitTwoWithASuggestion() {
        SimRun r = SimRun.of("queue", "--lod", "0.5");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Unknown options: '--lod', '0.5'"), r.err());
        assertTrue(r.err().contains("--load"), "suggests the close match: " + r.err());
        SimRun range = SimRun.of("queue", "--load", "1.5");
        assertEquals(2, range.exit());
        assertEquals("sim queue: --load: 1.5 is out of range; allowed: 0.01 to 0.99\n", range.err());
        SimRun notANumber = SimRun.of("queue", "--seed", "abc");
        assertEquals(2, notANumber.exit());
        assertTrue(notANumber.err().contains("--seed: \"abc\" is not a whole number"), notANumber.err());
        assertEquals(2, SimRun.of("nosuchsystem").exit());
        assertEquals(2, SimRun.of("queue", "--bug", "x").exit());
    }

    @Test
    void helpAndVersionAreUseful() {
        SimRun help = SimRun.of("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("tour"), help.out());
        assertTrue(help.out().contains("queue"), help.out());
        assertTrue(help.out().contains("Exit status"), help.out());
        SimRun tourHelp = SimRun.of("tour", "--help");
        assertEquals(0, tourHelp.exit());
        assertTrue(tourHelp.out().contains("--report=DIR"), tourHelp.out());
        assertTrue(tourHelp.out().contains("ui.perfetto.dev"), tourHelp.out());
        SimRun queueHelp = SimRun.of("queue", "--help");
        assertTrue(queueHelp.out().contains("--load=RHO"), queueHelp.out());
        assertTrue(queueHelp.out().contains("Scenarios (--scenario NAME):"), queueHelp.out());
        // --template's help names the flag that runs the file it prints (the flag listed below it is --grade)
        String irpHelp = SimRun.of("irp", "--help").out().replaceAll("\\s+", " ");
        assertTrue(irpHelp.contains("Print a complete, commented starter file for your own code. Edit it, then run "
                + "it with --driver FILE or grade it with --grade FILE."), irpHelp);
        SimRun version = SimRun.of("--version");
        assertEquals(0, version.exit());
        assertTrue(version.out().startsWith("sysmodels "), version.out());
        assertFalse(version.out().contains("${"), "version must be filtered in: " + version.out());
    }

    /** {@code sim help irp}, as git, go and cargo take it, prints what {@code sim irp --help} prints. */
    @Test
    void helpCommandPrintsACommandsHelp() {
        SimRun viaHelp = SimRun.of("help", "irp");
        assertEquals(0, viaHelp.exit(), viaHelp.toString());
        assertEquals(SimRun.of("irp", "--help").out(), viaHelp.out());
        assertEquals(SimRun.of("--help").out(), SimRun.of("help").out());
        SimRun unknown = SimRun.of("help", "nvm");
        assertEquals(2, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().contains("nvm"), unknown.err());
        assertFalse(unknown.err().contains("\tat "), unknown.err());
    }

    /**
     * {@code sim help A B} prints what {@code sim A B --help} prints at every depth of the command tree (picocli's
     * help command read only the first word: {@code sim help vcpu serve} printed vcpu's help); a word that names
     * no command there is exit 2, naming it and the commands that are.
     */
    @Test
    void helpCommandReachesEveryDepth() {
        CommandLine root = Cli.create(Systems.discover(), new PrintWriter(Writer.nullWriter()),
                new PrintWriter(Writer.nullWriter()));
        int subcommandsSeen = 0;
        for (Map.Entry<String, CommandLine> top : root.getSubcommands().entrySet()) {
            assertEquals(SimRun.of(top.getKey(), "--help").out(), SimRun.of("help", top.getKey()).out(), top.getKey());
            for (String sub : top.getValue().getSubcommands().keySet()) {
                SimRun viaHelp = SimRun.of("help", top.getKey(), sub);
                assertEquals(0, viaHelp.exit(), viaHelp.toString());
                assertEquals(SimRun.of(top.getKey(), sub, "--help").out(), viaHelp.out(), top.getKey() + " " + sub);
                subcommandsSeen++;
            }
        }
        assertTrue(subcommandsSeen > 0, "no system has a subcommand: the test checks nothing deeper");
        assertTrue(SimRun.of("help", "vcpu", "serve").out().contains("Usage: sim vcpu serve "));
        SimRun unknown = SimRun.of("help", "vcpu", "nosuch");
        assertEquals(2, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().startsWith("sim vcpu: no command \"nosuch\"; sim vcpu's commands: serve\n"),
                unknown.err());
        SimRun tooDeep = SimRun.of("help", "vcpu", "serve", "extra");
        assertEquals(2, tooDeep.exit(), tooDeep.toString());
        assertTrue(tooDeep.err().startsWith("sim vcpu serve: no command \"extra\": sim vcpu serve has no commands\n"),
                tooDeep.err());
    }

    @Test
    void listShowsSystemsAndScenarios() {
        SimRun r = SimRun.of("list");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("sim queue --scenario light"), r.out());
    }

    @Test
    void quizAsksAndSolveAnswersTheSameQuestions() {
        SimRun quiz = SimRun.of("queue", "--quiz", "--seed", "3");
        SimRun solve = SimRun.of("queue", "--solve", "--seed", "3");
        SimRun other = SimRun.of("queue", "--quiz", "--seed", "4");
        assertEquals(0, quiz.exit());
        assertTrue(quiz.out().contains("Q1. "), quiz.out());
        assertFalse(quiz.out().contains("A1. "), "no answers without --solve");
        assertTrue(solve.out().contains("A1. "), solve.out());
        String firstQuestion = quiz.out().substring(quiz.out().indexOf("Q1."), quiz.out().indexOf("Q2."));
        assertTrue(solve.out().contains(firstQuestion.strip()), "the same questions");
        assertNotEquals(quiz.out(), other.out(), "another seed, other questions");
    }

    @Test
    void tourWritesAReportWithAPlotAndTraces() throws Exception {
        Path report = dir.resolve("report");
        SimRun r = SimRun.of("tour", "--report", report.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("Report: " + report.toAbsolutePath().resolve("index.html")), r.out());
        assertFalse(r.out().contains("`"), "Markdown backticks shown literally in the terminal:\n" + r.out());
        Set<String> numbered = new HashSet<>();
        for (String line : r.out().split("\n")) {
            if (line.matches("\\[\\d+/\\d+\\] .*")) {
                numbered.clear();
            }
            Matcher m = NUMBERED_ITEM.matcher(line);
            assertTrue(!m.find() || numbered.add(m.group(1)), "item numbered twice in one system: " + line);
        }
        String html = Files.readString(report.resolve("index.html"));
        assertTrue(html.contains("<img alt=\"M/M/1 mean time in system\" src=\"queue/w-vs-load.png\">"), html);
        assertTrue(html.contains("href=\"queue/queue.json\""), html);
        assertTrue(html.contains("What is real"), html);
        assertTrue(html.contains("Reproduce: <code>./sim tour --only queue --seed 1</code>"), html);
        byte[] png = Files.readAllBytes(report.resolve("queue/w-vs-load.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        TraceFiles.readAndCheck(report.resolve("queue/queue.json"));
    }

    @Test
    void tourRejectsUnknownSystems() {
        SimRun r = SimRun.of("tour", "--only", "queue,warp-drive", "--report", dir.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--only: no system named \"warp-drive\"; systems: queue"), r.err());
    }

    /** An empty entry (a trailing comma, two commas, an empty value) names the option and the systems; picocli's
     *  split used to drop a trailing one, and an empty value ran every system. */
    @Test
    void tourRejectsAnEmptyEntryInOnly() {
        for (String value : new String[] {"queue,", ",queue", "queue,,queue", ""}) {
            SimRun r = SimRun.of("tour", "--only", value, "--report", dir.toString());
            assertEquals(2, r.exit(), r.toString());
            assertTrue(r.err().startsWith("sim tour: --only \"" + value + "\": an empty name in the list; give "
                    + "system names separated by commas, from: queue, ") && r.err().contains(", vcpu"), r.err());
        }
    }

    @Test
    void runReportFlagWritesAReportForOneSystem() throws Exception {
        Path report = dir.resolve("one");
        SimRun r = SimRun.of("queue", "--jobs", "1000", "--report", report.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Files.exists(report.resolve("index.html")));
        assertTrue(Files.exists(report.resolve("queue/queue.json")));
        assertTrue(Files.readString(report.resolve("index.html")).contains("Reproduce: <code>./sim queue --jobs 1000 --report "),
                "the report names the command that made it");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
