package org.sysmodels.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.run.RunResult;

class FindingsTest {

    static final Rule CID = new Rule("cid-unique", "a CID is unique among a queue's outstanding commands",
            "NVMe 1.4 §4.2");
    static final Rule SLOW = new Rule("slow", "be quick", "nowhere");

    @Test
    void keepsTheFirstOfEachRuleAndCountsAllOfThemOnce() {
        Findings f = new Findings(2);
        for (int i = 0; i < 5; i++) {
            f.violation(CID, "cid reused", 10 + i, "sq1");
        }
        f.warning(SLOW, "slow", 9, "");
        assertEquals(5, f.violations());
        assertEquals(5, f.count(CID));
        assertEquals(3, f.list().size());
        List<RuleTally> t = f.tallies();
        assertEquals(List.of("cid-unique", "slow"), t.stream().map(RuleTally::rule).toList());
        assertEquals(5, t.get(0).count());
        assertEquals(10, t.get(0).first().at());
        assertEquals("NVMe 1.4 §4.2", t.get(0).source());
        assertEquals(Severity.VIOLATION, t.get(0).worst());
        assertEquals(Severity.WARNING, t.get(1).worst());
    }

    /** A part's findings keep their rule, counts and source, each placed inside the part. */
    @Test
    void addingAPartsFindingsPlacesEachInsideThePart() {
        Findings cell = new Findings(2);
        for (int i = 0; i < 3; i++) {
            cell.violation(CID, "cid reused", 10 + i, "sq" + i);
        }
        cell.warning(SLOW, "slow", 9, "");
        Findings all = new Findings(2);
        all.violation(CID, "cid reused", 5, "sq9");
        all.addAll(cell, "cell 7: ");
        assertEquals(4, all.violations());
        assertEquals(4, all.count(CID));
        assertEquals(List.of("sq9", "cell 7: sq0", "cell 7: "), all.list().stream().map(Finding::where).toList());
        assertEquals("NVMe 1.4 §4.2", all.tallies().get(0).source());
    }

    @Test
    void aResultCountsWhatItsCollectorCounted() {
        Findings f = new Findings(1);
        for (int i = 0; i < 4; i++) {
            f.violation(CID, "cid reused", i, "sq1");
        }
        RunResult r = RunResult.builder("x", "t", 1).checks(List.of(CID, SLOW)).findings(f).build();
        assertFalse(r.passed());
        assertEquals(1, r.findings().size());
        assertEquals(4, r.tallies().get(0).count());
        assertEquals(List.of(SLOW), r.cleanChecks());
        Findings warnOnly = new Findings();
        warnOnly.warning(SLOW, "slow", 0, "");
        assertTrue(RunResult.builder("x", "t", 1).findings(warnOnly).build().passed());
    }

    @Test
    void mergingTwoCollectorsKeepsExactCounts() {
        Findings a = new Findings(1);
        Findings b = new Findings(1);
        for (int i = 0; i < 3; i++) {
            a.violation(CID, "a", i, "");
            b.violation(CID, "b", 100 + i, "");
        }
        b.info(SLOW, "i", 5, "");
        a.addAll(b);
        assertEquals(6, a.count(CID));
        assertEquals(6, a.violations());
        assertEquals(1, a.count(SLOW));
    }

    @Test
    void aCheckerRefusesTwoChecksForOneRule() {
        Check one = () -> CID;
        assertThrows(IllegalArgumentException.class, () -> new Checker<>(List.of(one, one), new Findings()));
        Checker<Check> c = new Checker<>(List.of(one, () -> SLOW), new Findings());
        assertEquals(List.of(CID, SLOW), c.rules());
    }

    @Test
    void aRuleNameIsOneWord() {
        assertThrows(IllegalArgumentException.class, () -> new Rule("two words", "s", "src"));
    }
}
