package org.sysmodels.nvme;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.check.Severity;
import org.sysmodels.core.scenario.ScenarioCatalog;
import org.sysmodels.core.option.OptionSpec;
import org.sysmodels.core.scenario.ScenarioEntry;
import org.sysmodels.core.system.QuizQuestion;
import org.sysmodels.core.system.RealityNote;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.system.SimSystem;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.host.DriverBug;
import org.sysmodels.nvme.model.FaultKinds;
import org.sysmodels.nvme.quiz.NvmeQuiz;
import org.sysmodels.nvme.scenario.BugLab;
import org.sysmodels.nvme.scenario.Flags;
import org.sysmodels.nvme.scenario.Mode;
import org.sysmodels.nvme.scenario.NvmeScenario;
import org.sysmodels.nvme.scenario.Outcome;
import org.sysmodels.nvme.scenario.QueueDepthSweep;
import org.sysmodels.nvme.scenario.Report;
import org.sysmodels.nvme.scenario.Simulation;
import org.sysmodels.nvme.scenario.ThreadedRun;

/**
 * {@code sim nvme}: an NVMe controller at register level with a Linux-style driver, blk-mq and a fio-like workload;
 * run-time checks, bug labs, a quiz, and a threaded mode that puts host and device on two real threads.
 */
public final class NvmeSystem implements SimSystem {

    private static final String R = "/org/sysmodels/nvme/scenario/";
    static final ScenarioCatalog<NvmeScenario> SCENARIOS = new ScenarioCatalog<>(NvmeScenario.class)
            .add("randread", R + "randread.json", "4 KiB random reads, iodepth 32, one queue pair (the default)")
            .add("randrw-512", R + "randrw-512.json", "70/30 random read/write on 512-byte LBAs, 4 jobs, 4 queues")
            .add("big-blocks", R + "big-blocks.json", "128 KiB sequential reads: PRP lists and a 7 GiB/s link")
            .add("polling", R + "polling.json", "polled completion queues (no interrupts)")
            .add("coalescing", R + "coalescing.json", "interrupt coalescing: 8 entries or 100 µs per interrupt")
            .add("wrr", R + "wrr.json", "weighted round robin with an urgent queue against three low ones")
            .add("faults", R + "faults.json", "media errors, a stuck command (abort) and a fatal controller error "
                    + "(reset)")
            .addRealTime("threaded", R + "threaded.json", "host and device on two real threads, 4 queue pairs "
                    + "(real concurrency: not byte-identical run to run)");

    @Override
    public String name() {
        return "nvme";
    }

    @Override
    public String title() {
        return "NVMe controller at register level, with a Linux-style driver";
    }

    @Override
    public String description() {
        return "An NVMe controller modelled at the register level (BAR0, doorbells, submission and completion "
                + "queues bit-exact in host memory, PRPs, phase tags, MSI-X, arbitration, the admin and NVM command "
                + "sets with their status codes), driven by a Linux-style driver through blk-mq and a fio-like "
                + "workload. Run-time checks catch protocol bugs; bug labs show six of them.";
    }

    @Override
    public List<ScenarioEntry> scenarios() {
        return SCENARIOS.entries();
    }

    @Override
    public List<org.sysmodels.core.lab.BugLab> bugLabs() {
        List<org.sysmodels.core.lab.BugLab> out = new ArrayList<>();
        for (BugLab lab : BugLab.values()) {
            out.add(lab.declaration());
        }
        return out;
    }

    @Override
    public List<OptionSpec<?>> options() {
        return NvmeOptions.ALL;
    }

    @Override
    public RunResult run(RunRequest request) throws UserInputException {
        org.sysmodels.core.option.Options options = request.options();
        NvmeScenario s = request.scenario().isPresent() ? SCENARIOS.resolve(request.scenario().get())
                : NvmeScenario.DEFAULT;
        s.faultPlan().requireKnownKinds(FaultKinds.ALL, request.scenario().orElse("scenario"));
        s = Flags.apply(s, NvmeOptions.values(options));
        RunResult.Builder b = RunResult.builder(name(), title(), request.seed());
        DriverBug bug = DriverBug.NONE;
        if (request.bug().isPresent()) {
            BugLab lab = BugLab.byLabel(request.bug().get());
            if (lab == null) {
                throw new UserInputException("--bug: no bug lab named \"" + request.bug().get() + "\"");
            }
            s = lab.scenario(s);
            bug = lab.bug();
            b.lab(lab.declaration());
        }
        if (options.isSet(NvmeOptions.SWEEP)) {
            return sweep(s, request, b);
        }
        if (s.mode() == Mode.THREADED) {
            if (bug != DriverBug.NONE) {
                throw new UserInputException("--bug runs in deterministic mode only; drop --mode threaded");
            }
            return threaded(s, request, b);
        }
        Outcome o = simulate(s, request.seed(), request.tracer("nvme"), bug);
        Report.describe(o, b);
        return b.findings(o.findings()).trace(o.sim().tracer().log()).build();
    }

    static Outcome simulate(NvmeScenario s, long seed, Tracer tracer, DriverBug bug) throws UserInputException {
        try {
            return new Simulation(s, seed, tracer, bug).run();
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    private RunResult sweep(NvmeScenario s, RunRequest request, RunResult.Builder b) {
        QueueDepthSweep sweep = new QueueDepthSweep(s, request.seed(), QueueDepthSweep.powersOfTwo(256),
                Math.min(s.workload().ios(), 20_000));
        b.summary(String.format(Locale.ROOT, "queue-depth sweep: IOPS saturate near units / mean service time = "
                + "%,.0f IOPS; beyond that, latency grows with depth (Little's law)",
                QueueDepthSweep.predictedMaxIops(s)));
        b.table(sweep.table(s));
        sweep.plots(s).forEach(b::plot);
        return b.findings(sweep.findings).build();
    }

    private RunResult threaded(NvmeScenario s, RunRequest request, RunResult.Builder b) {
        ThreadedRun run = new ThreadedRun(s, request.seed(), request.tracer("nvme-threaded"));
        long commands = s.workload().ios() * s.workload().numjobs();
        if (run.start()) {
            boolean ok = run.run(commands, 10_000_000_000L);
            run.stop();
            b.summary(String.format(Locale.ROOT, "threaded mode: %d queue pair(s), %d commands in flight per queue, "
                            + "host and device on two threads sharing the rings: %,d commands in %.1f ms "
                            + "(%.2f M commands/s of real time)%s", run.host().queuePairs(),
                    run.host().depthPerQueue(), run.host().completed(), run.wallNanos() / 1e6,
                    run.host().completed() / (run.wallNanos() / 1e9) / 1e6, ok ? "" : " — stopped early"));
            b.summary("every completion was for a command in flight and arrived once: "
                    + (run.host().duplicates() == 0 && ok ? "yes" : "NO"));
        } else {
            b.summary("threaded mode: the device did not come up: " + run.failure());
        }
        return b.findings(run.findings()).trace(run.tracer().log()).build();
    }

    @Override
    public RunResult tour(RunRequest request) {
        return new NvmeTour(this).run(request);
    }

    @Override
    public List<QuizQuestion> quiz(RunRequest request) {
        return NvmeQuiz.generate(request.seed());
    }

    @Override
    public List<RealityNote> reality() {
        return List.of(
                new RealityNote("NVMe queues are rings in host memory: the host writes commands and a tail doorbell, "
                        + "the controller writes completions whose phase tag flips on every wrap, and one slot is "
                        + "always left empty so full and empty can be told apart.",
                        "NVM Express Base Specification 1.4, §4.1 and §4.6"),
                new RealityNote("Linux uses the blk-mq tag as the NVMe command identifier and sizes the tag set "
                        + "below the queue size, so a correct driver never overflows an SQ; it rings the doorbell once "
                        + "per batch (bd->last).", "Linux drivers/nvme/host/pci.c (nvme_queue_rq, nvme_setup_io_queues)"),
                new RealityNote("The Rust NVMe driver (rnvme) is out of tree and described as \"not currently "
                        + "suitable for general use\"; Linux's production NVMe driver is C.",
                        "rust-for-linux.com, NVMe driver page"),
                new RealityNote("SPDK's user-space driver has shown more than 10 M 4 KiB IOPS on one core (2019) and "
                        + "13.85 M 512-byte IOPS (2021); io_uring about 10 M IOPS per core (2021). One Optane P5800X "
                        + "does about 2.6 M 4 KiB IOPS: 1 M commands/s is device-class, 10 M/s the fastest host stacks.",
                        "SPDK NVMe performance reports 2019 and 2021; Jens Axboe, io_uring 2021; Intel P5800X "
                        + "product brief"),
                new RealityNote("Interrupt coalescing trades latency for fewer interrupts: the controller waits for "
                        + "THR + 1 entries or TIME × 100 µs, whichever comes first.",
                        "NVMe Base Specification 1.4, §5.21.1.8"));
    }

    /** Demotes the violations of an intentionally buggy run to INFO, so a tour that shows a caught bug passes. */
    static List<Finding> asCaught(List<Finding> findings, String lab) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            out.add(f.severity() == Severity.VIOLATION
                    ? new Finding(Severity.INFO, f.rule(), "caught in bug lab " + lab + ": " + f.message(), f.at(),
                    f.where(), f.source())
                    : f);
        }
        return out;
    }
}
