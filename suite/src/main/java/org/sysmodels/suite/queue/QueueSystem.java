package org.sysmodels.suite.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sysmodels.core.metrics.Metrics;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.run.Finding;
import org.sysmodels.core.run.Findings;
import org.sysmodels.core.run.Plot;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.run.Series;
import org.sysmodels.core.run.Table;
import org.sysmodels.core.scenario.ScenarioCatalog;
import org.sysmodels.core.scenario.ScenarioLoader;
import org.sysmodels.core.system.CatalogEntry;
import org.sysmodels.core.system.QuizQuestion;
import org.sysmodels.core.system.RealityNote;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.system.SimSystem;
import org.sysmodels.core.system.UserInputException;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.core.trace.Tracer;

/**
 * {@code sim queue}: an M/M/1 queue on the sim-core kernel, whose measured averages must match the textbook formulas.
 * It is the tour's first section: if the scheduler or the random streams were wrong, this is where it would show.
 */
public final class QueueSystem implements SimSystem {

    private static final ScenarioCatalog<QueueScenario> SCENARIOS = new ScenarioCatalog<>(QueueScenario.class)
            .add("light", "/org/sysmodels/suite/queue/light.json", "ρ = 0.3: jobs rarely wait")
            .add("busy", "/org/sysmodels/suite/queue/busy.json", "ρ = 0.9: waits ten times the service time");

    @Override
    public String name() {
        return "queue";
    }

    @Override
    public String title() {
        return "M/M/1 queue: the simulation kernel checked against queueing theory";
    }

    @Override
    public String description() {
        return "Poisson arrivals, exponential service, one FIFO server, run on the sim-core discrete-event "
                + "scheduler. The measured mean time in system must match W = 1/(μ−λ): a check of the scheduler, "
                + "the random streams and the metrics before any system model is trusted.";
    }

    @Override
    public List<CatalogEntry> catalog() {
        return SCENARIOS.entries();
    }

    @Override
    public Object options() {
        return new QueueOptions();
    }

    @Override
    public RunResult run(RunRequest request) throws UserInputException {
        QueueScenario scenario = request.scenario().isPresent()
                ? SCENARIOS.resolve(request.scenario().get()) : QueueScenario.DEFAULT;
        scenario = withFlags(scenario, request.options(QueueOptions.class, new QueueOptions()));
        Outcome o = simulate(scenario, request.seed(), request.tracer("queue"));
        RunResult.Builder b = RunResult.builder(name(), title(), request.seed());
        describe(o, b);
        return b.metrics(o.metrics().snapshot()).findings(o.findings().list()).trace(o.trace()).build();
    }

    @Override
    public RunResult tour(RunRequest request) {
        RunResult.Builder b = RunResult.builder(name(), title(), request.seed());
        double[] loads = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
        double[] measured = new double[loads.length];
        double[] formula = new double[loads.length];
        List<List<String>> rows = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        long meanService = 10_000;
        for (int i = 0; i < loads.length; i++) {
            QueueScenario s = new QueueScenario(loads[i], meanService, 200_000L);
            Outcome o = simulate(s, request.seed(), Tracer.off());
            measured[i] = o.queue().sojourn.mean() / 1000;
            formula[i] = o.formulas().timeInSystem() / 1000;
            findings.addAll(o.findings().list());
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
        Outcome traced = simulate(new QueueScenario(0.8, meanService, 300L), request.seed(),
                request.tracer("queue-rho0.8"));
        b.summary("Trace: 300 jobs at ρ = 0.8; each job is an async slice from arrival to departure, the server's "
                + "work is one slice per job, and a counter shows jobs in system.");
        return b.findings(findings).findings(traced.findings().list()).trace(traced.trace()).build();
    }

    @Override
    public List<QuizQuestion> quiz(RunRequest request) {
        return QueueQuiz.generate(request.seed());
    }

    @Override
    public List<RealityNote> reality() {
        return List.of(
                new RealityNote("For M/M/1, mean time in system is W = 1/(μ−λ) and mean number in system "
                        + "L = ρ/(1−ρ); Little's law L = λW holds for any stable queue.",
                        "L. Kleinrock, Queueing Systems, Volume 1: Theory (1975), §3.2; J. D. C. Little, Operations "
                        + "Research 9(3), 1961"),
                new RealityNote("Waiting grows without bound as ρ → 1, which is why storage and network stacks "
                        + "are measured at several queue depths rather than at one.",
                        "Kleinrock, §3.2"));
    }

    record Outcome(Mm1Queue queue, Mm1Formulas formulas, Metrics metrics, Findings findings,
                   org.sysmodels.core.trace.TraceLog trace) {
    }

    static Outcome simulate(QueueScenario s, long seed, Tracer tracer) {
        Findings findings = new Findings();
        Mm1Queue q = new Mm1Queue(new RandomStreams(seed), s.meanInterarrival(), s.meanService(), s.jobs(), tracer,
                findings);
        q.run();
        Mm1Formulas f = Mm1Formulas.ofMeans(s.meanInterarrival(), s.meanService());
        Metrics m = new Metrics();
        m.value("load ρ", s.load(), "");
        m.value("utilisation (measured)", q.utilisation(), "");
        m.value("W formula", f.timeInSystem(), "ns");
        m.value("W measured", q.sojourn.mean(), "ns");
        m.value("Wq formula", f.waitInQueue(), "ns");
        m.value("Wq measured", q.wait.mean(), "ns");
        m.value("events", q.events(), "");
        return new Outcome(q, f, m, findings, tracer.log());
    }

    private static void describe(Outcome o, RunResult.Builder b) {
        b.summary(String.format(Locale.ROOT, "%d jobs over %s of virtual time (%d events).",
                o.queue().sojourn.count(), SimTime.format(o.queue().now()), o.queue().events()));
        b.summary(String.format(Locale.ROOT, "time in system W: measured %s, formula 1/(μ−λ) = %s (%+.2f%%)",
                SimTime.format(Math.round(o.queue().sojourn.mean())), SimTime.format(Math.round(o.formulas().timeInSystem())),
                100 * (o.queue().sojourn.mean() / o.formulas().timeInSystem() - 1)));
        b.summary(String.format(Locale.ROOT, "wait in queue Wq: measured %s, formula ρ/(μ−λ) = %s",
                SimTime.format(Math.round(o.queue().wait.mean())), SimTime.format(Math.round(o.formulas().waitInQueue()))));
        b.summary(String.format(Locale.ROOT, "p99 time in system %s", SimTime.format(o.queue().sojourn.percentile(99))));
    }

    private static QueueScenario withFlags(QueueScenario s, QueueOptions o) throws UserInputException {
        Long service = s.meanService();
        if (o.meanService != null) {
            try {
                service = SimTime.parse(o.meanService);
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--mean-service: " + e.getMessage());
            }
        }
        QueueScenario merged = new QueueScenario(o.load != null ? o.load : s.load(), service,
                o.jobs != null ? o.jobs : s.jobs());
        ScenarioLoader.checkFlags(merged);
        return merged;
    }

    private static String fmt(String format, double v) {
        return String.format(Locale.ROOT, format, v);
    }
}
