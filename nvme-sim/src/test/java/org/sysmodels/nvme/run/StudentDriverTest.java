package org.sysmodels.nvme.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.check.RuleTally;
import org.sysmodels.core.lab.BugLab;
import org.sysmodels.core.lab.LabVerdict;
import org.sysmodels.core.option.Options;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.student.CompileException;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.nvme.NvmeSystem;
import org.sysmodels.nvme.check.DoubleCompletion;
import org.sysmodels.nvme.check.PhaseTag;

/**
 * The student loop: the template compiles, runs under every check and goes through the grading battery; a driver
 * with a bug fails with the rule named; an exception is a finding on the student's line with the figures kept; a
 * file that does not compile is a usage error with its line. And every bug lab is caught by its own rule.
 */
class StudentDriverTest {

    private final NvmeSystem nvme = new NvmeSystem();

    @TempDir
    Path dir;

    private Path template() throws Exception {
        Path f = dir.resolve("MyDriver.java");
        Files.writeString(f, nvme.student().orElseThrow().template("driver").orElseThrow().text());
        return f;
    }

    private static Options ios(long n) {
        return Options.none().with(NvmeFlags.IOS, n);
    }

    @Test
    void theTemplateRunsCleanlyUnderEveryCheck() throws Exception {
        RunResult r = nvme.run(RunRequest.ofSeed(3).withStudent(template()).withOptions(ios(3_000)));
        assertTrue(r.passed(), r.findings().toString());
        assertEquals("driver: MyDriver.java", r.summary().get(0));
        assertTrue(r.summary().get(2).contains("3,000 I/Os (0 errors)"), r.summary().toString());
        assertEquals(nvme.rules().size(), r.cleanChecks().size(), "every rule held and clean");
    }

    @Test
    void theTemplatePassesTheBatteryExceptWhatItLeavesOut() throws Exception {
        RunResult grade = nvme.grade(RunRequest.ofSeed(2).withStudent(template()));
        List<List<String>> rows = grade.tables().get(0).rows();
        assertEquals(NvmeGrade.cases().size(), rows.size());
        for (List<String> row : rows) {
            boolean recovery = row.get(0).equals("stuck-command") || row.get(0).equals("controller-reset");
            assertEquals(recovery ? "FAIL" : "pass", row.get(2), row.toString());
            if (recovery) {
                assertTrue(row.get(3).contains("lost-request"), "the first finding names the rule: " + row);
            }
        }
        assertFalse(grade.passed(), "the template has no Abort and no reset yet");
    }

    @Test
    void aDriverThatNeverFlipsItsPhaseFailsThePhaseRule() throws Exception {
        Path f = dir.resolve("Stale.java");
        Files.writeString(f, nvme.student().orElseThrow().template("driver").orElseThrow().text()
                .replace("public class MyDriver", "public class Stale")
                .replace("r.phase ^= 1;", "// forgot the phase"));
        RunResult r = nvme.run(RunRequest.ofSeed(1).withStudent(f).withOptions(ios(2_000)));
        assertFalse(r.passed());
        RuleTally first = r.tallies().get(0);
        assertTrue(r.tallies().stream().anyMatch(t -> t.rule().equals(PhaseTag.RULE.name()) && t.violated()),
                r.tallies().toString());
        assertTrue(first.violated(), first.toString());
    }

    @Test
    void anExceptionInTheDriverIsAFindingOnItsLineAndTheRunKeepsItsFigures() throws Exception {
        Path f = dir.resolve("Thrower.java");
        Files.writeString(f, nvme.student().orElseThrow().template("driver").orElseThrow().text()
                .replace("public class MyDriver", "public class Thrower")
                .replace("        if (!live || io.full()) {", "        if (rq.id() == 5) {\n"
                        + "            throw new IllegalStateException(\"request 5\");\n"
                        + "        }\n        if (!live || io.full()) {"));
        RunResult r = nvme.run(RunRequest.ofSeed(1).withStudent(f).withOptions(ios(500)));
        assertFalse(r.passed());
        RuleTally t = r.tallies().stream().filter(x -> x.rule().equals("student-code")).findFirst().orElseThrow();
        assertTrue(t.first().where().startsWith("Thrower.java:"), t.first().where());
        assertTrue(t.first().where().endsWith("(Thrower.queueRq)"), t.first().where());
        assertTrue(r.summary().size() > 2, "the figures measured until the fault are kept");
    }

    @Test
    void aNullDereferenceSaysWhatLinuxPrintsAndDoesWhereItHappened() throws Exception {
        String template = nvme.student().orElseThrow().template("driver").orElseThrow().text()
                .replace("public class MyDriver", "public class Faulty");
        Path f = dir.resolve("Faulty.java");
        Files.writeString(f, template.replace("            reap(io);", "            if (io.cqHead == 7) {\n"
                + "                Ring none = null;\n                none.cqHead = 1;\n            }\n"
                + "            reap(io);"));
        Finding irq = studentFinding(nvme.run(RunRequest.ofSeed(1).withStudent(f).withOptions(ios(500))));
        assertTrue(irq.where().endsWith("(Faulty.interrupt)"), irq.where());
        assertTrue(irq.message().contains("; in the kernel: BUG: kernel NULL pointer dereference, address: "
                + "0000000000000000 / #PF: supervisor write access in kernel mode / #PF: error_code(0x0002) - "
                + "not-present page / Oops: 0002 [#1] SMP; Kernel panic - not syncing: Fatal exception in interrupt"),
                irq.message());

        Files.writeString(f, template.replace("        if (!live || io.full()) {", "        if (rq.id() == 5) {\n"
                + "            Ring none = null;\n            entries = none.size;\n        }\n"
                + "        if (!live || io.full()) {"));
        Finding task = studentFinding(nvme.run(RunRequest.ofSeed(1).withStudent(f).withOptions(ios(500))));
        assertTrue(task.where().endsWith("(Faulty.queueRq)"), task.where());
        assertTrue(task.message().endsWith("Oops: 0000 [#1] SMP; the task that ran the code is killed and the "
                + "kernel runs on, tainted 'D'"), task.message());
    }

    /**
     * Found as a student: a driver whose doorbell misses its queue completes nothing, and the summary said
     * "0 I/Os (0 errors) in -1.022 ms of virtual time" (the last completion, never set, minus the start).
     */
    @Test
    void aRunWithNoCompletionHasNoNegativeVirtualTime() throws Exception {
        Path f = dir.resolve("Silent.java");
        Files.writeString(f, nvme.student().orElseThrow().template("driver").orElseThrow().text()
                .replace("public class MyDriver", "public class Silent")
                .replace("Registers.sqTailDoorbell(IO_QID, cap.dstrd())", "Registers.sqTailDoorbell(7, cap.dstrd())"));
        RunResult r = nvme.run(RunRequest.ofSeed(1).withStudent(f).withOptions(ios(50)));
        assertFalse(r.passed());
        String line = r.summary().stream().filter(s -> s.contains("of virtual time")).findFirst().orElseThrow();
        assertTrue(line.startsWith("0 I/Os (0 errors) in 0 ns of virtual time"), line);
    }

    /**
     * Found as a student: blk.ready(0, 0) was reported as the student's own "/ by zero" and a kernel "divide error"
     * (the division was blk-mq's); it is now the refusal Linux's blk_mq_alloc_tag_set gives, on the student's line.
     */
    @Test
    void aTagSetWithoutQueuesIsRefusedAsSuch() throws Exception {
        Path f = dir.resolve("NoQueues.java");
        Files.writeString(f, nvme.student().orElseThrow().template("driver").orElseThrow().text()
                .replace("public class MyDriver", "public class NoQueues")
                .replace("blk.ready(1, entries - 1);", "blk.ready(0, 0);"));
        Finding fault = studentFinding(nvme.run(RunRequest.ofSeed(1).withStudent(f).withOptions(ios(50))));
        assertTrue(fault.where().startsWith("NoQueues.java:"), fault.where());
        assertTrue(fault.message().contains("BlockLayer.ready(0, 0): a tag set needs at least 1 hardware queue"),
                fault.message());
        assertFalse(fault.message().contains("divide error"), fault.message());
    }

    /**
     * Found as a student: a driver that gave up at once on CSTS.CFS (an AQA of 0) had its probe finding stamped
     * "at 5.000 s", the end of its shutdown wait, not when it reported the failure.
     */
    @Test
    void aProbeFailureIsReportedWhenTheDriverReportedIt() throws Exception {
        Path f = dir.resolve("NoAdmin.java");
        Files.writeString(f, nvme.student().orElseThrow().template("driver").orElseThrow().text()
                .replace("public class MyDriver", "public class NoAdmin")
                .replace("Aqa.of(ADMIN_ENTRIES, ADMIN_ENTRIES)", "0"));
        RunResult r = nvme.run(RunRequest.ofSeed(1).withStudent(f).withOptions(ios(50)));
        Finding probe = r.findings().stream().filter(x -> x.rule().equals("probe")).findFirst().orElseThrow();
        assertTrue(probe.message().contains("CSTS.CFS"), probe.message());
        assertEquals(0, probe.at(), "CSTS.CFS is set by the CC write at 0 ns and seen by the first poll");
    }

    /**
     * Found in review: a driver that completed a request twice was silently ignored by blk-mq. In Linux that is a
     * bug the kernel catches (nvme_find_rq's "genctr mismatch", or WARN_ON_ONCE on the freed request); here it is a
     * finding of the double-completion rule naming the driver, the request and its tag, and the run fails.
     */
    @Test
    void aDriverThatCompletesARequestTwiceIsCaughtNamingTheRequestAndTag() throws Exception {
        String template = nvme.student().orElseThrow().template("driver").orElseThrow().text()
                .replace("public class MyDriver", "public class Twice");
        String once = "blk.complete(rq, Cqe.status(dw3));";
        Path f = dir.resolve("Twice.java");
        Files.writeString(f, template.replace(once, once + " " + once));
        RunResult r = nvme.run(RunRequest.ofSeed(1).withStudent(f).withOptions(ios(200)));
        assertFalse(r.passed());
        Finding twice = r.findings().stream().filter(x -> x.rule().equals(DoubleCompletion.RULE.name()))
                .findFirst().orElseThrow(() -> new AssertionError(r.tallies().toString()));
        assertTrue(twice.where().startsWith("Twice, request "), twice.where());
        assertTrue(twice.message().matches("Twice completed request \\d+ \\(tag \\d+ on hctx 0\\) again after "
                + "blk-mq had ended it .*genctr mismatch.*"), twice.message());
        assertEquals(DoubleCompletion.RULE.source(), twice.source());
        List<String> randread = nvme.grade(RunRequest.ofSeed(2).withStudent(f)).tables().get(0).rows().get(0);
        assertEquals(List.of("randread", "FAIL"), List.of(randread.get(0), randread.get(2)), randread.toString());
        assertTrue(randread.get(3).contains(DoubleCompletion.RULE.name()), "graded down by the rule: " + randread);

        Files.writeString(f, template.replace(once, once + " if (rq.id() == 3) blk.complete(null, 0);"));
        RunResult none = nvme.run(RunRequest.ofSeed(1).withStudent(f).withOptions(ios(200)));
        Finding nil = none.findings().stream().filter(x -> x.rule().equals(DoubleCompletion.RULE.name()))
                .findFirst().orElseThrow(() -> new AssertionError(none.tallies().toString()));
        assertTrue(nil.message().startsWith("Twice called BlockLayer.complete with no request (null)"),
                nil.message());
        assertTrue(none.findings().stream().noneMatch(x -> x.rule().equals("student-code")),
                "not a NullPointerException in blk-mq: " + none.findings());
    }

    private static Finding studentFinding(RunResult r) {
        assertFalse(r.passed());
        return r.findings().stream().filter(x -> x.rule().equals("student-code")).findFirst().orElseThrow();
    }

    @Test
    void aFileThatDoesNotCompileIsAUsageErrorWithItsLine() throws Exception {
        Path f = dir.resolve("Typo.java");
        Files.writeString(f, "public class Typo implements org.sysmodels.nvme.host.block.BlockDriver {\n"
                + "  int x = ;\n}\n");
        CompileException e = assertThrows(CompileException.class,
                () -> nvme.run(RunRequest.ofSeed(1).withStudent(f)));
        assertTrue(e.getMessage().startsWith("Typo.java:2:"), e.getMessage());
    }

    @Test
    void everyLabIsCaughtByItsOwnRuleAndSaysWhatItChanged() throws Exception {
        for (BugLab lab : nvme.bugLabs()) {
            RunResult r = nvme.run(RunRequest.ofSeed(1).withBug(lab.name()));
            LabVerdict v = r.lab().orElseThrow();
            assertTrue(v.caught(), lab.name() + ": " + v.lines());
            assertEquals(lab.rule().name(), v.own().map(RuleTally::rule).orElseThrow(), lab.name());
            assertFalse(lab.overrides().isEmpty(), lab.name() + " declares what it sets up");
            assertFalse(r.passed());
        }
    }
}
