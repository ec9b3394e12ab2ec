package org.sysmodels.queue.run;

import java.util.List;
import java.util.Optional;
import org.sysmodels.core.grade.GradeCase;
import org.sysmodels.core.grade.GradeRow;
import org.sysmodels.core.grade.Grader;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.student.JavaStudentCode;
import org.sysmodels.core.student.StudentCodeFailure;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.queue.model.Discipline;
import org.sysmodels.queue.scenario.QueueScenario;

/** {@code sim queue --grade MyDiscipline.java}: the student's line through light, busy and extreme loads. */
public final class QueueGrade {

    private record Case(GradeCase gradeCase, QueueScenario scenario) {
    }

    private static final List<Case> CASES = List.of(
            new Case(new GradeCase("one-job", "a single job: the line is used once"), new QueueScenario(0.5, 10_000L,
                    1L)),
            new Case(new GradeCase("light", "ρ = 0.3: the line is mostly empty"), new QueueScenario(0.3, 10_000L,
                    100_000L)),
            new Case(new GradeCase("busy", "ρ = 0.9: the line holds dozens of jobs"), new QueueScenario(0.9, 10_000L,
                    200_000L)),
            new Case(new GradeCase("saturated", "ρ = 0.99: the line grows to hundreds of jobs"),
                    new QueueScenario(0.99, 10_000L, 300_000L)),
            new Case(new GradeCase("instant-service", "1 ns service: jobs rarely meet in the line"),
                    new QueueScenario(0.5, 1L, 100_000L)));

    private QueueGrade() {
    }

    public static RunResult grade(RunRequest request, JavaStudentCode code, RunResult.Builder b)
            throws UserInputException {
        List<GradeRow> rows = Grader.grade(CASES.stream().map(Case::gradeCase).toList(), code,
                request.timeLimit(), c -> {
                    QueueScenario s = CASES.stream().filter(k -> k.gradeCase() == c).findFirst().orElseThrow()
                            .scenario();
                    Discipline line;
                    try {
                        line = code.newInstance(Discipline.class);
                    } catch (StudentCodeFailure f) {
                        return RunResult.builder("queue", c.name(), request.seed()).finding(f.finding()).build();
                    }
                    QueueRun.Outcome o = QueueRun.run(s, request.seed(), line, Optional.of(code), Tracer.off());
                    return RunResult.builder("queue", c.name(), request.seed()).checks(o.checker().rules())
                            .findings(o.findings()).build();
                });
        return Grader.report(b, "sim queue --grade " + code.fileName() + " (seed " + request.seed() + ")", rows)
                .build();
    }
}
