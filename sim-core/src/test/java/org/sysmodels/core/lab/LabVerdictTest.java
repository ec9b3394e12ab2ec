package org.sysmodels.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;

class LabVerdictTest {

    static final Rule PHASE = new Rule("phase", "the host reads an entry only when its phase tag matches",
            "NVMe 1.4 §4.6");
    static final Rule TIMEOUT = new Rule("timeout", "every command completes", "Linux nvme_timeout");
    static final BugLab LAB = new BugLab("phase-not-flipped", "the CQ reader never flips its phase",
            PHASE, "flip the expected phase when the head wraps", List.of("--iodepth 8"));

    @Test
    void aCaughtLabStartsWithItsOwnRuleAndCountsConsequencesOnce() {
        Findings f = new Findings(1);
        f.violation(TIMEOUT, "command 3 timed out", 5, "q1");
        f.violation(TIMEOUT, "command 4 timed out", 6, "q1");
        f.violation(PHASE, "stale entry read as new", 9, "CQ 1");
        LabVerdict v = LabVerdict.judge(LAB, f.tallies());
        assertTrue(v.caught());
        List<String> lines = v.lines();
        assertTrue(lines.get(0).startsWith("bug lab phase-not-flipped"));
        assertTrue(lines.get(1).contains("--iodepth 8"));
        assertTrue(lines.get(2).startsWith("  CAUGHT by rule phase at"), lines.get(2));
        assertTrue(lines.get(2).contains("in CQ 1"));
        assertEquals(1, v.consequences().size());
        assertEquals(2, v.consequences().get(0).count());
        assertTrue(String.join("\n", lines).contains("timeout: 2 violations"));
    }

    @Test
    void aLabWhoseRuleStayedQuietIsMissed() {
        Findings f = new Findings();
        f.info(PHASE, "just information", 1, "");
        LabVerdict v = LabVerdict.judge(LAB, f.tallies());
        assertFalse(v.caught());
        assertEquals("  MISSED: the bug went uncaught: rule phase, which should have caught it, reported nothing "
                + "on this run", v.lines().get(2));
    }
}
