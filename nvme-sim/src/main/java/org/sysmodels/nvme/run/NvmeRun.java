package org.sysmodels.nvme.run;

import java.util.Locale;
import java.util.function.Function;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.student.JavaStudentCode;
import org.sysmodels.core.student.StudentCodeFailure;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.host.block.BlockDriver;
import org.sysmodels.nvme.host.driver.DriverConfig;
import org.sysmodels.nvme.host.driver.LinuxDriver;
import org.sysmodels.nvme.model.media.FaultKinds;
import org.sysmodels.nvme.scenario.Mode;
import org.sysmodels.nvme.scenario.NvmeScenario;
import org.sysmodels.nvme.scenario.NvmeScenarios;

/**
 * One {@code sim nvme} run as the request asks: the scenario (packaged, from a file, or the default) with the user's
 * flags; the driver (the reference, a bug lab's variant, or the student's {@code --driver} file); then a single run, a
 * queue-depth sweep, or the threaded mode.
 */
public final class NvmeRun {

    private NvmeRun() {
    }

    public static RunResult run(RunRequest request, RunResult.Builder b) throws UserInputException,
            StudentCodeFailure {
        NvmeScenario s = request.scenario().isPresent() ? NvmeScenarios.CATALOG.resolve(request.scenario().get())
                : NvmeScenario.DEFAULT;
        s.faultPlan().requireKnownKinds(FaultKinds.ALL, request.scenario().orElse("scenario"));
        Function<DriverConfig, ? extends BlockDriver> driver = LinuxDriver::new;
        if (request.bug().isPresent()) {
            NvmeLabs.Lab lab = NvmeLabs.byName(request.bug().get()).orElseThrow(() -> new UserInputException(
                    "--bug: no bug lab named \"" + request.bug().get() + "\""));
            s = lab.setup().apply(s);
            driver = lab.driver();
            b.lab(lab.lab());
        }
        s = NvmeFlags.apply(s, request.options());
        boolean sweep = request.options().isSet(NvmeFlags.SWEEP);
        if (sweep) {
            checkSweep(s);
        }
        QueueDepthSweep.Drivers drivers = null;
        if (request.student().isPresent()) {
            JavaStudentCode code = JavaStudentCode.compile(request.student().get(), BlockDriver.class, "driver");
            BlockDriver student = code.newInstance(BlockDriver.class);
            driver = config -> student;
            drivers = () -> {
                BlockDriver fresh = code.newInstance(BlockDriver.class);
                return config -> fresh;
            };
            b.summary("driver: " + code.fileName());
        }
        if (sweep) {
            Function<DriverConfig, ? extends BlockDriver> packaged = driver;
            return sweep(s, request, b, drivers != null ? drivers : () -> packaged);
        }
        if (s.mode() == Mode.THREADED) {
            if (request.bug().isPresent() || request.student().isPresent()) {
                throw new UserInputException((request.bug().isPresent() ? "--bug" : "--driver")
                        + " runs in deterministic mode only; drop --mode threaded");
            }
            return threaded(s, request, b);
        }
        Outcome o = simulate(s, request.seed(), request.tracer("nvme"), driver);
        Report.describe(o, b);
        return b.checks(o.sim().checks.checker().rules()).findings(o.findings()).trace(o.sim().tracer().log())
                .build();
    }

    static Outcome simulate(NvmeScenario s, long seed, Tracer tracer, Function<DriverConfig, ? extends BlockDriver> d)
            throws UserInputException {
        Simulation sim;
        try {
            sim = new Simulation(s, seed, tracer, d);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        return sim.run();
    }

    /**
     * A sweep is nine deterministic runs of whichever driver was asked for (the reference, a bug lab's or the
     * student's): it has no threaded form, so asking for one is refused rather than ignored.
     */
    private static void checkSweep(NvmeScenario s) throws UserInputException {
        if (s.mode() == Mode.THREADED) {
            throw new UserInputException("--sweep runs in deterministic mode only; drop --mode threaded");
        }
    }

    private static RunResult sweep(NvmeScenario s, RunRequest request, RunResult.Builder b,
                                   QueueDepthSweep.Drivers drivers) throws UserInputException, StudentCodeFailure {
        QueueDepthSweep sweep = new QueueDepthSweep(s, request.seed(), QueueDepthSweep.powersOfTwo(256),
                Math.min(s.workload().ios(), 20_000), drivers);
        b.summary(String.format(Locale.ROOT, "queue-depth sweep: IOPS saturate near units / mean service time = "
                + "%,.0f IOPS; beyond that, latency grows with depth (Little's law)",
                QueueDepthSweep.predictedMaxIops(s)));
        b.table(sweep.table(s));
        sweep.plots(s).forEach(b::plot);
        if (request.trace()) {
            b.summary("no trace: a sweep runs one simulation per queue depth and keeps none; trace one depth with "
                    + "--iodepth N --trace FILE");
        }
        return b.checks(sweep.rules).findings(sweep.findings).build();
    }

    private static RunResult threaded(NvmeScenario s, RunRequest request, RunResult.Builder b) {
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
        return b.checks(run.rules()).findings(run.findings()).trace(run.tracer().log()).build();
    }
}
