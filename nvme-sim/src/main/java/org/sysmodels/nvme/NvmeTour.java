package org.sysmodels.nvme;

import java.util.List;
import java.util.Locale;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.run.Table;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.host.DriverBug;
import org.sysmodels.nvme.host.Rw;
import org.sysmodels.nvme.scenario.BugLab;
import org.sysmodels.nvme.scenario.HostSpec;
import org.sysmodels.nvme.scenario.NvmeScenario;
import org.sysmodels.nvme.scenario.Outcome;
import org.sysmodels.nvme.scenario.QueueDepthSweep;
import org.sysmodels.nvme.scenario.Simulation;
import org.sysmodels.nvme.scenario.ThreadedRun;
import org.sysmodels.nvme.scenario.WorkloadSpec;

/**
 * The NVMe part of {@code sim tour}, a few seconds long: a traced bring-up and a short mixed workload; IOPS and
 * latency against queue depth with plots; interrupt coalescing; two bug labs being caught (as INFO findings, so the
 * tour passes); and the threaded mode.
 */
final class NvmeTour {

    private final NvmeSystem system;

    NvmeTour(NvmeSystem system) {
        this.system = system;
    }

    RunResult run(RunRequest request) {
        RunResult.Builder b = RunResult.builder(system.name(), system.title(), request.seed());
        bringUp(request, b);
        sweep(request, b);
        coalescing(request, b);
        bugLabs(request, b);
        threaded(request, b);
        return b.build();
    }

    private void bringUp(RunRequest request, RunResult.Builder b) {
        NvmeScenario s = NvmeScenario.DEFAULT.withHost(HostSpec.DEFAULT.withQueues(2, 2))
                .withWorkload(WorkloadSpec.DEFAULT.with(Rw.RANDRW, 4096L, 8, 2, 1000L, null, 70));
        Simulation sim = new Simulation(s, request.seed(), request.tracer("nvme-bring-up"), DriverBug.NONE);
        Outcome o = sim.run();
        b.summary("1. Bring-up, traced (track host/driver): clear CC.EN and wait for CSTS.RDY = 0; write AQA, ASQ, "
                + "ACQ; set CC.EN; wait for RDY (the device takes " + SimTime.format(s.device().readyLatency())
                + "); Identify Controller; Set Features Number of Queues; Identify Namespace; create "
                + sim.driver.ioQueues() + " CQ/SQ pairs; then 2,000 mixed I/Os, every read checked against the data "
                + "last written (" + sim.integrity.verified() + " verified). Open the trace in ui.perfetto.dev.");
        b.findings(o.findings()).trace(sim.tracer().log());
    }

    private void sweep(RunRequest request, RunResult.Builder b) {
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
        b.findings(sweep.findings);
    }

    private void coalescing(RunRequest request, RunResult.Builder b) {
        NvmeScenario base = NvmeScenario.DEFAULT.withWorkload(WorkloadSpec.DEFAULT.withIodepth(16).withIos(8000));
        Outcome plain = new Simulation(base, request.seed(), Tracer.off(), DriverBug.NONE).run();
        HostSpec h = new HostSpec(null, null, null, null, null, null, null, 7, 100_000L, null, null, null, null, null,
                null, null, null, null);
        Outcome coalesced = new Simulation(base.withHost(h), request.seed(), Tracer.off(), DriverBug.NONE).run();
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
        for (int v = 1; v <= o.sim().driver.ioQueues(); v++) {
            n += o.sim().controller.interruptsSignalled(v);
        }
        return n / (double) Math.max(1, o.sim().workload.completed());
    }

    private void bugLabs(RunRequest request, RunResult.Builder b) {
        for (BugLab lab : List.of(BugLab.PHASE_NOT_FLIPPED, BugLab.CQ_HEAD_NEVER_WRITTEN)) {
            Outcome o = new Simulation(lab.scenario(NvmeScenario.DEFAULT), request.seed(), Tracer.off(), lab.bug())
                    .run();
            b.summary("4. Bug lab " + lab.label() + " (" + lab.description() + "): caught by " + lab.rule() + " "
                    + o.violations(lab.rule()) + " time(s); `sim nvme --bug " + lab.label() + "` exits 1.");
            b.findings(NvmeSystem.asCaught(o.findings(), lab.label()));
        }
    }

    private void threaded(RunRequest request, RunResult.Builder b) {
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
        b.findings(run.findings());
    }
}
