package org.sysmodels.vcpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.lab.BugLab;
import org.sysmodels.core.metrics.Metric;
import org.sysmodels.core.option.Options;
import org.sysmodels.core.run.Plot;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.run.Series;
import org.sysmodels.core.scenario.ScenarioEntry;
import org.sysmodels.core.system.QuizQuestion;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.testing.TraceFiles;
import org.sysmodels.vcpu.host.guest.Guests;
import org.sysmodels.vcpu.model.kvm.ExitReason;
import org.sysmodels.vcpu.run.MicroVmRun;
import org.sysmodels.vcpu.scenario.VcpuScenario;
import org.sysmodels.vcpu.testing.Asm;

/** `sim vcpu` as the suite calls it: scenarios, bug labs, the student slot, quiz, grade, determinism, bad input. */
class VcpuSystemTest {

    final VcpuSystem system = new VcpuSystem();

    @TempDir
    Path dir;

    @Test
    void everyPackagedScenarioRunsWithEveryCheckClean() throws Exception {
        for (ScenarioEntry e : system.scenarios()) {
            if (e.name().equals("creation-rate") || e.name().equals("smp-threaded")) {
                continue; // wall-clock experiment and real threads: covered elsewhere
            }
            RunResult r = system.run(RunRequest.ofSeed(1).withScenario(e.name()));
            assertTrue(r.passed(), e.name() + ": " + r.findings());
            assertFalse(r.summary().isEmpty(), e.name());
        }
    }

    @Test
    void everyBugLabIsCaughtByItsRule() throws Exception {
        assertFalse(system.bugLabs().isEmpty(), "no bug labs: the loop below would pass without running one");
        for (BugLab lab : system.bugLabs()) {
            RunResult r = system.run(RunRequest.ofSeed(1).withBug(lab.name()));
            assertFalse(r.passed(), lab.name() + " was not caught");
            assertTrue(r.lab().orElseThrow().caught(), lab.name() + ": " + r.lab().get().lines());
        }
    }

    @Test
    void sameSeedSameTrace() throws Exception {
        RunResult a = system.run(RunRequest.ofSeed(7).withScenario("smp").withTrace(true));
        RunResult b = system.run(RunRequest.ofSeed(7).withScenario("smp").withTrace(true));
        assertEquals(1, a.traces().size());
        assertEquals(a.traces().get(0).events().size(), b.traces().get(0).events().size());
        assertEquals(a.traces().get(0).events(), b.traces().get(0).events());
        assertEquals(a.summary(), b.summary());
        Plot exits = a.plots().stream().filter(p -> p.id().equals("kvm-exits")).findFirst().orElseThrow();
        assertEquals(2, exits.series().size(), "a bar series per vCPU of the smp scenario");
        double mmio = 0;
        for (Series s : exits.series()) {
            for (int i = 0; i < s.x().length; i++) {
                if (s.x()[i] == ExitReason.MMIO) {
                    mmio += s.y()[i];
                }
            }
        }
        double counted = a.metrics().stream().filter(m -> m.name().equals("KVM_EXIT_MMIO"))
                .map(m -> ((Metric.Value) m).value()).findFirst().orElseThrow();
        assertTrue(counted > 0, "the smp guest's console writes are MMIO exits");
        assertEquals(counted, mmio, "the bars add up to the run's MMIO exits");
    }

    @Test
    void templateCompilesToAGuestThatPassesTheGradingBattery() throws Exception {
        String template = system.student().orElseThrow().template("hello").orElseThrow().text();
        assertTrue(template.contains("riscv64-unknown-elf-gcc -march=rv64ima_zicsr"), "the compile command");
        Path elf = dir.resolve("guest.elf");
        Files.write(elf, Guests.resource("elf/template-hello.elf"));
        RunResult run = system.run(RunRequest.ofSeed(1).withStudent(elf));
        assertTrue(run.passed(), run.findings().toString());
        assertTrue(String.join("\n", run.summary()).contains("Hello from my guest!"), run.summary().toString());
        RunResult grade = system.grade(RunRequest.ofSeed(1).withStudent(elf));
        assertTrue(grade.passed(), grade.tables().toString() + grade.findings());
        assertEquals(6, grade.tables().get(0).rows().size());
    }

    /**
     * One guest per run: {@code --kernel} with {@code --guest} ran the ELF under the packaged guest's name, boot
     * arguments and vCPU count, and with an experiment scenario the ELF did not run at all; both are refused.
     */
    @Test
    void aKernelWithAPackagedGuestOrAnExperimentIsRefused() throws Exception {
        Path elf = dir.resolve("guest.elf");
        Files.write(elf, Guests.resource("elf/template-hello.elf"));
        UserInputException e = assertThrows(UserInputException.class, () -> system.run(RunRequest.ofSeed(1)
                .withStudent(elf).withOptions(Options.parse(system.options(), Map.of("--guest", "smp")))));
        assertTrue(e.getMessage().contains("give one guest"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> system.run(RunRequest.ofSeed(1).withStudent(elf)
                .withScenario("boot-timeline")));
        assertTrue(e.getMessage().contains("would not run your ELF"), e.getMessage());
    }

    /**
     * creation-rate honours --vcpus and --mem (each microVM is built with them) and refuses the run flags it would
     * ignore (--mode, --run-for, --drive, --trace), saying which it takes; boot-timeline refuses --mode threaded and
     * reports a failed InstanceStart instead of a timeline with a 0 ns boot.
     */
    @Test
    void anExperimentHonoursOrRefusesEachFlag() throws Exception {
        Path rate = dir.resolve("rate.json");
        Files.writeString(rate, "{\"guest\": \"hello\", \"experiment\": \"creation-rate\", \"count\": 3}");
        RunResult r = system.run(RunRequest.ofSeed(1).withScenario(rate.toString())
                .withOptions(Options.parse(system.options(), Map.of("--vcpus", "2", "--mem", "64"))));
        assertTrue(r.summary().get(0).contains("3 microVMs (2 vCPUs, 64 MiB)"), r.summary().toString());
        UserInputException e = assertThrows(UserInputException.class, () -> system.run(RunRequest.ofSeed(1)
                .withScenario(rate.toString()).withOptions(Options.parse(system.options(),
                        Map.of("--mode", "threaded", "--run-for", "1s")))));
        assertTrue(e.getMessage().contains("--mode, --run-for: that experiment does not take them; it takes "
                + "--guest, --boot-args, --vcpus, --mem"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> system.run(RunRequest.ofSeed(1)
                .withScenario(rate.toString()).withTrace(true)));
        assertTrue(e.getMessage().contains("--trace: that experiment does not take it"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> system.run(RunRequest.ofSeed(1)
                .withScenario("boot-timeline").withOptions(Options.parse(system.options(),
                        Map.of("--mode", "threaded")))));
        assertTrue(e.getMessage().contains("boot-timeline and --mode threaded"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> system.run(RunRequest.ofSeed(1)
                .withScenario("boot-timeline").withOptions(Options.parse(system.options(),
                        Map.of("--drive", dir.resolve("missing.img").toString())))));
        assertTrue(e.getMessage().startsWith("--drive " + dir.resolve("missing.img") + ": InstanceStart failed "
                + "(HTTP 400): Drive config error"), e.getMessage());
    }

    @Test
    void aGuestThatCrashesFailsTheGradeAndTheRun() throws Exception {
        Path elf = dir.resolve("bad.elf");
        Files.write(elf, Asm.elf(0x8000_0000L, new int[] {Asm.addi(5, 0, 1), 0xFFFF_FFFF}, 0));
        RunResult run = system.run(RunRequest.ofSeed(1).withStudent(elf));
        assertFalse(run.passed());
        assertTrue(run.findings().get(0).message().contains("illegal instruction 0xffffffff"),
                run.findings().toString());
        RunResult grade = system.grade(RunRequest.ofSeed(1).withStudent(elf));
        assertFalse(grade.passed());
    }

    /**
     * A guest that never ends fails the grade's first case at its budget (1 s of virtual time: about a billion
     * instructions, seconds of host time), with a row that says so and what the budget was; the other cases are not
     * run. It used to run every case to 10 s of virtual time and the threads case to 30 s of real time: minutes.
     */
    @Test
    void anEndlessGuestFailsItsGradeWithinTheBudget() throws Exception {
        Path elf = dir.resolve("endless.elf");
        Files.write(elf, Asm.elf(0x8000_0000L, new int[] {Asm.addi(5, 5, 1), Asm.j(-4, 0)}, 0));
        RunResult grade = system.grade(RunRequest.ofSeed(1).withStudent(elf));
        assertFalse(grade.passed());
        List<List<String>> rows = grade.tables().get(0).rows();
        assertTrue(rows.get(0).get(3).contains("the guest did not finish within its budget of 1.000 s of virtual "
                + "time"), rows.get(0).toString());
        for (List<String> row : rows.subList(1, rows.size())) {
            assertTrue(row.get(3).contains("not run: the guest did not finish case boots within its budget"),
                    row.toString());
        }
    }

    /** On real threads the budget is counted in retired guest instructions, not on the wall clock. */
    @Test
    void aThreadedRunEndsAtItsInstructionBudget() {
        byte[] elf = Asm.elf(0x8000_0000L, new int[] {Asm.addi(5, 5, 1), Asm.j(-4, 0)}, 0);
        MicroVmRun.Outcome o = MicroVmRun.run(MicroVmRun.Setup.of(VcpuScenario.DEFAULT.withGuest("endless", "")
                .withMode(VcpuScenario.Mode.THREADED).withRunFor(600_000_000_000L), elf, "endless")
                .withInstructionBudget(10_000_000));
        assertTrue(o.cutByLimit());
        assertTrue(o.instructions() >= 10_000_000, o.instructions() + " instructions");
        assertTrue(o.log().get(o.log().size() - 1).contains("instruction budget (10,000,000)"), o.log().toString());
    }

    /**
     * A store to an address no device claims is handled and logged (Firecracker's "Invalid MMIO write" warning in
     * vcpu.rs handle_kvm_exit): the run says so, so a student sees why their register write did nothing.
     */
    @Test
    void anAccessNoDeviceClaimsIsReportedAsAWarning() throws Exception {
        java.util.List<Integer> code = new java.util.ArrayList<>();
        code.add(Asm.lui(5, 0x50000));                      // t0 = 0x5000_0000: no device there
        code.add(Asm.sd(0, 5, 8));                          // sd zero, 8(t0)
        code.addAll(Asm.li(17, 0x53525354));                // a7 = SBI System Reset
        code.add(Asm.addi(16, 0, 0));                       // a6 = system_reset
        code.add(Asm.addi(10, 0, 0));                       // a0 = SHUTDOWN
        code.add(Asm.addi(11, 0, 0));
        code.add(Asm.ECALL);
        Path elf = dir.resolve("unmapped.elf");
        Files.write(elf, Asm.elf(0x8000_0000L, Asm.toArray(code), 0));
        RunResult run = system.run(RunRequest.ofSeed(1).withStudent(elf));
        assertTrue(run.passed(), run.findings().toString());
        assertTrue(run.summary().stream().anyMatch(l -> l.contains("Invalid MMIO write @ 0x50000008:0x8")),
                String.join("\n", run.summary()));
    }

    @Test
    void badGuestFilesAreUserErrorsWithFirecrackersMessage() throws Exception {
        Path notElf = dir.resolve("notes.txt");
        Files.writeString(notElf, "hello");
        UserInputException e = assertThrows(UserInputException.class,
                () -> system.run(RunRequest.ofSeed(1).withStudent(notElf)));
        assertTrue(e.getMessage().contains("Cannot load kernel due to invalid memory configuration or invalid kernel "
                + "image: Invalid Elf magic number"), e.getMessage());
        Path x86 = dir.resolve("x86.elf");
        Files.write(x86, Asm.elf(0x8000_0000L, new byte[16], 0, 62));
        e = assertThrows(UserInputException.class, () -> system.run(RunRequest.ofSeed(1).withStudent(x86)));
        assertTrue(e.getMessage().contains("Invalid Elf machine 62 (x86_64)"), e.getMessage());
        Path outside = dir.resolve("outside.elf");
        Files.write(outside, Asm.elf(0x1000L, new int[] {Asm.ECALL}, 0));
        e = assertThrows(UserInputException.class, () -> system.run(RunRequest.ofSeed(1).withStudent(outside)));
        assertTrue(e.getMessage().contains("lies outside guest memory"), e.getMessage());
        e = assertThrows(UserInputException.class,
                () -> system.run(RunRequest.ofSeed(1).withStudent(dir.resolve("missing.elf"))));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> system.run(RunRequest.ofSeed(1).withStudent(dir)));
        assertTrue(e.getMessage().endsWith(": is a directory, not a guest ELF"), e.getMessage());
    }

    /** A flag the microVM cannot start with is bad input (exit 2) with the reason, not a run that "passed". */
    @Test
    void aDriveOrBootArgsTheMicroVmCannotStartWithAreUserErrors() throws Exception {
        UserInputException e = assertThrows(UserInputException.class, () -> system.run(RunRequest.ofSeed(1)
                .withOptions(Options.parse(system.options(), Map.of("--drive", dir.resolve("none.img").toString())))));
        assertEquals("--drive " + dir.resolve("none.img") + ": InstanceStart failed (HTTP 400): Drive config "
                + "error: Unable to create "
                + "the virtio block device: Virtio backend error: Error manipulating the backing file: No such file "
                + "or directory (os error 2) " + dir.resolve("none.img"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> system.run(RunRequest.ofSeed(1).withOptions(
                Options.parse(system.options(), Map.of("--boot-args", "x".repeat(3000))))));
        assertTrue(e.getMessage().contains("at most 2047 fit"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> system.run(RunRequest.ofSeed(1).withBug(
                "loses-in-flight-write").withOptions(Options.parse(system.options(), Map.of("--drive",
                        dir.toString())))));
        assertTrue(e.getMessage().startsWith("--drive " + dir + ": ")
                && e.getMessage().contains("Is a directory (os error 21)"), e.getMessage());
    }

    /**
     * --drive changes only the backing file (path_on_host): the scenario's rate limiter stays. It used to replace
     * the whole drive, so {@code --scenario rate-limited --drive disk.img} ran with no limiter at all.
     */
    @Test
    void aDriveFlagKeepsTheScenariosRateLimiter() throws Exception {
        Path disk = dir.resolve("disk.img");
        Files.write(disk, new byte[64 * 1024]);
        RunResult r = system.run(RunRequest.ofSeed(1).withScenario("rate-limited")
                .withOptions(Options.parse(system.options(), Map.of("--drive", disk.toString()))));
        double refusals = r.metrics().stream().filter(m -> m.name().equals("rate limiter refusals"))
                .map(m -> ((Metric.Value) m).value()).findFirst().orElseThrow();
        assertTrue(refusals > 0, "the ops bucket of the scenario must still refuse: " + refusals);
    }

    /**
     * --api-sock configures its microVM over the API: a --drive (or another run flag) beside it is refused, not
     * ignored. Before, the server started and served until Ctrl-C; the timeout guards against that hang.
     */
    @Test
    void aRunFlagBesideApiSockIsRefusedNotIgnored() {
        Path sock = dir.resolve("fc.sock");
        UserInputException e = assertTimeoutPreemptively(java.time.Duration.ofMinutes(2), () -> assertThrows(
                UserInputException.class, () -> system.run(RunRequest.ofSeed(1).withOptions(Options.parse(
                        system.options(), Map.of("--api-sock", sock.toString(), "--drive", "disk.img"))))));
        assertTrue(e.getMessage().startsWith("--api-sock and --drive disk.img: the API server configures its "
                + "microVM through the API"), e.getMessage());
        assertFalse(Files.exists(sock), "nothing served");
    }

    /** A drive of part sectors is attached with Firecracker's warning: a 2-byte file is a disk of 0 sectors. */
    @Test
    void aDriveOfPartSectorsIsAttachedWithFirecrackersWarning() throws Exception {
        Path disk = dir.resolve("small.img");
        Files.writeString(disk, "x\n");
        RunResult r = system.run(RunRequest.ofSeed(1).withScenario("blk")
                .withOptions(Options.parse(system.options(), Map.of("--drive", disk.toString()))));
        assertTrue(r.summary().contains("  warning: " + disk + ": Disk size 2 is not a multiple of sector size 512; "
                + "the remainder will not be visible to the guest."), String.join("\n", r.summary()));
    }

    /** A drive's text that does not fit its disk is a scenario error at the field, not silently cut. */
    @Test
    void aDriveTextLargerThanItsDiskIsAScenarioError() throws Exception {
        Path sc = dir.resolve("big-text.json");
        Files.writeString(sc, "{\"guest\": \"blk\", \"drive\": {\"sizeKib\": 1, \"text\": \"" + "y".repeat(2000)
                + "\"}}");
        UserInputException e = assertThrows(UserInputException.class,
                () -> system.run(RunRequest.ofSeed(1).withScenario(sc.toString())));
        assertTrue(e.getMessage().contains("big-text.json:1:") && e.getMessage().contains("2000 characters do not "
                + "fit a disk of 1 KiB"), e.getMessage());
    }

    @Test
    void flagsAreCheckedAndApplied() throws Exception {
        Options o = Options.parse(system.options(), Map.of("--guest", "smp", "--vcpus", "3", "--boot-args",
                "iters=100"));
        RunResult r = system.run(RunRequest.ofSeed(1).withOptions(o));
        assertTrue(String.join("\n", r.summary()).contains("harts: 3"), r.summary().toString());
        assertThrows(Exception.class, () -> Options.parse(system.options(), Map.of("--guest", "linux")));
        assertThrows(UserInputException.class, () -> system.run(RunRequest.ofSeed(1).withOptions(
                Options.parse(system.options(), Map.of("--api-tcp", "8080")))));
    }

    @Test
    void quizIsDeterministicAndAnswered() throws Exception {
        List<QuizQuestion> a = system.quiz(RunRequest.ofSeed(3));
        assertEquals(a, system.quiz(RunRequest.ofSeed(3)));
        assertEquals(5, a.size());
        for (QuizQuestion q : a) {
            assertFalse(q.answer().isBlank());
        }
    }

    @Test
    void tourRunsClean() throws Exception {
        RunResult r = system.tour(RunRequest.ofSeed(1));
        assertTrue(r.passed(), r.findings().toString());
        assertFalse(r.plots().isEmpty());
    }

    static void unused() {
        TraceFiles.class.getName();
    }
}
