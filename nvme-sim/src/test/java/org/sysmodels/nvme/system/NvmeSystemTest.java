package org.sysmodels.nvme.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.system.SimSystem;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.testing.TestFlags;
import org.sysmodels.core.testing.TraceFiles;
import org.sysmodels.core.trace.ChromeTraceWriter;
import org.sysmodels.nvme.NvmeSystem;

/** {@code sim nvme} as the suite sees it: discovery, flags, errors, scenarios, bug labs, tour, quiz, traces. */
class NvmeSystemTest {

    private final NvmeSystem nvme = new NvmeSystem();

    private static RunRequest with(String... flags) throws UserInputException {
        return RunRequest.ofSeed(1).withOptions(TestFlags.parse(new NvmeSystem().options(), flags));
    }

    @Test
    void discoveredThroughTheServiceLoader() {
        assertTrue(ServiceLoader.load(SimSystem.class).stream().anyMatch(p -> p.type() == NvmeSystem.class));
        assertEquals("nvme", nvme.name());
        assertEquals(7, nvme.bugLabs().size());
        assertFalse(nvme.reality().isEmpty());
    }

    @Test
    void aSmallRunPasses() throws Exception {
        RunResult r = nvme.run(with("--ios", "2000", "--iodepth", "8", "--rw", "randrw", "--bs", "8k"));
        assertTrue(r.passed(), r.findings().toString());
        assertTrue(r.summary().get(1).contains("2,000 I/Os"), r.summary().toString());
    }

    /**
     * Issue 10: a run given by time used to stop after a fixed event budget (10 M events, about 13 s of virtual time
     * here) and report a false livelock. Past its budget a run now goes on while requests keep completing.
     */
    @Test
    void aLongRunByTimeEndsWithoutFalseViolations() throws Exception {
        RunResult r = nvme.run(with("--runtime", "15s"));
        assertTrue(r.passed(), r.findings().toString());
        assertTrue(r.summary().get(1).contains("in 15.0"), r.summary().toString());
        double events = r.metrics().stream().filter(m -> m.name().equals("events"))
                .mapToDouble(m -> ((org.sysmodels.core.metrics.Metric.Value) m).value()).findFirst().orElseThrow();
        assertTrue(events > 10_000_200, "the run went past its first budget of 10 M events: " + events);
    }

    @Test
    void badFlagsSayWhatAndWhere() {
        assertEquals("--bs: must be a multiple of 512 bytes, got 3000",
                assertThrows(UserInputException.class, () -> nvme.run(with("--bs", "3000"))).getMessage());
        assertTrue(assertThrows(UserInputException.class, () -> nvme.run(with("--bs", "2k", "--ios", "10")))
                .getMessage().contains("not a multiple of the LBA size 4096"));
        assertTrue(assertThrows(UserInputException.class, () -> nvme.run(with("--rw", "randmix"))).getMessage()
                .startsWith("--rw: \"randmix\" is not an rw pattern"));
        assertTrue(assertThrows(UserInputException.class, () -> nvme.run(with("--iodepth", "0"))).getMessage()
                .startsWith("--iodepth: 0 is out of range"));
        assertTrue(assertThrows(UserInputException.class, () -> nvme.run(with("--mode", "fast"))).getMessage()
                .contains("is not one of deterministic, threaded"));
        assertTrue(assertThrows(UserInputException.class, () -> nvme.run(with("--lba-size", "1024"))).getMessage()
                .startsWith("--lba-size"));
        assertTrue(assertThrows(UserInputException.class, () -> nvme.run(with("--runtime", "soon"))).getMessage()
                .startsWith("--runtime"));
        String tooLong = assertThrows(UserInputException.class, () -> nvme.run(with("--runtime", "101s")))
                .getMessage();
        assertTrue(tooLong.startsWith("--runtime") && tooLong.contains("out of range"), tooLong);
        String tooMany = assertThrows(UserInputException.class, () -> nvme.run(with("--ios", "10000000000")))
                .getMessage();
        assertTrue(tooMany.startsWith("--ios") && tooMany.contains("100000000"), tooMany);
        assertTrue(assertThrows(UserInputException.class, () -> nvme.run(with("--bs", "1m"))).getMessage()
                .contains("MDTS"));
        assertTrue(assertThrows(UserInputException.class, () -> nvme.run(with("--iodepth", "60000", "--numjobs",
                "8"))).getMessage().contains("host memory"));
    }

    /** Found as a user: --queues 70000 was refused with "allowed: 1 to 65,535", then 2000 with "0 to 1024". */
    @Test
    void theQueuesFlagStatesTheRangeItEnforces() {
        assertEquals("--queues: 2000 is out of range; allowed: 1 to 1,024",
                assertThrows(UserInputException.class, () -> nvme.run(with("--queues", "2000"))).getMessage());
        assertEquals("--queues: 70000 is out of range; allowed: 1 to 1,024",
                assertThrows(UserInputException.class, () -> nvme.run(with("--queues", "70000"))).getMessage());
    }

    /**
     * Found as a demo-giver: "--scenario faults --mode threaded" ran 40,000 commands and reported every rule held;
     * the threaded mode's clock stands still, so the faults never fired, and its summary shows no errors.
     */
    @Test
    void theThreadedModeRefusesFaultsItCannotInject() {
        String m = assertThrows(UserInputException.class, () -> nvme.run(with("--mode", "threaded")
                .withScenario("faults"))).getMessage();
        assertTrue(m.startsWith("--mode threaded injects no faults"), m);
    }

    /**
     * Found in review: "--mode threaded --ios N" ran past N (the host kept its queues full) and took --runtime,
     * --units, --completion interrupt and a scenario's latencies without a word, though its device is instant, it
     * polls, and virtual time stands still; "--bs 8k" sent the device to address 0 through an empty PRP2 (false
     * dma-use-after-free findings) and --buffer-offset was dropped. It now stops at exactly --ios x --numjobs, and
     * refuses the rest by name.
     */
    @Test
    void theThreadedModeHonoursIosAndRefusesTimingsItIgnores(@TempDir Path dir) throws Exception {
        RunResult r = nvme.run(with("--mode", "threaded", "--ios", "3000", "--numjobs", "2", "--queues", "2"));
        assertTrue(r.passed(), r.findings().toString());
        assertTrue(r.summary().get(0).contains(": 6,000 commands in "), r.summary().toString());

        for (String[] flags : new String[][] {{"--runtime", "10ms"}, {"--units", "4"}, {"--completion", "interrupt"},
                {"--bs", "8k"}, {"--buffer-offset", "512"}}) {
            String m = assertThrows(UserInputException.class, () -> nvme.run(with("--mode", "threaded", flags[0],
                    flags[1]))).getMessage();
            assertTrue(m.startsWith(flags[0]), m);
            assertTrue(m.contains("--mode threaded"), m);
        }
        Path f = dir.resolve("slow.json");
        Files.writeString(f, """
                {"mode": "threaded", "device": {"read": {"type": "fixed", "value": "1ms"}}}
                """);
        String m = assertThrows(UserInputException.class, () -> nvme.run(RunRequest.ofSeed(1)
                .withScenario(f.toString()))).getMessage();
        assertTrue(m.startsWith("device.read: --mode threaded does not honour it"), m);
    }

    @Test
    void badScenarioFilesPointAtTheValue(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\n  \"workload\": { \"iodepth\": \"deep\" }\n}\n");
        String m = assertThrows(UserInputException.class, () -> nvme.run(RunRequest.ofSeed(1)
                .withScenario(f.toString()))).getMessage();
        assertTrue(m.contains("bad.json:2:") && m.contains("workload.iodepth"), m);
        Files.writeString(f, "{ \"faults\": [ { \"kind\": \"gremlins\" } ] }");
        m = assertThrows(UserInputException.class, () -> nvme.run(RunRequest.ofSeed(1).withScenario(f.toString())))
                .getMessage();
        assertTrue(m.contains("unknown fault kind \"gremlins\"") && m.contains("stuck-command"), m);
        Files.writeString(f, "{ \"device\": { \"namespaces\": [ { \"lbaSize\": 1000 } ] } }");
        m = assertThrows(UserInputException.class, () -> nvme.run(RunRequest.ofSeed(1).withScenario(f.toString())))
                .getMessage();
        assertTrue(m.contains("device.namespaces[0].lbaSize") && m.contains("512 or 4096"), m);
        // found by mutating packaged scenarios: this ran, and failed with "bound must be positive" (exit 70)
        Files.writeString(f, "{ \"workload\": { \"bs\": \"4k\", \"size\": 5 } }");
        m = assertThrows(UserInputException.class, () -> nvme.run(RunRequest.ofSeed(1).withScenario(f.toString())))
                .getMessage();
        assertTrue(m.contains("workload.size") && m.contains("size too small, must not be less than minimum block "
                + "size"), m);
    }

    /**
     * Found as a user: a scenario file whose bs is no multiple of the LBA size was refused as "--bs: 6144 is not a
     * multiple ...", naming a flag not given and no place in the file.
     */
    @Test
    void aBlockSizeTheDeviceCannotTakePointsIntoTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("odd.json");
        Files.writeString(f, "{\n  \"workload\": { \"bs\": 6144 }\n}\n");
        String m = assertThrows(UserInputException.class, () -> nvme.run(RunRequest.ofSeed(1)
                .withScenario(f.toString()))).getMessage();
        assertTrue(m.matches(".*odd\\.json:2:\\d+: workload\\.bs: 6144 is not a multiple of the LBA size 4096 of "
                + "namespace 1"), m);
        Files.writeString(f, "{ \"device\": { \"mdts\": 1 },\n  \"workload\": { \"bs\": \"16k\" } }");
        m = assertThrows(UserInputException.class, () -> nvme.run(RunRequest.ofSeed(1).withScenario(f.toString())))
                .getMessage();
        assertTrue(m.matches(".*odd\\.json:2:\\d+: workload\\.bs: 16 KiB exceeds the device's largest transfer "
                + "\\(MDTS 1: 8 KiB\\)"), m);

    }

    /**
     * Found as an instructor: "maxQueuePairs": 4000 alone was refused as "device.msixVectors: 4001 is out of range",
     * a field the file never set (its default was one vector per pair, past the 2048 an MSI-X table holds).
     */
    @Test
    void manyQueuePairsTakeAsManyVectorsAsMsixAllows(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("wide.json");
        Files.writeString(f, "{ \"device\": { \"maxQueuePairs\": 4000 }, \"workload\": { \"ios\": 500 } }");
        RunResult r = nvme.run(RunRequest.ofSeed(1).withScenario(f.toString()));
        assertTrue(r.passed(), r.findings().toString());
    }

    /** Found as an instructor: a namespace smaller than bs ended in a Java stack trace ("bound must be positive"). */
    @Test
    void aNamespaceSmallerThanTheBlockSizeIsRefused(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("tiny.json");
        Files.writeString(f, "{ \"device\": { \"namespaces\": [ { \"nsid\": 1, \"capacity\": \"4k\" } ] },\n"
                + "  \"workload\": { \"bs\": \"8k\" } }");
        String m = assertThrows(UserInputException.class, () -> nvme.run(RunRequest.ofSeed(1)
                .withScenario(f.toString()))).getMessage();
        assertTrue(m.matches(".*tiny\\.json:2:\\d+: workload\\.bs: 8 KiB is larger than namespace 1 \\(4 KiB\\): no "
                + "I/O of that size fits in it"), m);
    }

    /**
     * Found as an instructor: a fault aimed at a namespace the device does not have ("ns9"), or controller-fatal aimed
     * at a namespace, was accepted and never fired, so the run looked clean; an unknown kind was refused without a
     * line. Both now point at the field.
     */
    @Test
    void aFaultThatCouldNeverFireIsRefusedAtItsTarget(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("aim.json");
        Files.writeString(f, "{ \"faults\": [\n  { \"kind\": \"write-fault\", \"target\": \"ns9\" } ] }");
        String m = assertThrows(UserInputException.class, () -> nvme.run(RunRequest.ofSeed(1)
                .withScenario(f.toString()))).getMessage();
        assertTrue(m.matches(".*aim\\.json:2:\\d+: faults\\[0\\]\\.target: \"ns9\" is no target of write-fault on "
                + "this device \\(the fault would never fire\\); targets: ns1, or \\* for any"), m);
        Files.writeString(f, "{ \"faults\": [\n  { \"kind\": \"controller-fatal\", \"target\": \"ns1\" } ] }");
        m = assertThrows(UserInputException.class, () -> nvme.run(RunRequest.ofSeed(1).withScenario(f.toString())))
                .getMessage();
        assertTrue(m.contains("aim.json:2:") && m.contains("targets: controller, or * for any"), m);
        Files.writeString(f, "{ \"faults\": [\n  { \"kind\": \"gremlins\" } ] }");
        m = assertThrows(UserInputException.class, () -> nvme.run(RunRequest.ofSeed(1).withScenario(f.toString())))
                .getMessage();
        assertTrue(m.contains("aim.json:2:") && m.contains("faults[0].kind: unknown fault kind \"gremlins\""), m);
    }

    /**
     * Found by mutating packaged scenarios: once the device is removed every new request is refused at once, and a
     * closed-loop job resubmitting from each refusal recursed once per I/O left (a stack overflow at 25,000). The
     * refusals are now reaped as events; the host's own cancellation of what was in flight is not a CQE the phase
     * check expects.
     */
    @Test
    void aRemovedDeviceEndsTheRestOfTheJobWithoutRecursion(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("dies.json");
        Files.writeString(f, """
                { "host": { "ioTimeout": "5ms", "adminTimeout": "10ms" },
                  "workload": { "rw": "randread", "iodepth": 16, "ios": 200000 },
                  "faults": [ { "kind": "controller-fatal", "target": "controller", "from": "30ms",
                                "count": 2147483647 } ] }
                """);
        RunResult r = nvme.run(RunRequest.ofSeed(1).withScenario(f.toString()));
        assertFalse(r.passed());
        assertTrue(r.findings().stream().anyMatch(x -> x.rule().equals("probe") && x.message().contains("removed")),
                r.findings().toString());
        assertTrue(r.findings().stream().noneMatch(x -> x.rule().equals("phase")), r.findings().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"randread", "randrw-512", "big-blocks", "polling", "coalescing", "wrr", "faults",
            "threaded"})
    void everyPackagedScenarioRuns(String name) throws Exception {
        RunResult r = nvme.run(with("--ios", "1500").withScenario(name));
        assertTrue(r.passed(), name + ": " + r.findings());
    }

    /** Issue 10: the faults scenario's injected media errors are reported, by status code. */
    @Test
    void theFaultsScenarioShowsItsMediaErrors() throws Exception {
        RunResult r = nvme.run(RunRequest.ofSeed(1).withScenario("faults"));
        String line = r.summary().stream().filter(l -> l.startsWith("device errors:")).findFirst()
                .orElseThrow(() -> new AssertionError(r.summary().toString()));
        assertTrue(line.contains("Unrecovered Read Error"), line);
    }

    /**
     * Found running the sq-tail-past-head lab: the doorbell writes the controller ignored were summed as "8 commands
     * completed with an error status (8 Successful Completion)"; they are no command's completion.
     */
    @Test
    void ignoredDoorbellWritesAreNotCountedAsCommandErrors() throws Exception {
        RunResult r = nvme.run(RunRequest.ofSeed(1).withBug("sq-tail-past-head"));
        String line = r.summary().stream().filter(s -> s.startsWith("device errors:")).findFirst().orElseThrow();
        assertFalse(line.contains("Successful Completion"), line);
        assertTrue(line.matches("device errors: .*\\d invalid doorbell writes ignored; each has an Error Information "
                + "log entry"), line);
    }

    @Test
    void aBugLabFailsTheRun() throws Exception {
        RunResult r = nvme.run(with().withBug("cid-reused"));
        assertFalse(r.passed());
        assertTrue(r.lab().orElseThrow().caught(), r.lab().toString());
        assertEquals("cid-unique", r.lab().orElseThrow().lab().rule().name());
    }

    @Test
    void aRunDrawsItsCompletionLatencyCurvePerOperation() throws Exception {
        RunResult r = nvme.run(with("--ios", "2000"));
        org.sysmodels.core.run.Plot p = r.plots().stream().filter(x -> x.id().equals("clat-percentiles"))
                .findFirst().orElseThrow();
        assertEquals(java.util.List.of("read"), p.series().stream().map(org.sysmodels.core.run.Series::name)
                .toList(), "the default job only reads; empty curves are left out");
    }

    /**
     * Found as a user: --sweep ran the reference driver whatever was asked, so "--sweep --bug cid-reused" printed
     * "MISSED" with exit status 0, "--sweep --driver F" printed "driver: F" over the reference's figures, and
     * "--sweep --mode threaded" quietly ran deterministic. The sweep now runs the lab's or the student's driver and
     * refuses the threaded mode.
     */
    @Test
    void theSweepRunsTheDriverAskedFor(@TempDir Path dir) throws Exception {
        RunResult lab = nvme.run(with("--sweep", "--ios", "400").withBug("cid-reused"));
        assertTrue(lab.lab().orElseThrow().caught(), lab.lab().toString());
        assertFalse(lab.passed());

        Path f = dir.resolve("NoRead.java");
        Files.writeString(f, nvme.student().orElseThrow().template("driver").orElseThrow().text()
                .replace("public class MyDriver", "public class NoRead")
                .replace("sqe.command(Opcodes.READ, rq.tag())", "sqe.command(0x7f, rq.tag())"));
        RunResult student = nvme.run(with("--sweep", "--ios", "200").withStudent(f));
        assertEquals("driver: NoRead.java", student.summary().get(0));
        for (List<String> row : student.tables().get(0).rows()) {
            assertEquals("0", row.get(1), "every read fails with Invalid Command Opcode, so no IOPS: " + row);
        }

        assertTrue(assertThrows(UserInputException.class, () -> nvme.run(with("--sweep", "--mode", "threaded")))
                .getMessage().startsWith("--sweep runs in deterministic mode only"));
    }

    @Test
    void theSweepPlotsIopsAndLatency() throws Exception {
        RunResult r = nvme.run(with("--sweep", "--ios", "2000"));
        assertEquals(2, r.plots().size());
        assertEquals(9, r.tables().get(0).rows().size());
    }

    @Test
    void theTourPassesAndItsTraceIsValid(@TempDir Path dir) throws Exception {
        // No wall-clock assertion: the tour's speed is the benchmarks' business.
        RunResult r = nvme.tour(RunRequest.ofSeed(1).withTrace(true).withOutputDir(dir));
        assertTrue(r.passed(), r.findings().toString());
        assertTrue(r.findings().stream().anyMatch(f -> f.message().startsWith("caught in bug lab")));
        assertEquals(1, r.traces().size());
        Path trace = dir.resolve("nvme.json");
        ChromeTraceWriter.write(r.traces().get(0), trace);
        assertFalse(TraceFiles.readAndCheck(trace).isEmpty());
    }

    @Test
    void theQuizIsDeterministicAndAnswered() {
        List<org.sysmodels.core.system.QuizQuestion> a = nvme.quiz(RunRequest.ofSeed(4));
        assertEquals(5, a.size());
        assertEquals(a, nvme.quiz(RunRequest.ofSeed(4)));
        assertTrue(a.get(2).answer().contains("waiting"));
    }
}
