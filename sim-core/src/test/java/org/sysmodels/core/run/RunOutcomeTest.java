package org.sysmodels.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.lab.BugLab;

/** A run's outcome decides its exit status: only a run that is not a bug lab and broke no rule succeeds. */
class RunOutcomeTest {

    static final Rule DEPARTS = new Rule("every-job-departs", "every job that arrives departs", "M/M/1");
    static final Rule ORDER = new Rule("fifo", "jobs depart in arrival order", "M/M/1");
    static final BugLab LAB = new BugLab("fixed-ring", "a ring that overwrites its oldest job", DEPARTS,
            "grow the ring");

    private static RunResult run(BugLab lab, Findings f) {
        RunResult.Builder b = RunResult.builder("queue", "M/M/1", 1).checks(List.of(DEPARTS, ORDER)).findings(f);
        return (lab == null ? b : b.lab(lab)).build();
    }

    @Test
    void aLabWhoseCheckStayedQuietFailsTheRunNamingTheLabAndItsCheck() {
        RunResult r = run(LAB, new Findings());
        assertFalse(r.passed(), "a missed lab must not report success");
        RunOutcome.LabMissed missed = assertInstanceOf(RunOutcome.LabMissed.class, r.outcome());
        assertTrue(missed.failed());
        assertEquals("bug lab fixed-ring FAILED: the bug went uncaught; rule every-job-departs, the check that "
                + "should have caught it, reported nothing", missed.line());
    }

    @Test
    void aLabMissedByItsOwnCheckIsMissedEvenWhenOtherRulesFired() {
        Findings f = new Findings();
        f.violation(ORDER, "job 3 left before job 2", 5, "");
        RunOutcome o = run(LAB, f).outcome();
        assertInstanceOf(RunOutcome.LabMissed.class, o);
        assertTrue(o.line().endsWith("(the other rules above saw what followed from it)"), o.line());
    }

    @Test
    void aCaughtLabFailsItsRunAsItsCheckExpects() {
        Findings f = new Findings();
        f.violation(DEPARTS, "job 17 overwritten", 5, "");
        RunResult r = run(LAB, f);
        assertFalse(r.passed());
        assertInstanceOf(RunOutcome.LabCaught.class, r.outcome());
        assertEquals("the bug lab's check caught the bug", r.outcome().line());
    }

    @Test
    void anOrdinaryRunPassesUnlessARuleReportedAViolation() {
        Findings warned = new Findings();
        warned.warning(ORDER, "slow", 1, "");
        assertTrue(run(null, warned).passed());
        assertInstanceOf(RunOutcome.Held.class, run(null, warned).outcome());
        Findings broken = new Findings();
        broken.violation(ORDER, "job 3 left before job 2", 5, "");
        RunOutcome.ChecksFailed failed = assertInstanceOf(RunOutcome.ChecksFailed.class, run(null, broken).outcome());
        assertEquals(List.of("fifo"), failed.violated().stream().map(t -> t.rule()).toList());
    }
}
