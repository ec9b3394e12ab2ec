package org.sysmodels.queue.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.sysmodels.core.run.Plot;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.run.Series;
import org.sysmodels.core.run.Table;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.queue.host.Fifo;
import org.sysmodels.queue.scenario.QueueScenario;

/** The tour section: W against the formula from ρ = 0.1 to 0.9, and one traced run at ρ = 0.8. */
public final class QueueTour {

    private QueueTour() {
    }

    public static RunResult run(RunResult.Builder b, RunRequest request) {
        double[] loads = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
        double[] measured = new double[loads.length];
        double[] formula = new double[loads.length];
        List<List<String>> rows = new ArrayList<>();
        long meanService = 10_000;
        for (int i = 0; i < loads.length; i++) {
            QueueScenario s = new QueueScenario(loads[i], meanService, 200_000L);
            QueueRun.Outcome o = QueueRun.run(s, request.seed(), new Fifo(), Optional.empty(), Tracer.off());
            measured[i] = o.queue().timeInSystem().mean() / 1000;
            formula[i] = o.formulas().timeInSystem() / 1000;
            b.checks(o.checker().rules()).findings(o.findings());
            rows.add(List.of(fmt("%.1f", loads[i]), fmt("%.2f", formula[i]), fmt("%.2f", measured[i]),
                    fmt("%+.1f%%", 100 * (measured[i] / formula[i] - 1)), fmt("%.3f", o.queue().utilisation())));
        }
        b.summary("Mean time in system W against the M/M/1 formula W = 1/(μ−λ), mean service 10 µs, "
                + "200,000 jobs per point, seed " + request.seed() + ".");
        b.summary("At ρ = 0.9 a job spends ten service times in the system: queueing, not service, dominates.");
        b.table(new Table("M/M/1: measured against formula", List.of("load ρ", "W formula (µs)", "W measured (µs)",
                "error", "utilisation"), rows));
        b.plot(Plot.line("w-vs-load", "M/M/1 mean time in system", "offered load ρ", "W (µs)",
                new Series("formula 1/(μ−λ)", loads, formula), new Series("simulated", loads, measured)));
        QueueRun.Outcome traced = QueueRun.run(new QueueScenario(0.8, meanService, 300L), request.seed(),
                new Fifo(), Optional.empty(), request.tracer("queue-rho0.8"));
        b.summary("Trace: 300 jobs at ρ = 0.8; each job is an async slice from arrival to departure, the server's "
                + "work is one slice per job, and a counter shows jobs in system.");
        return b.findings(traced.findings()).trace(traced.trace()).build();
    }

    private static String fmt(String format, double v) {
        return String.format(Locale.ROOT, format, v);
    }
}
