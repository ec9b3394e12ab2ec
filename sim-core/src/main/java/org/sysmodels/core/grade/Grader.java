package org.sysmodels.core.grade;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.check.RuleTally;
import org.sysmodels.core.check.Severity;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.run.Table;
import org.sysmodels.core.student.JavaStudentCode;
import org.sysmodels.core.student.StudentCodeFailure;
import org.sysmodels.core.student.StudentFault;
import org.sysmodels.core.student.TimeLimit;

/**
 * Runs a student's code through a fixed battery of cases and prints one row per case: rules clean out of rules held,
 * and the first finding of a failure. An autograder an instructor can hand out: the same file and seed always give
 * the same table.
 */
public final class Grader {

    /** One case's run. */
    @FunctionalInterface
    public interface CaseRun {
        RunResult run(GradeCase c) throws Exception;
    }

    private Grader() {
    }

    /**
     * Runs every case, each under {@code limit}; a case whose code throws fails that row and the battery goes on. A
     * case that does not return within the limit fails its row and the cases after it are not run: Java cannot stop
     * the thread left looping, which would slow every later case, and a battery of n cases would otherwise take n
     * limits (nine minutes for irp's at the default 60 s) to report one loop n times.
     *
     * @param code the student's Java code (to locate faults), or null for a binary
     * @throws UserInputException when a case cannot even start (bad input); the first such error stops the battery
     */
    public static List<GradeRow> grade(List<GradeCase> cases, JavaStudentCode code, Duration limit, CaseRun run)
            throws UserInputException {
        List<GradeRow> rows = new ArrayList<>();
        GradeCase hung = null;
        for (GradeCase c : cases) {
            if (hung != null) {
                rows.add(new GradeRow(c, 0, 0, false, "not run: case " + hung.name() + " did not return within the "
                        + "time limit, and its thread is still running; fix that case first"));
                continue;
            }
            GradeRow row = one(c, code, limit, run);
            rows.add(row);
            if (row.timedOut()) {
                hung = c;
            }
        }
        return rows;
    }

    private static GradeRow one(GradeCase c, JavaStudentCode code, Duration limit, CaseRun run)
            throws UserInputException {
        try {
            RunResult r = code == null ? TimeLimit.run(limit, () -> run.run(c))
                    : TimeLimit.run(limit, code, () -> run.run(c));
            long broken = r.tallies().stream().filter(RuleTally::violated).count();
            long brokenHeld = r.tallies().stream().filter(RuleTally::violated)
                    .filter(t -> r.checks().stream().anyMatch(rule -> rule.name().equals(t.rule()))).count();
            // a violated rule the case does not hold (student-code: their code threw) counts too, so a failed row
            // never reads "3/3 FAIL"
            int rules = (int) (r.checks().size() + broken - brokenHeld);
            int clean = (int) (r.checks().size() - brokenHeld);
            String first = r.tallies().stream().filter(RuleTally::violated).findFirst()
                    .map(t -> t.first().toString()).orElse("");
            return new GradeRow(c, rules, clean, broken == 0, first);
        } catch (StudentCodeFailure f) {
            return new GradeRow(c, 0, 0, false, f.finding().toString(),
                    f.finding().rule().equals(StudentFault.TIME_LIMIT.name()));
        } catch (UserInputException e) {
            throw e;
        } catch (Exception e) {
            return new GradeRow(c, 0, 0, false, "internal error (a bug in sysmodels, please report it): " + e);
        }
    }

    /** The table {@code sim <system> --grade} prints. */
    public static Table table(String title, List<GradeRow> rows) {
        List<List<String>> out = new ArrayList<>();
        for (GradeRow r : rows) {
            out.add(List.of(r.gradeCase().name(), r.rules() == 0 ? "-" : r.clean() + "/" + r.rules(),
                    r.passed() ? "pass" : "FAIL", r.passed() ? r.gradeCase().what() : r.firstFinding()));
        }
        return new Table(title, List.of("case", "rules clean", "verdict", "what it tests / first finding"), out);
    }

    /** The rule a grading battery holds: a failed case is a violation of it (exit status 1). */
    public static final Rule RULE = new Rule("grade", "every case of the grading battery passes with every rule "
            + "clean", "the system's grading battery (sim <system> --grade)");

    /** Adds the summary line, the table and one finding per failed case to a result. */
    public static RunResult.Builder report(RunResult.Builder b, String title, List<GradeRow> rows) {
        b.summary(title + ": " + summary(rows));
        b.table(table(title, rows));
        b.checks(List.of(RULE));
        for (GradeRow r : rows) {
            if (!r.passed()) {
                b.finding(new Finding(Severity.VIOLATION, RULE, "case " + r.gradeCase().name() + " failed: "
                        + r.firstFinding(), 0, r.gradeCase().name()));
            }
        }
        return b;
    }

    /** "7 of 9 cases passed". */
    public static String summary(List<GradeRow> rows) {
        long passed = rows.stream().filter(GradeRow::passed).count();
        return String.format(Locale.ROOT, "%d of %d cases passed", passed, rows.size());
    }
}
