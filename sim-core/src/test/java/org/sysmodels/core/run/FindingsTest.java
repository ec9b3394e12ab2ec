package org.sysmodels.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FindingsTest {

    @Test
    void keepsTheFirstOfEachRuleAndCountsTheRest() {
        Findings f = new Findings(2);
        for (int i = 0; i < 5; i++) {
            f.violation("cid-unique", "cid reused", i, "sq1");
        }
        f.warning("slow", "slow", 9, "");
        assertEquals(5, f.violations());
        assertEquals(5, f.count("cid-unique"));
        List<Finding> list = f.list();
        assertEquals(4, list.size());
        assertEquals("3 more findings of this rule not listed", list.get(3).message());
        RunResult r = RunResult.builder("x", "t", 1).findings(list).build();
        assertFalse(r.passed());
        assertTrue(RunResult.builder("x", "t", 1).findings(List.of(list.get(2))).build().passed());
    }
}
