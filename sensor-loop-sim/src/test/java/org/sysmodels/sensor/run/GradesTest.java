package org.sysmodels.sensor.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.sensor.scenario.Scenario;

class GradesTest {

    /** A grade whose firmware never got to a fault (its fault-free case hung) has no coverage to read a SIL from. */
    @Test
    void noInjectedFaultClaimsNoLevelAndNoSil() throws Exception {
        RunSetup setup = RunSetup.of(Scenario.defaults(), "grade", 1);
        String line = Grades.summary(List.of(), setup).get(0);
        assertFalse(line.contains("SIL 1") || line.contains("none (< 60 %)"), line);
        assertTrue(line.contains("no SIL can be read (no fault was injected)"), line);
        assertEquals("not measured (no fault had a dangerous effect)", Iec61508.dcLevel(Double.NaN));
    }
}
