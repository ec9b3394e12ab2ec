package org.sysmodels.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.lab.BugLab;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.system.QuizQuestion;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.testing.TestFlags;
import org.sysmodels.core.trace.ChromeTraceWriter;
import org.sysmodels.presence.run.PresenceLabs;
import org.sysmodels.presence.scenario.PresenceScenario;
import org.sysmodels.presence.scenario.PresenceScenarios;

/** {@code sim presence} through its SimSystem: a clean run, determinism, every bug lab caught, quiz, bad input. */
class PresenceSystemTest {

    static final PresenceSystem SYSTEM = new PresenceSystem();

    static RunRequest small(long seed, String... flags) throws Exception {
        String[] all = new String[flags.length + 4];
        all[0] = "--users";
        all[1] = "1000";
        all[2] = "--duration";
        all[3] = "60s";
        System.arraycopy(flags, 0, all, 4, flags.length);
        return RunRequest.ofSeed(seed).withOptions(TestFlags.parse(SYSTEM.options(), all));
    }

    @Test
    void theHelpNamesTheDefaultScenariosSize() {
        assertEquals("the scenario's, " + PresenceScenario.DEFAULT.users(), PresenceSystem.USERS.defaultText());
        assertEquals("the scenario's, " + PresenceScenario.DEFAULT.duration() / 1_000_000_000L + "s",
                PresenceSystem.DURATION.defaultText());
    }

    /**
     * {@code --users} keeps a guild's size both ways: the default's 200 guilds for 10,000 users are 20,000 for a
     * million (they were 200, 10,000 memberships each, before scaling up did this) and 20 for 1,000; never past the
     * scenario's bound.
     */
    @Test
    void usersScaleTheGuildsWithThem() throws Exception {
        PresenceScenario d = PresenceScenario.DEFAULT;
        assertEquals(20_000, PresenceSystem.withFlags(d, TestFlags.parse(SYSTEM.options(), "--users", "1000000"))
                .guilds());
        assertEquals(20, PresenceSystem.withFlags(d, TestFlags.parse(SYSTEM.options(), "--users", "1000")).guilds());
        assertEquals(1, d.scaledTo(2).guilds());
        assertEquals(PresenceScenario.MAX_GUILDS, d.withGuilds(2_000_000).scaledTo(50_000_000).guilds());
        PresenceScenario large = PresenceScenarios.large();
        assertEquals(20_000, large.scaledTo(1_000_000).guilds());
    }

    @Test
    void aCleanRunHoldsEveryRule() throws Exception {
        RunResult r = SYSTEM.run(small(1));
        assertTrue(r.passed(), "findings: " + r.findings());
        assertEquals(6, r.checks().size());
        assertTrue(r.summary().stream().anyMatch(l -> l.startsWith("convergence:")), r.summary().toString());
        assertTrue(r.summary().stream().anyMatch(l -> l.contains("deliveries in")), r.summary().toString());
    }

    /**
     * {@code --memory} reports each store alone (StoreMemory, the README's figures) and, labelled as such, the whole
     * warm simulation, which holds a store and more: the object store costs more per user than the compact one, and
     * the simulation more than the compact store alone.
     */
    @Test
    void memoryReportsTheStoresAloneAndTheWholeSimulationApart() throws Exception {
        RunResult r = SYSTEM.run(RunRequest.ofSeed(1).withOptions(TestFlags.parse(SYSTEM.options(), "--users",
                "20000", "--duration", "1s", "--memory")));
        double compact = value(r, "compact store bytes per user");
        double object = value(r, "object store bytes per user");
        double simulation = value(r, "simulation state bytes per user");
        assertTrue(0 < compact && compact < object, compact + " vs " + object);
        assertTrue(simulation > compact, simulation + " vs the compact store alone " + compact);
        assertTrue(r.summary().stream().anyMatch(l -> l.startsWith("store memory (the store alone")
                && l.contains("compact") && l.contains("object")), r.summary().toString());
        assertTrue(r.summary().stream().anyMatch(l -> l.startsWith("simulation memory:")
                && l.contains("whole warm simulation")), r.summary().toString());
    }

    /**
     * A world too small for the heap to weigh (two users' stores are a few hundred bytes, the heap after GC steady
     * only to 64 KiB) gets no bytes per user, which came out as noise, negative too ("compact store bytes per user
     * -204 B"), but a line saying why and what to run instead.
     */
    @Test
    void memoryOfATinyWorldSaysItCannotBeMeasured() throws Exception {
        RunResult r = SYSTEM.run(RunRequest.ofSeed(1).withOptions(TestFlags.parse(SYSTEM.options(), "--users",
                "2", "--duration", "1s", "--memory")));
        assertTrue(r.metrics().stream().noneMatch(m -> m.name().endsWith("store bytes per user")), r.metrics()
                .toString());
        assertTrue(r.summary().stream().anyMatch(l -> l.startsWith("store memory: not measured: the stores of 2 "
                + "users") && l.contains("10,000 users or more")), r.summary().toString());
    }

    /**
     * A run in which no change reached a watcher (two users, one second) says so, instead of "latency p50 0 ns, p99
     * 0 ns" and an empty plot.
     */
    @Test
    void aRunWithoutDeliveriesHasNoLatencyFigures() throws Exception {
        RunResult r = SYSTEM.run(RunRequest.ofSeed(1).withOptions(TestFlags.parse(SYSTEM.options(), "--users",
                "2", "--duration", "1s")));
        assertEquals(0.0, value(r, "deliveries"), r.summary().toString());
        assertTrue(r.summary().stream().anyMatch(l -> l.startsWith("end-to-end update latency: none measured")),
                r.summary().toString());
        assertTrue(r.metrics().stream().noneMatch(m -> m.name().startsWith("update latency")), r.metrics()
                .toString());
        assertTrue(r.plots().isEmpty(), r.plots().toString());
    }

    private static double value(RunResult r, String name) {
        return r.metrics().stream().filter(m -> m.name().equals(name))
                .map(m -> ((org.sysmodels.core.metrics.Metric.Value) m).value()).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name + " in " + r.metrics()));
    }

    @Test
    void theObjectStoreRunsTheSameSimulation() throws Exception {
        RunResult compact = SYSTEM.run(small(2));
        RunResult object = SYSTEM.run(small(2, "--store", "object"));
        assertTrue(object.passed(), "findings: " + object.findings());
        // everything but the layout line and the wall clock is the same run
        assertEquals(compact.summary().get(1), object.summary().get(1));
        assertEquals(compact.summary().get(2), object.summary().get(2));
    }

    @Test
    void sameSeedSameTraceByteForByte(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        RunRequest req = RunRequest.ofSeed(5).withTrace(true).withOptions(TestFlags.parse(SYSTEM.options(),
                "--users", "400", "--duration", "40s"));
        ChromeTraceWriter.write(SYSTEM.run(req).traces().get(0), a);
        ChromeTraceWriter.write(SYSTEM.run(req).traces().get(0), b);
        assertTrue(Files.size(a) > 1000);
        assertEquals(-1, Files.mismatch(a, b), "same seed, same trace");
        String text = Files.readString(a);
        assertTrue(text.contains("guild fan-out") && text.contains("sampled sessions") && text.contains("heartbeat"),
                "tracks per guild and per sampled session, heartbeats as instants");
    }

    @Test
    void everyBugLabIsCaughtByItsRule() throws Exception {
        for (BugLab lab : SYSTEM.bugLabs()) {
            RunResult r = SYSTEM.run(RunRequest.ofSeed(3).withBug(lab.name()));
            assertTrue(r.lab().isPresent());
            assertTrue(r.lab().get().caught(), lab.name() + " missed: " + r.lab().get().lines());
            assertFalse(r.passed());
        }
        assertEquals(4, PresenceLabs.ALL.size());
    }

    /**
     * {@code --bug no-coalescing --users 500} said "set up for the lab: 300 users, ..." (the lab's declaration) while
     * the run used 500: the line shows the world the run used, the lab's own values where no flag changed them.
     */
    @Test
    void aLabsSetUpLineShowsWhatTheRunUsed() throws Exception {
        RunResult r = SYSTEM.run(RunRequest.ofSeed(3).withBug("no-coalescing")
                .withOptions(TestFlags.parse(SYSTEM.options(), "--users", "500", "--duration", "30s")));
        String setUp = r.lab().orElseThrow().lines().get(1);
        assertEquals("  set up for the lab: 500 users, 20% slow readers (one write per 2 s), status changes every "
                + "20 s, 30 s", setUp);
        assertEquals(List.of("300 users, 20% slow readers (one write per 2 s), status changes every 20 s, 60 s"),
                PresenceLabs.byName("no-coalescing").lab().overrides(), "the declaration (sim list) keeps the lab's own");
        assertTrue(SYSTEM.run(RunRequest.ofSeed(3).withBug("scan-expiry")).lab().orElseThrow().lines()
                .contains("  set up for the lab: 3,000 users, 60 s of churn"));
    }

    @Test
    void quizIsDeterministicAndAnswered() throws Exception {
        List<QuizQuestion> q = SYSTEM.quiz(RunRequest.ofSeed(4));
        assertEquals(3, q.size());
        assertEquals(q, SYSTEM.quiz(RunRequest.ofSeed(4)));
        for (QuizQuestion x : q) {
            assertFalse(x.answer().isBlank());
        }
        for (long seed = 1; seed < 40; seed++) {
            for (QuizQuestion x : SYSTEM.quiz(RunRequest.ofSeed(seed))) {
                assertFalse(x.answer().matches("(?s).*sees (Ada )?invisible.*"), "an answer shows invisible: "
                        + x.answer());
                assertFalse(x.answer().matches("(?s).*client_status \\{[^}]*invisible.*"), x.answer());
                // a change and a write at the same second (seed 1: t=4) are ordered by the question, not guessed
                assertTrue(!x.question().contains("outbox keeps only") || x.question().contains("a change made at "
                        + "the second of a write is in time for it"), x.question());
            }
        }
    }

    @Test
    void theTargetRunIsBenchSized() throws Exception {
        assertTrue(SYSTEM.scenarios().stream().anyMatch(e -> e.name().equals("large") && e.benchSized()),
                "the suite runs every packaged scenario twice: a 5 M-user run must say it is bench-sized");
        assertTrue(SYSTEM.scenarios().stream().filter(e -> !e.name().equals("large")).noneMatch(e -> e.benchSized()));
        assertEquals(5_000_000, PresenceScenarios.large().users());
    }

    /**
     * {@code --users 1000 --community 5000} ran the uniform random graph without a word (a community at least the
     * world is the whole world); a community bigger than the world is refused, naming both numbers. Scaling a
     * packaged scenario with {@code --users} keeps working while its community fits.
     */
    @Test
    void aCommunityBiggerThanTheWorldIsRefused() throws Exception {
        UserInputException e = assertThrows(UserInputException.class, () -> SYSTEM.run(RunRequest.ofSeed(1)
                .withOptions(TestFlags.parse(SYSTEM.options(), "--users", "1000", "--community", "5000"))));
        assertTrue(e.getMessage().startsWith("--community 5000 is more than the world (--users 1000)"), e.getMessage());
        PresenceScenario large = PresenceScenarios.large();
        e = assertThrows(UserInputException.class, () -> PresenceSystem.withFlags(large,
                TestFlags.parse(SYSTEM.options(), "--users", "500")));
        assertTrue(e.getMessage().startsWith("--users 500 is fewer than the scenario's community of 1000 users"),
                e.getMessage());
        PresenceScenario scaled = PresenceSystem.withFlags(large, TestFlags.parse(SYSTEM.options(), "--users", "3000"));
        assertEquals(List.of(3000, 1000, 5000, 1), List.of(scaled.users(), scaled.community(), scaled.cell(),
                scaled.cells()), "a cell at least the world is one world");
        assertEquals(500, PresenceSystem.withFlags(large, TestFlags.parse(SYSTEM.options(), "--users", "500",
                "--community", "500")).community());
    }

    @Test
    void badInputIsAClearError() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> SYSTEM.run(RunRequest.ofSeed(1).withScenario("no-such")));
        assertTrue(e.getMessage().contains("demo") && e.getMessage().contains("large"), e.getMessage());
        assertThrows(UserInputException.class, () -> SYSTEM.run(RunRequest.ofSeed(1).withBug("nope")));
        assertThrows(Exception.class, () -> TestFlags.parse(SYSTEM.options(), "--duration", "10"));
    }

    /**
     * Shards meet at a barrier every backbone-min of simulated time: at 1 ns, 10^9 barriers per simulated second (the
     * run did not end in an hour). Below a microsecond it is refused at once, naming the flag; above the mean
     * backbone delay too, in units (it said "10000000000 ns").
     */
    @Test
    void shardsWithABackboneMinBelowAMicrosecondAreRefused() {
        UserInputException e = assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> assertThrows(
                UserInputException.class, () -> SYSTEM.run(small(1, "--shards", "2", "--backbone-min", "1ns"))));
        assertTrue(e.getMessage().startsWith("--backbone-min 1 ns") && e.getMessage().contains("1us"),
                e.getMessage());
        e = assertThrows(UserInputException.class, () -> SYSTEM.run(small(1, "--backbone-min", "10s")));
        assertEquals("--backbone-min 10 s is more than the mean backbone delay, 1 ms", e.getMessage());
    }

    /**
     * A world in cells ({@code --cell}, whole communities each) runs its cells on {@code --threads}; a cell that is
     * not whole communities, shards or a trace on such a world, and threads for a world of one cell are refused,
     * each naming the flag and what to give instead.
     */
    @Test
    void cellsAndThreadsAreCheckedAndACellRunSaysSo() throws Exception {
        String[][] refused = {
                {"--cell 250 --community 100", "--cell 250 is not a whole number of communities of 100"},
                {"--cell 500", "--cell 500 needs communities (--community above 0)"},
                {"--threads 2", "--threads 2 runs a world's cells side by side, and this world is one cell"},
                {"--threads 2 --shards 2", "(--shards 2 already runs it on 2 threads: leave --threads out)"},
                {"--community 100 --cell 500 --shards 2 --backbone-min 500us",
                        "give --threads 2 to run the cells on 2 threads, or --cell 0"},
                // the cells' refusal comes first: asking for --backbone-min or fewer shards would lead nowhere
                {"--community 100 --cell 500 --shards 2", "give --threads 2 to run the cells on 2 threads"},
                {"--community 100 --cell 500 --shards 16", "give --threads 16 to run the cells on 16 threads"},
                // 20 guilds for 100 communities: each guild spans five communities, which cells of two would cut
                {"--community 10 --cell 20", "--cell 20: this world's 20 guilds are fewer than its 100 communities "
                        + "of 10 users, so communities share guilds and cells would cut them: give communities of "
                        + "50 users or more, or --cell 0 to run one world"}};
        for (String[] c : refused) {
            UserInputException e = assertThrows(UserInputException.class,
                    () -> SYSTEM.run(small(1, c[0].split(" "))), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
        UserInputException e = assertThrows(UserInputException.class, () -> SYSTEM.run(RunRequest.ofSeed(1)
                .withScenario("large").withOptions(TestFlags.parse(SYSTEM.options(), "--community", "0"))));
        assertTrue(e.getMessage().startsWith("the scenario's cell of 5000 users needs communities")
                && e.getMessage().endsWith("give --cell 0 to run one world"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> SYSTEM.run(small(1, "--community", "100", "--cell", "500")
                .withTrace(true)));
        assertTrue(e.getMessage().contains("add --cell 0"), e.getMessage());
        RunResult r = SYSTEM.run(small(1, "--community", "100", "--cell", "500", "--threads", "2"));
        assertTrue(r.summary().stream().anyMatch(l -> l.startsWith("2 cells of 500 users")
                && l.contains("on 2 threads")), r.summary().toString());
        assertTrue(r.passed(), "findings: " + r.findings());
    }

    /**
     * Cells that differ say how much: 1,050 users in communities of 100 (the last of 50) and cells of 300 are cells
     * of 2, 3, 3 and 3 communities, 200 to 300 users; an average ("about 263") described none of them.
     */
    @Test
    void aRunOfUnequalCellsNamesTheSmallestAndTheLargest() throws Exception {
        RunResult r = SYSTEM.run(RunRequest.ofSeed(1).withOptions(TestFlags.parse(SYSTEM.options(), "--users",
                "1050", "--duration", "10s", "--community", "100", "--cell", "300")));
        assertTrue(r.summary().stream().anyMatch(l -> l.startsWith("4 cells of 200 to 300 users (whole ")),
                r.summary().toString());
    }

    /**
     * Durations in a scenario file need a unit, as the docs say: a bare number, written as a JSON number or as a
     * string, is refused with the file, the field and a hint, never read as nanoseconds; a value out of range is
     * reported in units. Every packaged scenario still loads.
     */
    @Test
    void aScenarioDurationWithoutAUnitIsRefused(@TempDir Path dir) throws Exception {
        String[][] cases = {
                {"{\"users\": 100,\n \"duration\": \"5000000000\"}", ":2:", "\"5000000000\" has no unit; write it with one"},
                {"{\"users\": 100,\n \"duration\": 5000000000}", ":2:", "\"5000000000\" has no unit; write it with one"},
                {"{\"users\": 100,\n \"duration\": \"10\"}", ":2:", "\"10\" has no unit"},
                {"{\"users\": 100,\n \"link\": 0}", ":2:", "\"0\" has no unit"},
                {"{\"users\": 100,\n \"duration\": \"10ms\"}", ":2:",
                        "duration: 10 ms is out of range; allowed: 1 s to 86400 s"},
                {"{\"users\": 100,\n \"slowWriteEvery\": \"2h\"}", ":2:", "slowWriteEvery: \"2h\" is not a duration"},
                {"{\"users\": 100,\n \"backboneMin\": \"10s\", \"backbone\": \"1ms\"}", ":2:",
                        "backboneMin: 10 s is more than the mean backbone delay, 1 ms"},
                {"{\"users\": 100,\n \"store\": \"objects\"}", ":2:", "store: \"compact\" or \"object\", not"},
                {"{\"users\": 100,\n \"community\": 500}", ":2:",
                        "community: 500 users per community is more than the world's 100 users"}};
        for (String[] c : cases) {
            Path f = dir.resolve("d.json");
            Files.writeString(f, c[0]);
            UserInputException e = assertThrows(UserInputException.class,
                    () -> SYSTEM.run(RunRequest.ofSeed(1).withScenario(f.toString())), c[0]);
            assertTrue(e.getMessage().startsWith(f + c[1]) && e.getMessage().contains(c[2]),
                    c[0] + " -> " + e.getMessage());
        }
        Path ok = dir.resolve("ok.json");
        Files.writeString(ok, "{\"users\": 100, \"duration\": \"5s\", \"link\": \"0s\", \"backboneMin\": \"500us\"}");
        PresenceScenario sc = PresenceScenarios.CATALOG.resolve(ok.toString());
        assertEquals(5_000_000_000L, sc.duration());
        assertEquals(0L, sc.link());
        assertEquals(500_000L, sc.backboneMin());
        for (var entry : SYSTEM.scenarios()) {
            PresenceScenarios.CATALOG.resolve(entry.name());
        }
    }

    @Test
    void aScenarioFileWithAnUnknownFieldNamesItsLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.json");
        Files.writeString(f, "{\n  \"users\": 100,\n  \"frends\": 3\n}\n");
        UserInputException e = assertThrows(UserInputException.class,
                () -> SYSTEM.run(RunRequest.ofSeed(1).withScenario(f.toString())));
        assertTrue(e.getMessage().contains(":3:"), e.getMessage());
        assertTrue(e.getMessage().contains("frends"), e.getMessage());
    }
}
