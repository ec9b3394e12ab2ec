package org.sysmodels.queue;

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
import org.sysmodels.core.student.JavaStudentCode;
import org.sysmodels.core.student.StudentCodeFailure;
import org.sysmodels.core.student.StudentSlot;
import org.sysmodels.core.student.Template;
import org.sysmodels.core.system.QuizQuestion;
import org.sysmodels.core.system.RealityNote;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.system.SimSystem;
import org.sysmodels.core.system.Subcommand;
import org.sysmodels.queue.check.EveryJobDeparts;
import org.sysmodels.queue.check.FifoOrder;
import org.sysmodels.queue.check.WorkConserving;
import org.sysmodels.queue.host.Fifo;
import org.sysmodels.queue.model.Discipline;
import org.sysmodels.queue.quiz.QueueQuiz;
import org.sysmodels.queue.run.FormulasCommand;
import org.sysmodels.queue.run.QueueGrade;
import org.sysmodels.queue.run.QueueLabs;
import org.sysmodels.queue.run.QueueRun;
import org.sysmodels.queue.run.QueueTour;
import org.sysmodels.queue.scenario.QueueScenario;
import org.sysmodels.queue.scenario.QueueScenarios;

/**
 * {@code sim queue}: an M/M/1 queue on the sim-core kernel, whose measured averages must match the textbook formulas.
 * It is the tour's first section (if the scheduler or the random streams were wrong, this is where it would show),
 * and the smallest complete example of a model module: model, host, checks, scenarios, quiz, run, bug labs as host
 * variants, and a student slot ({@code --discipline}).
 */
public final class QueueSystem implements SimSystem {

    static final OptionSpec<Double> LOAD = OptionSpec.decimal("--load", "RHO", 0.01, 0.99,
            "Offered load ρ = λ/μ, 0.01 to 0.99.").withDefault("the scenario's, 0.5");
    static final OptionSpec<Long> MEAN_SERVICE = OptionSpec.duration("--mean-service", "TIME", 1, 1_000_000_000_000L,
            "Mean service time 1/μ, with a unit, e.g. 10us.").withDefault("10us");
    static final OptionSpec<Long> JOBS = OptionSpec.count("--jobs", "N", 1, 100_000_000,
            "Jobs to run through the queue.").withDefault("200000");

    private static final StudentSlot SLOT = new StudentSlot("--discipline", "discipline", StudentSlot.Kind.JAVA_SOURCE,
            "One Java class implementing org.sysmodels.queue.model.Discipline: the waiting line in front of the "
                    + "server (add, take, isEmpty). It runs in place of the reference FIFO ring under every check.",
            List.of(Template.resource(QueueSystem.class, "fifo", "a FIFO ring that grows: correct, ready to change",
                    "MyDiscipline.java", "/org/sysmodels/queue/template/MyDiscipline.java")));

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
    public List<ScenarioEntry> scenarios() {
        return QueueScenarios.CATALOG.entries();
    }

    @Override
    public List<BugLab> bugLabs() {
        return QueueLabs.labs();
    }

    @Override
    public List<Rule> rules() {
        return List.of(FifoOrder.RULE, EveryJobDeparts.RULE, WorkConserving.RULE);
    }

    @Override
    public List<Subcommand> subcommands() {
        return List.of(new FormulasCommand());
    }

    @Override
    public List<OptionSpec<?>> options() {
        return List.of(LOAD, MEAN_SERVICE, JOBS);
    }

    @Override
    public Optional<StudentSlot> student() {
        return Optional.of(SLOT);
    }

    @Override
    public RunResult run(RunRequest request) throws UserInputException, StudentCodeFailure {
        QueueScenario scenario = request.scenario().isPresent()
                ? QueueScenarios.CATALOG.resolve(request.scenario().get()) : QueueScenario.DEFAULT;
        RunResult.Builder b = RunResult.builder(name(), title(), request.seed());
        Discipline line = new Fifo();
        Optional<JavaStudentCode> student = Optional.empty();
        if (request.bug().isPresent()) {
            QueueLabs.Lab lab = QueueLabs.byName(bugLab(request.bug().get()).name());
            line = lab.line().get();
            scenario = lab.setup().apply(scenario);
            b.lab(lab.lab());
        } else if (request.student().isPresent()) {
            JavaStudentCode code = JavaStudentCode.compile(request.student().get(), Discipline.class, SLOT.noun());
            line = code.newInstance(Discipline.class);
            student = Optional.of(code);
            b.summary("waiting line: " + code.fileName());
        }
        scenario = withFlags(scenario, request.options());
        QueueRun.Outcome o = QueueRun.run(scenario, request.seed(), line, student, request.tracer("queue"));
        o.describe(b);
        return b.metrics(o.metrics(scenario).snapshot()).checks(o.checker().rules()).findings(o.findings())
                .trace(o.trace()).build();
    }

    @Override
    public RunResult grade(RunRequest request) throws UserInputException {
        JavaStudentCode code = JavaStudentCode.compile(request.student().orElseThrow(
                () -> new UserInputException("--grade needs a file")), Discipline.class, SLOT.noun());
        return QueueGrade.grade(request, code, RunResult.builder(name(), title(), request.seed()));
    }

    @Override
    public RunResult tour(RunRequest request) {
        return QueueTour.run(RunResult.builder(name(), title(), request.seed()), request);
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

    private static QueueScenario withFlags(QueueScenario s, Options o) throws UserInputException {
        QueueScenario merged = new QueueScenario(o.getOr(LOAD, s.load()), o.getOr(MEAN_SERVICE, s.meanService()),
                o.getOr(JOBS, s.jobs()));
        ScenarioLoader.checkFlags(merged);
        return merged;
    }
}
