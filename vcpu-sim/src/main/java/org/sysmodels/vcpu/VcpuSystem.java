package org.sysmodels.vcpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.lab.BugLab;
import org.sysmodels.core.option.OptionSpec;
import org.sysmodels.core.option.Options;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.scenario.ScenarioEntry;
import org.sysmodels.core.scenario.ScenarioLoader;
import org.sysmodels.core.student.StudentSlot;
import org.sysmodels.core.student.Template;
import org.sysmodels.core.system.QuizQuestion;
import org.sysmodels.core.system.RealityNote;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.system.SimSystem;
import org.sysmodels.vcpu.api.ApiServe;
import org.sysmodels.vcpu.check.BlockDrainedBeforeSave;
import org.sysmodels.vcpu.check.RateLimiterBound;
import org.sysmodels.vcpu.check.RestoreMatchesRun;
import org.sysmodels.vcpu.check.SnapshotOnlyPaused;
import org.sysmodels.vcpu.check.TeardownInOrder;
import org.sysmodels.vcpu.check.VcpuStateTable;
import org.sysmodels.vcpu.check.VcpusAnswerInTime;
import org.sysmodels.vcpu.check.VmmExitsOk;
import org.sysmodels.vcpu.host.guest.Guests;
import org.sysmodels.vcpu.model.vmm.VmmError;
import org.sysmodels.vcpu.quiz.VcpuQuiz;
import org.sysmodels.vcpu.run.BootTimeline;
import org.sysmodels.vcpu.run.CreationRate;
import org.sysmodels.vcpu.run.MicroVmRun;
import org.sysmodels.vcpu.run.Reports;
import org.sysmodels.vcpu.run.VcpuGrade;
import org.sysmodels.vcpu.run.VcpuLabs;
import org.sysmodels.vcpu.run.VcpuTour;
import org.sysmodels.vcpu.scenario.VcpuScenario;
import org.sysmodels.vcpu.scenario.VcpuScenarios;

/**
 * {@code sim vcpu}: a Firecracker-style VMM. The vCPU state machine is Firecracker's (vcpu.rs), KVM_RUN returns the
 * real exit reasons, the guest is a RISC-V RV64IMA hart running real compiled C programs, the devices are a 16550A
 * UART and a virtio-mmio block device behind Firecracker's rate limiter, and the REST API is Firecracker's, served
 * over a Unix socket. Firecracker runs x86_64 and aarch64 guests; everything above the instruction set follows it.
 */
public final class VcpuSystem implements SimSystem {

    static final OptionSpec<String> GUEST = OptionSpec.choice("--guest", "NAME", Guests.names(),
            "A packaged guest program (C, compiled for RV64IMA): " + String.join(", ", Guests.names()) + ".")
            .withDefault("the scenario's, hello");
    static final OptionSpec<String> BOOT_ARGS = OptionSpec.text("--boot-args", "TEXT",
            "The boot arguments (boot-source boot_args), given to the guest in a1.").withDefault("the guest's");
    static final OptionSpec<Integer> VCPUS = OptionSpec.integer("--vcpus", "N", 1, 32,
            "machine-config vcpu_count, 1 to 32.").withDefault("the guest's");
    static final OptionSpec<Long> MEM = OptionSpec.count("--mem", "MIB", 1, 16384,
            "machine-config mem_size_mib.").withDefault("128");
    static final OptionSpec<VcpuScenario.Mode> MODE = OptionSpec.choice("--mode", "MODE", VcpuScenario.Mode.class,
            "deterministic: the vCPUs interleaved on the simulation's scheduler, virtual time, same seed same "
                    + "run; threaded: one real thread per vCPU, real time, real races.")
            .withDefault("deterministic");
    static final OptionSpec<Long> RUN_FOR = OptionSpec.duration("--run-for", "TIME", 1_000, 3_600_000_000_000L,
            "How long the microVM may run before the run ends it (virtual time; real time when threaded).")
            .withDefault("10s");
    static final OptionSpec<Path> DRIVE = OptionSpec.path("--drive", "FILE",
            "A file to attach as the root drive (virtio-blk, path_on_host); the scenario's other drive "
                    + "settings (rate limiter, io_engine, read-only) stay.");
    static final OptionSpec<Path> API_SOCK = OptionSpec.path("--api-sock", "PATH",
            "Serve Firecracker's REST API on this Unix socket (one microVM per process) instead of a run; "
                    + "Firecracker's flag name. The getting-started curl sequence works against it.");
    static final OptionSpec<Integer> API_TCP = OptionSpec.integer("--api-tcp", "PORT", 1, 65535,
            "With --api-sock: also serve the API on this loopback TCP port.");

    private static final StudentSlot SLOT = new StudentSlot("--kernel", "kernel", StudentSlot.Kind.BINARY,
            "A RISC-V RV64IMA ELF executable linked at 0x8000_0000 (Firecracker's kernel_image_path): hart 0 "
                    + "starts at its entry with a0 = 0 and a1 = the boot arguments. `--template hello` prints a "
                    + "complete guest in C with the command that compiles it.",
            List.of(Template.resource(VcpuSystem.class, "hello", "a complete guest in C: serial output, boot "
                    + "timer, SBI shutdown", "guest.c", "/org/sysmodels/vcpu/guests/template/hello.c")));

    @Override
    public String name() {
        return "vcpu";
    }

    @Override
    public String title() {
        return "Firecracker-style microVM monitor: vCPU state machine, KVM exits, RISC-V guests, REST API";
    }

    @Override
    public String description() {
        return "A VMM built like Firecracker: one thread per vCPU running Firecracker's state machine (Paused, "
                + "Running, Finished; Pause, Resume, SaveState, DumpCpuConfig, Finish), KVM_RUN returning the real "
                + "exit reasons (KVM_EXIT_MMIO, SYSTEM_EVENT, RISCV_SBI, INTERNAL_ERROR) and honouring "
                + "immediate_exit, a 16550A serial port and a virtio-mmio block device with Firecracker's rate "
                + "limiter, pause/resume, full and diff snapshots restored and checked, and Firecracker's REST API "
                + "over a Unix socket (--api-sock). The guests are real C programs compiled for RISC-V RV64IMA "
                + "(bring your own with --kernel). Firecracker itself runs x86_64 and aarch64 guests; everything "
                + "above the instruction set follows Firecracker's code.";
    }

    @Override
    public List<ScenarioEntry> scenarios() {
        return VcpuScenarios.CATALOG.entries();
    }

    @Override
    public List<BugLab> bugLabs() {
        return VcpuLabs.labs();
    }

    @Override
    public List<Rule> rules() {
        return List.of(VcpuStateTable.RULE, VcpusAnswerInTime.RULE, SnapshotOnlyPaused.RULE,
                BlockDrainedBeforeSave.RULE, RestoreMatchesRun.RULE, TeardownInOrder.RULE, RateLimiterBound.RULE,
                VmmExitsOk.RULE);
    }

    @Override
    public List<OptionSpec<?>> options() {
        return List.of(GUEST, BOOT_ARGS, VCPUS, MEM, MODE, RUN_FOR, DRIVE, API_SOCK, API_TCP);
    }

    @Override
    public List<org.sysmodels.core.system.Subcommand> subcommands() {
        return List.of(new org.sysmodels.vcpu.api.ServeCommand());
    }

    @Override
    public Optional<StudentSlot> student() {
        return Optional.of(SLOT);
    }

    @Override
    public RunResult run(RunRequest request) throws UserInputException {
        RunResult.Builder b = RunResult.builder(name(), title(), request.seed());
        Options o = request.options();
        if (o.get(API_SOCK).isPresent()) {
            ServeFlags.check(request);
            return serve(o.get(API_SOCK).get(), o.get(API_TCP).orElse(0), b, request.tracer("vcpu-api"));
        }
        if (o.get(API_TCP).isPresent()) {
            throw new UserInputException("--api-tcp: serves the API only together with --api-sock PATH");
        }
        VcpuScenario s = request.scenario().isPresent()
                ? VcpuScenarios.CATALOG.resolve(request.scenario().get()) : VcpuScenario.DEFAULT;
        MicroVmRun.Setup setup;
        if (request.bug().isPresent()) {
            VcpuLabs.Lab lab = VcpuLabs.byName(bugLab(request.bug().get()).name());
            s = withFlags(lab.setup().apply(s), o);
            setup = new MicroVmRun.Setup(s, Guests.get(s.guest()).elf(), s.guest(), lab.parts(),
                    request.tracer("vcpu-" + lab.lab().name()), null);
            b.lab(lab.lab());
        } else if (request.student().isPresent()) {
            Path file = request.student().get();
            if (o.get(GUEST).isPresent()) {
                // the ELF ran with the packaged guest's boot arguments and vCPU count, under its own name
                throw new UserInputException("--guest " + o.get(GUEST).get() + " and --kernel " + file.getFileName()
                        + ": give one guest, a packaged one (--guest NAME) or your own ELF (--kernel FILE)");
            }
            if (s.experiment() != VcpuScenario.Experiment.NONE) {
                throw new UserInputException("--scenario " + request.scenario().orElse("") + " and --kernel "
                        + file.getFileName() + ": that scenario is an experiment on packaged guests and would not "
                        + "run your ELF; run it with a plain scenario or none");
            }
            s = withFlags(s.withGuest(file.getFileName().toString(), s.bootArgs() == null
                    ? org.sysmodels.vcpu.model.vmm.VmConfig.DEFAULT_BOOT_ARGS : s.bootArgs()), o);
            setup = new MicroVmRun.Setup(s, readKernel(file), file.getFileName().toString(),
                    org.sysmodels.vcpu.model.vmm.VmmParts.REFERENCE, request.tracer("vcpu-kernel"), null);
        } else {
            s = withFlags(s, o);
            if (s.experiment() != VcpuScenario.Experiment.NONE) {
                ExperimentFlags.check(s.experiment(), o, request, request.scenario().orElse(""));
                return experiment(s, b, request);
            }
            if (Guests.byName(s.guest()).isEmpty()) {
                Path file = Path.of(s.guest());
                if (!Files.exists(file)) {
                    throw new UserInputException(request.scenario().map(n -> n + ": ").orElse("") + "guest: \""
                            + s.guest() + "\" is neither a packaged guest (" + String.join(", ", Guests.names())
                            + ") nor a file (a guest ELF)");
                }
                setup = new MicroVmRun.Setup(s, readKernel(file), file.getFileName().toString(),
                        org.sysmodels.vcpu.model.vmm.VmmParts.REFERENCE, request.tracer("vcpu-" + file.getFileName()),
                        null);
            } else {
                setup = new MicroVmRun.Setup(s, Guests.get(s.guest()).elf(), s.guest(),
                        org.sysmodels.vcpu.model.vmm.VmmParts.REFERENCE, request.tracer("vcpu-" + s.guest()), null);
            }
        }
        MicroVmRun.Outcome out = MicroVmRun.run(setup);
        if (out.startError() != null) {
            throw StartFailure.of(o.get(DRIVE), request.student().isPresent() ? setup.kernelName() + ": " : "",
                    out.startError());
        }
        return Reports.describe(b, out).build();
    }

    private static byte[] readKernel(Path file) throws UserInputException {
        if (Files.isDirectory(file)) {
            throw new UserInputException(file + ": is a directory, not a guest ELF");
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + ": no such file (a guest ELF was expected)");
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read: " + e.getMessage());
        }
    }

    private RunResult experiment(VcpuScenario s, RunResult.Builder b, RunRequest request)
            throws UserInputException {
        byte[] kernel = Guests.byName(s.guest()).map(Guests.Guest::elf).orElseThrow(() ->
                new UserInputException(request.scenario().map(n -> n + ": ").orElse("") + "guest: experiments run "
                        + "a packaged guest (" + String.join(", ", Guests.names()) + "); \"" + s.guest()
                        + "\" is not one"));
        String args = s.bootArgs() != null ? s.bootArgs() : Guests.get(s.guest()).bootArgs();
        if (s.experiment() == VcpuScenario.Experiment.BOOT_TIMELINE) {
            MicroVmRun.Outcome o = MicroVmRun.run(MicroVmRun.Setup.of(s.withActions(List.of()), kernel, s.guest())
                    .withTracer(request.tracer("vcpu-boot-timeline")));
            if (o.startError() != null) {
                throw StartFailure.of(request.options().get(DRIVE), "", o.startError());
            }
            BootTimeline.DEFAULT.describe(b, kernel.length, Math.max(0, o.bootNs()));
            return b.checks(o.checker().rules()).findings(o.findings()).trace(o.trace()).build();
        }
        try {
            int vcpus = s.vcpus() != null ? s.vcpus() : Guests.get(s.guest()).vcpus();
            return CreationRate.describe(b, CreationRate.measure(kernel, args, vcpus, s.memMib(), s.count()))
                    .build();
        } catch (VmmError e) {
            throw new UserInputException("InstanceStart failed: " + e.getMessage());
        }
    }

    private RunResult serve(Path socket, int tcp, RunResult.Builder b, org.sysmodels.core.trace.Tracer tracer)
            throws UserInputException {
        ApiServe.Outcome o;
        try {
            o = ApiServe.serveUntilInterrupted(socket, tcp, c -> {
                System.out.write(c);
                if (c == '\n') {
                    System.out.flush();
                }
            }, () -> false, path -> {
                System.err.println("sim vcpu: Firecracker API on " + path + (tcp > 0 ? " and 127.0.0.1:" + tcp : "")
                        + " (one microVM; Ctrl-C to stop)");
                System.err.flush();
            }, tracer);
        } catch (IOException e) {
            throw new UserInputException("--api-sock: " + e.getMessage());
        }
        b.summary(o.requests() + " API requests served");
        o.requestLog().forEach(l -> b.summary("  " + l));
        if (o.fatal() != null) {
            b.summary("fatal: " + o.fatal());
        }
        b.summary(o.exitCode() == null ? "the microVM never started" : "the microVM stopped with exit code "
                + o.exitCode().code() + " (" + o.exitCode().rustName() + ")");
        return b.trace(o.trace()).build();
    }

    @Override
    public RunResult grade(RunRequest request) throws UserInputException {
        Path file = request.student().orElseThrow(() -> new UserInputException("--grade needs a guest ELF file"));
        return VcpuGrade.grade(request, readKernel(file), file.getFileName().toString(),
                RunResult.builder(name(), title(), request.seed()));
    }

    @Override
    public RunResult tour(RunRequest request) throws UserInputException {
        return VcpuTour.run(RunResult.builder(name(), title(), request.seed()), request);
    }

    @Override
    public List<QuizQuestion> quiz(RunRequest request) {
        return VcpuQuiz.generate(request.seed());
    }

    @Override
    public List<RealityNote> reality() {
        return List.of(
                new RealityNote("Firecracker boots a minimal Linux guest to /sbin/init within 125 ms of the "
                        + "InstanceStart call, and its VMM starts (up to API socket availability) within 8 CPU ms, "
                        + "wall clock typically 12 ms.", "Firecracker SPECIFICATION.md"),
                new RealityNote("The 5 MiB figure is the VMM's own memory overhead (1 vCPU, 128 MiB guest), not a "
                        + "microVM's size.", "Firecracker SPECIFICATION.md"),
                new RealityNote("Firecracker's design target is a steady rate of 5 microVMs created per host core "
                        + "per second.", "Firecracker docs/design.md"),
                new RealityNote("No public source supports \"40% of AWS serverless capacity\"; the NSDI 2020 paper "
                        + "says Lambda and Fargate run on Firecracker.", "Agache et al., Firecracker: Lightweight "
                        + "Virtualization for Serverless Applications, NSDI 2020"),
                new RealityNote("A paused vCPU thread is only not running: Firecracker pauses by sending Pause, "
                        + "setting immediate_exit and signalling the thread, then waits up to 30 s for Paused.",
                        "Firecracker src/vmm/src/vstate/vcpu.rs, vm.rs pause_vcpus"),
                new RealityNote("Firecracker runs x86_64 and aarch64 guests only; this model's guest CPU is RISC-V "
                        + "so that a student can read the whole instruction set in an evening.",
                        "Firecracker README (supported platforms)"));
    }

    private static VcpuScenario withFlags(VcpuScenario s, Options o) throws UserInputException {
        VcpuScenario m = s;
        if (o.get(GUEST).isPresent()) {
            m = m.withGuest(o.get(GUEST).get(), null);
        }
        if (o.get(BOOT_ARGS).isPresent()) {
            m = m.withGuest(m.guest(), o.get(BOOT_ARGS).get());
        }
        m = m.withVcpus(o.getOr(VCPUS, m.vcpus())).withMemMib(o.getOr(MEM, m.memMib()))
                .withMode(o.getOr(MODE, m.mode())).withRunFor(o.getOr(RUN_FOR, m.runFor()));
        if (o.get(DRIVE).isPresent()) {
            m = m.withDrive((m.drive() != null ? m.drive() : VcpuScenario.Drive.DEFAULT)
                    .withPath(o.get(DRIVE).get().toString()));
        }
        ScenarioLoader.checkFlags(m);
        return m;
    }
}
