package org.sysmodels.core.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.run.Table;

class GraderTest {

    static final Rule A = new Rule("a", "a holds", "src");
    static final Rule B = new Rule("b", "b holds", "src");

    @Test
    void oneRowPerCaseWithCleanRulesAndTheFirstFinding() throws Exception {
        List<GradeCase> cases = List.of(new GradeCase("easy", "nothing happens"),
                new GradeCase("hard", "b breaks"));
        List<GradeRow> rows = Grader.grade(cases, null, Duration.ofSeconds(10), c -> {
            Findings f = new Findings();
            if (c.name().equals("hard")) {
                f.violation(B, "b broke", 7, "here");
            }
            return RunResult.builder("x", "t", 1).checks(List.of(A, B)).findings(f).build();
        });
        assertTrue(rows.get(0).passed());
        assertEquals(2, rows.get(0).clean());
        assertFalse(rows.get(1).passed());
        assertEquals(1, rows.get(1).clean());
        assertTrue(rows.get(1).firstFinding().contains("b broke"));
        Table t = Grader.table("grade", rows);
        assertEquals(List.of("hard", "1/2", "FAIL", rows.get(1).firstFinding()), t.rows().get(1));
        assertEquals("1 of 2 cases passed", Grader.summary(rows));
    }

    /**
     * A finding of a rule the case does not hold (the student-code rule: their code threw, and the run ended with what
     * it had) is counted in the row, so a failed row never reads "3/3 FAIL", all rules clean yet failed.
     */
    @Test
    void aFindingOfARuleOutsideTheChecksCountsInTheRow() throws Exception {
        Rule studentCode = new Rule("student-code", "your code returns", "src");
        List<GradeRow> rows = Grader.grade(List.of(new GradeCase("light", "jobs arrive")), null,
                Duration.ofSeconds(10), c -> {
                    Findings f = new Findings();
                    f.violation(studentCode, "your code threw IllegalStateException", 7, "Thr.java:44");
                    return RunResult.builder("x", "t", 1).checks(List.of(A, B)).findings(f).build();
                });
        assertFalse(rows.get(0).passed());
        assertEquals(List.of("light", "2/3", "FAIL", rows.get(0).firstFinding()),
                Grader.table("grade", rows).rows().get(0));
    }

    @Test
    void aCaseThatDoesNotReturnStopsTheBatteryInsteadOfCostingALimitPerCase() throws Exception {
        List<GradeCase> cases = List.of(new GradeCase("first", "returns"), new GradeCase("loop", "never returns"),
                new GradeCase("third", "would return"), new GradeCase("fourth", "would return"));
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        try {
            List<GradeRow> rows = Grader.grade(cases, null, Duration.ofMillis(200), c -> {
                ran.add(c.name());
                if (c.name().equals("loop")) {
                    release.await();    // the student's endless loop, released when the test ends
                }
                return RunResult.builder("x", "t", 1).checks(List.of(A)).findings(new Findings()).build();
            });
            assertEquals(List.of("first", "loop"), ran);
            assertTrue(rows.get(0).passed());
            assertTrue(rows.get(1).timedOut(), rows.get(1).toString());
            assertFalse(rows.get(1).passed());
            for (GradeRow r : rows.subList(2, 4)) {
                assertFalse(r.passed());
                assertEquals("not run: case loop did not return within the time limit, and its thread is still "
                        + "running; fix that case first", r.firstFinding());
            }
            assertEquals("1 of 4 cases passed", Grader.summary(rows));
        } finally {
            release.countDown();
        }
    }
}
