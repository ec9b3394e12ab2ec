package org.sysmodels.nvme.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.check.Severity;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.run.Table;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.host.workload.Rw;
import org.sysmodels.nvme.scenario.HostSpec;
import org.sysmodels.nvme.scenario.NvmeScenario;
import org.sysmodels.nvme.run.Outcome;
import org.sysmodels.nvme.run.QueueDepthSweep;
import org.sysmodels.nvme.run.Simulation;
import org.sysmodels.nvme.run.ThreadedRun;
import org.sysmodels.nvme.scenario.WorkloadSpec;

/**
 * The NVMe part of {@code sim tour}, a few seconds long: a traced bring-up and a short mixed workload; IOPS and
 * latency against queue depth with plots; interrupt coalescing; two bug labs being caught (as INFO findings, so the
 * tour passes); and the threaded mode.
 */
public final class NvmeTour {

    private NvmeTour() {
    }

    public static RunResult run(RunResult.Builder b, RunRequest request) {
        bringUp(request, b);
        sweep(request, b);
        coalescing(request, b);
        bugLabs(request, b);
        threaded(request, b);
        return b.build();
    }

    private static void bringUp(RunRequest request, RunResult.Builder b) {
        NvmeScenario s = NvmeScenario.DEFAULT.withHost(HostSpec.DEFAULT.withQueues(2, 2))
                .withWorkload(WorkloadSpec.DEFAULT.with(Rw.RANDRW, 4096L, 8, 2, 1000L, null, 70));
        Simulation sim = new Simulation(s, request.seed(), request.tracer("nvme-bring-up"));
        Outcome o = sim.run();
        b.summary("1. Bring-up, traced (track host/driver): clear CC.EN and wait for CSTS.RDY = 0; write AQA, ASQ, "
                + "ACQ; set CC.EN; wait for RDY (the device takes " + SimTime.format(s.device().readyLatency())
                + "); Identify Controller; Set Features Number of Queues; Identify Namespace; create "
                + sim.blk.hardwareQueues() + " CQ/SQ pairs; then 2,000 mixed I/Os, every read checked against the "
                + "data last written (" + sim.readsVerified() + " verified). Open the trace in ui.perfetto.dev.");
        b.checks(sim.checks.checker().rules()).findings(o.findings()).trace(sim.tracer().log());
    }

    private static void sweep(RunRequest request, RunResult.Builder b) {
        NvmeScenario s = NvmeScenario.DEFAULT;
        QueueDepthSweep sweep = new QueueDepthSweep(s, request.seed(), QueueDepthSweep.powersOfTwo(128), 6000);
        QueueDepthSweep.Point last = sweep.points.get(sweep.points.size() - 1);
        b.summary(String.format(Locale.ROOT, "2. Queue depth: with %d internal units of ~%s each, IOPS grow with "
                        + "depth until every unit is busy, then stay at units / service time = %,.0f (measured at "
                        + "depth %d: %,.0f); after that only latency grows (Little's law).", s.device().units(),
                SimTime.format(Math.round(s.device().read().expectedValue())), QueueDepthSweep.predictedMaxIops(s),
                last.depth(), last.iops()));
        b.table(sweep.table(s));
        sweep.plots(s).forEach(b::plot);
        b.checks(sweep.rules).findings(sweep.findings);
    }

    private static void coalescing(RunRequest request, RunResult.Builder b) {
        NvmeScenario base = NvmeScenario.DEFAULT.withWorkload(WorkloadSpec.DEFAULT.withIodepth(16).withIos(8000));
        Outcome plain = new Simulation(base, request.seed(), Tracer.off()).run();
        HostSpec h = new HostSpec(null, null, null, null, null, null, null, 7, 100_000L, null, null, null, null, null,
                null, null, null, null);
        Outcome coalesced = new Simulation(base.withHost(h), request.seed(), Tracer.off()).run();
        b.table(new Table("Interrupt coalescing (THR = 7: 8 entries, TIME = 1: 100 µs), iodepth 16",
                List.of("setting", "interrupts per I/O", "mean clat", "p99 clat"),
                List.of(row("off", plain), row("8 entries or 100 µs", coalesced))));
        b.summary("3. Interrupt coalescing cuts interrupts per I/O from "
                + String.format(Locale.ROOT, "%.2f to %.2f", interruptsPerIo(plain), interruptsPerIo(coalesced))
                + " at the cost of latency (Set Features 08h).");
        b.findings(plain.findings()).findings(coalesced.findings());
    }

    private static List<String> row(String name, Outcome o) {
        return List.of(name, String.format(Locale.ROOT, "%.2f", interruptsPerIo(o)),
                SimTime.format(Math.round(o.latency().mean())), SimTime.format(o.latency().p99()));
    }

    private static double interruptsPerIo(Outcome o) {
        long n = 0;
        for (int v = 1; v <= o.sim().blk.hardwareQueues(); v++) {
            n += o.sim().controller.interruptsSignalled(v);
        }
        return n / (double) Math.max(1, o.sim().workload.completed());
    }

    private static void bugLabs(RunRequest request, RunResult.Builder b) {
        char part = 'a';
        for (String name : List.of("phase-not-flipped", "cq-head-never-written")) {
            NvmeLabs.Lab lab = NvmeLabs.byName(name).orElseThrow();
            Outcome o = new Simulation(lab.setup().apply(NvmeScenario.DEFAULT), request.seed(), Tracer.off(),
                    lab.driver()).run();
            b.summary("4" + part++ + ". Bug lab " + name + " (" + lab.lab().mistake() + "): caught by rule " + lab.lab().rule()
                    + " " + o.findings().count(lab.lab().rule()) + " time(s); sim nvme --bug " + name + " exits 1.");
            b.findings(asCaught(o.findings().list(), name));
        }
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

    private static void threaded(RunRequest request, RunResult.Builder b) {
        NvmeScenario s = NvmeScenario.DEFAULT.withHost(HostSpec.DEFAULT.withQueues(2, 2))
                .withWorkload(WorkloadSpec.DEFAULT.with(null, null, 16, 2, null, null, null));
        ThreadedRun run = new ThreadedRun(s, request.seed(), Tracer.off());
        if (run.start()) {
            boolean ok = run.run(200_000, 5_000_000_000L);
            run.stop();
            b.summary(String.format(Locale.ROOT, "5. Threaded mode: host and device on two threads sharing the rings "
                            + "(release doorbells, acquire on the phase tag): %,d commands at %.2f M/s of real time, "
                            + "%s", run.host().completed(), run.host().completed() / (run.wallNanos() / 1e9) / 1e6,
                    ok && run.host().duplicates() == 0 ? "none lost or duplicated." : "NOT all accounted for."));
        }
        b.checks(run.rules()).findings(run.findings());
    }
}
