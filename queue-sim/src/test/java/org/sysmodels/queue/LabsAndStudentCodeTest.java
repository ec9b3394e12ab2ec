package org.sysmodels.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.core.check.RuleTally;
import org.sysmodels.core.lab.BugLab;
import org.sysmodels.core.lab.LabVerdict;
import org.sysmodels.core.option.Options;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.student.CompileException;
import org.sysmodels.core.system.RunRequest;

/** Every bug lab is caught by its own rule; a student's line runs, is graded, and its faults name their line. */
class LabsAndStudentCodeTest {

    private final QueueSystem queue = new QueueSystem();

    @TempDir
    Path dir;

    @Test
    void everyLabIsCaughtByItsOwnRuleFirst() throws Exception {
        assertFalse(queue.bugLabs().isEmpty(), "no bug labs: the loop below would pass without running one");
        for (BugLab lab : queue.bugLabs()) {
            RunResult r = queue.run(RunRequest.ofSeed(1).withBug(lab.name())
                    .withOptions(Options.none().with(QueueSystem.JOBS, 20_000L)));
            LabVerdict v = r.lab().orElseThrow();
            assertTrue(v.caught(), lab.name() + ": " + v.lines());
            assertFalse(r.passed());
            assertEquals(lab.rule().name(), v.own().map(RuleTally::rule).orElseThrow());
        }
    }

    @Test
    void theReferenceRunIsClean() throws Exception {
        RunResult r = queue.run(RunRequest.ofSeed(1).withOptions(Options.none().with(QueueSystem.JOBS, 20_000L)));
        assertTrue(r.passed());
        assertEquals(3, r.cleanChecks().size());
    }

    @Test
    void theTemplateCompilesRunsAndPassesTheWholeBattery() throws Exception {
        Path f = dir.resolve("MyDiscipline.java");
        Files.writeString(f, queue.student().orElseThrow().templates().get(0).text());
        RunResult run = queue.run(RunRequest.ofSeed(3).withStudent(f)
                .withOptions(Options.none().with(QueueSystem.JOBS, 20_000L)));
        assertTrue(run.passed(), run.findings().toString());
        RunResult grade = queue.grade(RunRequest.ofSeed(3).withStudent(f));
        assertTrue(grade.passed(), grade.tables().toString());
        assertEquals(5, grade.tables().get(0).rows().size());
    }

    @Test
    void aStudentsStackFailsTheFifoRuleInTheGrade() throws Exception {
        Path f = dir.resolve("Stack.java");
        Files.writeString(f, """
                import org.sysmodels.queue.model.Discipline;
                public class Stack implements Discipline {
                    private final java.util.ArrayDeque<Long> d = new java.util.ArrayDeque<>();
                    public void add(long t) { d.push(t); }
                    public long take() { return d.pop(); }
                    public boolean isEmpty() { return d.isEmpty(); }
                }
                """);
        RunResult grade = queue.grade(RunRequest.ofSeed(1).withStudent(f));
        assertFalse(grade.passed());
        String table = grade.tables().get(0).rows().toString();
        assertTrue(table.contains("fifo"), table);
        assertTrue(table.contains("one-job, -, pass") || table.contains("one-job, 3/3, pass"), table);
    }

    @Test
    void anExceptionInTheStudentsLineIsAFindingOnTheirLineAndTheRunKeepsItsFigures() throws Exception {
        Path f = dir.resolve("Broken.java");
        Files.writeString(f, """
                import org.sysmodels.queue.model.Discipline;
                public class Broken implements Discipline {
                    private final long[] a = new long[4];
                    private int head, tail;
                    public void add(long t) { a[tail++] = t; }
                    public long take() { return a[head++]; }
                    public boolean isEmpty() { return head == tail; }
                }
                """);
        RunResult r = queue.run(RunRequest.ofSeed(1).withStudent(f)
                .withOptions(Options.none().with(QueueSystem.LOAD, 0.9)));
        assertFalse(r.passed());
        RuleTally t = r.tallies().get(0);
        assertEquals("student-code", t.rule());
        assertEquals("Broken.java:5 (Broken.add)", t.first().where());
        assertFalse(r.summary().isEmpty(), "the figures measured until the fault are kept");
    }

    @Test
    void aFileThatDoesNotCompileIsAUsageErrorWithItsLine() throws Exception {
        Path f = dir.resolve("Typo.java");
        Files.writeString(f, "public class Typo implements org.sysmodels.queue.model.Discipline {\n int x = ;\n}\n");
        CompileException e = assertThrows(CompileException.class,
                () -> queue.run(RunRequest.ofSeed(1).withStudent(f)));
        assertTrue(e.getMessage().startsWith("Typo.java:2:"), e.getMessage());
    }
}
