package org.sysmodels.irp.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.metrics.LatencyHistogram;
import org.sysmodels.core.run.Plot;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.run.Series;
import org.sysmodels.core.run.Table;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.irp.scenario.IrpLabs;
import org.sysmodels.irp.scenario.IrpScenario;
import org.sysmodels.irp.scenario.IrpScenarios;
import org.sysmodels.irp.scenario.LabSetup;
import org.sysmodels.irp.scenario.WorkloadSection;

/**
 * The tour section: the demo stack traced (every dispatch and completion routine on its processor, flows from
 * IoCallDriver and IoCompleteRequest); synchronous against pended completion; cancel races with the cancel-safe queue
 * and with a hand-written one; throughput as processors are added; and the verifier stopping a classic bug.
 */
public final class IrpTour {

    private IrpTour() {
    }

    public static RunResult run(RunResult.Builder b, RunRequest request) throws UserInputException {
        long seed = request.seed();
        IrpScenario demo = IrpScenarios.resolve("demo").withWorkload(new WorkloadSection(4, 1, null, null, null,
                400L, null, null, null));
        IrpRun.Outcome traced = IrpRun.run(demo, IrpRun.Options.seed(seed).withTrace(request.traceEvents()));
        b.summary("1. The demo stack, 400 requests traced: each processor's track shows dispatch routines nested in "
                + "IoCallDriver, ISRs and DPCs; arrows run from IoCallDriver to the dispatch it reaches and from "
                + "IoCompleteRequest up through each completion routine to the completion APC.");
        IrpReport.describe(b, traced);

        IrpRun.Outcome sync = IrpRun.run(IrpScenarios.resolve("sync-ramdisk"), IrpRun.Options.seed(seed));
        IrpRun.Outcome pended = IrpRun.run(IrpScenarios.resolve("demo"), IrpRun.Options.seed(seed));
        b.checks(sync.verifier().checker().rules()).findings(sync.findings()).findings(pended.findings());
        b.summary("2. Synchronous against pended: without a controller the RAM disk completes in its dispatch "
                + "routine and IoCallDriver returns the final status; with one, requests pend, the ISR queues a DPC, "
                + "the DPC completes, and the I/O manager finishes each request in a completion APC.");
        b.table(new Table(String.format(Locale.ROOT, "Synchronous vs pended completion (%s)", requests(sync,
                pended)), List.of("scenario",
                "pended", "p50 latency", "p99 latency", "DPCs", "completion APCs"), List.of(
                row("sync-ramdisk", sync), row("demo", pended))));

        IrpRun.Outcome csq = IrpRun.run(IrpScenarios.resolve("cancel-storm"), IrpRun.Options.seed(seed));
        IrpRun.Outcome classic = IrpRun.run(IrpScenarios.resolve("classic-queue"), IrpRun.Options.seed(seed));
        b.findings(csq.findings()).findings(classic.findings());
        b.summary("3. Cancel races: 30% of requests cancelled while queued or in the controller. The cancel-safe "
                + "queue and the hand-written queue (cancel spin lock, IoSetCancelRoutine checked on both sides) "
                + "both complete every IRP exactly once; a request in the controller is not cancelable, so there "
                + "the completion wins.");
        b.table(new Table("Who wins a cancel race", List.of("queue", "cancels", "won by the cancel",
                "won by the completion"), List.of(cancelRow("cancel-safe queue (IoCsq*)", csq),
                cancelRow("hand-written queue", classic))));

        int[] cpus = {1, 2, 4, 8};
        double[] x = new double[cpus.length];
        double[] y = new double[cpus.length];
        List<List<String>> rows = new ArrayList<>();
        IrpScenario sync8 = IrpScenarios.resolve("sync-ramdisk");
        for (int i = 0; i < cpus.length; i++) {
            IrpScenario s = sync8.withProcessors(cpus[i]).withWorkload(new WorkloadSection(cpus[i], 1, null, null,
                    null, 20_000L, null, null, null));
            IrpRun.Outcome o = IrpRun.run(s, IrpRun.Options.seed(seed));
            b.findings(o.findings());
            x[i] = cpus[i];
            y[i] = o.metrics().irpsPerSecond() / 1e6;
            rows.add(List.of(String.valueOf(cpus[i]), String.format(Locale.ROOT, "%.2f", y[i])));
        }
        b.summary("4. Synchronous requests scale with processors: each thread runs its requests on its own processor"
                + " (virtual time, the routine costs of the model).");
        b.table(new Table("Throughput against processors (sync RAM disk, one thread per processor)",
                List.of("processors", "M requests/s (virtual)"), rows));
        b.plot(Plot.line("irps-vs-cpus", "Synchronous requests per second", "processors", "M requests/s",
                new Series("sync-ramdisk", x, y)));

        LabSetup lab = IrpLabs.byName("forgets-mark-pending");
        IrpRun.Outcome bug = IrpRun.run(lab.scenario(IrpScenarios.labBase()), IrpRun.Options.seed(seed)
                .withReplacements(lab.replacements(), lab.otherStack()));
        b.summary("5. The verifier at work (sim irp --bug forgets-mark-pending): " + lab.lab().mistake() + ".");
        if (bug.stop() != null) {
            IrpReport.blueScreen(bug.stop(), bug.verifier().stopRule()).forEach(l -> b.summary("   " + l));
        }
        return b.build();
    }

    /** "2,000 requests each", or both counts when they differ. */
    static String requests(IrpRun.Outcome a, IrpRun.Outcome b) {
        long x = a.metrics().issued();
        long y = b.metrics().issued();
        return x == y ? String.format(Locale.ROOT, "%,d requests each", x)
                : String.format(Locale.ROOT, "%,d and %,d requests", x, y);
    }

    private static List<String> row(String name, IrpRun.Outcome o) {
        LatencyHistogram h = new LatencyHistogram("all");
        o.metrics().latencyHistogram(h);
        return List.of(name, String.format(Locale.ROOT, "%.1f%%", o.metrics().issued() == 0 ? 0
                        : 100.0 * o.metrics().pended() / o.metrics().issued()), SimTime.format(h.percentile(50)),
                SimTime.format(h.percentile(99)), String.format(Locale.ROOT, "%,d", o.kernel().dpcsRun()),
                String.format(Locale.ROOT, "%,d", o.kernel().io().completion().apcsQueued()));
    }

    private static List<String> cancelRow(String name, IrpRun.Outcome o) {
        return List.of(name, String.format(Locale.ROOT, "%,d", o.metrics().cancelAttempts()),
                String.format(Locale.ROOT, "%,d", o.metrics().cancelWon()),
                String.format(Locale.ROOT, "%,d", o.metrics().completionWon()));
    }
}
