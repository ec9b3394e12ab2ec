package org.sysmodels.queue.run;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.sysmodels.core.check.Checker;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.metrics.Metrics;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.student.JavaStudentCode;
import org.sysmodels.core.student.StudentFault;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.core.trace.TraceLog;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.queue.check.EveryJobDeparts;
import org.sysmodels.queue.check.FifoOrder;
import org.sysmodels.queue.check.QueueCheck;
import org.sysmodels.queue.check.WorkConserving;
import org.sysmodels.queue.model.Discipline;
import org.sysmodels.queue.model.Mm1Formulas;
import org.sysmodels.queue.model.Mm1Queue;
import org.sysmodels.queue.scenario.QueueScenario;

/**
 * One run wired together: the queue, its waiting line (the reference FIFO, a bug lab's variant or a student's
 * class), every check, and the figures. A student's code that throws ends the run with a finding on their line;
 * what was measured until then is kept.
 */
public final class QueueRun {

    /** What a run produced. */
    public record Outcome(Mm1Queue queue, Mm1Formulas formulas, Checker<QueueCheck> checker, TraceLog trace) {

        public Findings findings() {
            return checker.findings();
        }

        /** The figures the terminal and the report show. */
        public Metrics metrics(QueueScenario s) {
            Metrics m = new Metrics();
            m.value("load ρ", s.load(), "");
            m.value("utilisation (measured)", queue.utilisation(), "");
            m.value("W formula", formulas.timeInSystem(), "ns");
            m.value("W measured", queue.timeInSystem().mean(), "ns");
            m.value("Wq formula", formulas.waitInQueue(), "ns");
            m.value("Wq measured", queue.waitInQueue().mean(), "ns");
            m.value("events", queue.events(), "");
            return m;
        }

        /** The summary lines of a run. */
        public void describe(RunResult.Builder b) {
            b.summary(String.format(Locale.ROOT, "%,d jobs over %s of virtual time (%,d events).",
                    queue.timeInSystem().count(), SimTime.format(queue.now()), queue.events()));
            b.summary(String.format(Locale.ROOT, "time in system W: measured %s, formula 1/(μ−λ) = %s (%+.2f%%)",
                    SimTime.format(Math.round(queue.timeInSystem().mean())),
                    SimTime.format(Math.round(formulas.timeInSystem())),
                    100 * (queue.timeInSystem().mean() / formulas.timeInSystem() - 1)));
            b.summary(String.format(Locale.ROOT, "wait in queue Wq: measured %s, formula ρ/(μ−λ) = %s",
                    SimTime.format(Math.round(queue.waitInQueue().mean())),
                    SimTime.format(Math.round(formulas.waitInQueue()))));
            b.summary(String.format(Locale.ROOT, "p99 time in system %s",
                    SimTime.format(queue.timeInSystem().percentile(99))));
        }
    }

    private QueueRun() {
    }

    /**
     * Runs scenario {@code s} from {@code seed} with waiting line {@code line}.
     *
     * @param student the student's code when {@code line} is theirs, to locate what it throws; else empty
     */
    public static Outcome run(QueueScenario s, long seed, Discipline line, Optional<JavaStudentCode> student,
                              Tracer tracer) {
        Findings findings = new Findings();
        List<QueueCheck> checks = List.of(new FifoOrder(findings), new EveryJobDeparts(),
                new WorkConserving(findings));
        Checker<QueueCheck> checker = new Checker<>(checks, findings);
        Mm1Queue queue = new Mm1Queue(new RandomStreams(seed), s.meanInterarrival(), s.meanService(), s.jobs(), line,
                new CheckedObserver(checks), tracer);
        try {
            queue.run();
            checker.finish(queue.now());
        } catch (RuntimeException | StackOverflowError | AssertionError e) {
            if (student.isEmpty()) {
                throw e;
            }
            findings.add(StudentFault.of(e, student.get(), queue.now()));
        }
        return new Outcome(queue, Mm1Formulas.ofMeans(s.meanInterarrival(), s.meanService()), checker,
                tracer.log());
    }
}
