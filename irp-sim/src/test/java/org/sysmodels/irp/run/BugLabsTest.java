package org.sysmodels.irp.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sysmodels.irp.scenario.IrpLabs;
import org.sysmodels.irp.scenario.IrpScenarios;
import org.sysmodels.irp.scenario.LabSetup;

/**
 * Every bug lab is caught by its own rule, first, with the machine stopped cleanly (no Java exception); and its clean
 * twin, the same scenario with the reference driver in the buggy one's place, holds every rule under several seeds.
 */
class BugLabsTest {

    static Stream<LabSetup> labs() {
        return IrpLabs.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void eachLabIsCaughtByItsRule(LabSetup lab) {
        IrpRun.Outcome o = IrpRun.run(lab.scenario(IrpScenarios.labBase()), IrpRun.Options.seed(7)
                .withReplacements(lab.replacements(), lab.otherStack()));
        assertNull(o.thrown(), () -> "a lab must stop the machine, not throw: " + o.thrown());
        assertNotNull(o.findings().list().isEmpty() ? null : o.findings().list().get(0),
                () -> lab.lab().name() + " was not caught");
        assertEquals(lab.lab().rule().name(), o.findings().list().get(0).rule(),
                () -> "first finding: " + o.findings().list().get(0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void theSameScenarioWithTheReferenceDriverHoldsEveryRule(LabSetup lab) {
        for (long seed = 1; seed <= 3; seed++) {
            IrpRun.Outcome o = IrpRun.run(lab.scenario(IrpScenarios.labBase()), IrpRun.Options.seed(seed)
                    .withReplacements(Map.of(), lab.otherStack()));
            assertNull(o.thrown(), () -> "the reference threw: " + o.thrown());
            long s = seed;
            assertTrue(o.findings().list().isEmpty(),
                    () -> lab.lab().name() + " without its bug, seed " + s + ": " + o.findings().list().get(0));
        }
    }

    @Test
    void aCancelThatMeetsACompletedIrpStopsInTheIoManager() {
        LabSetup lab = IrpLabs.ALL.stream().filter(l -> l.lab().name().equals("sets-cancel-routine-after-completing"))
                .findFirst().orElseThrow();
        IrpRun.Outcome o = IrpRun.run(lab.scenario(IrpScenarios.labBase()), IrpRun.Options.seed(1)
                .withReplacements(lab.replacements(), lab.otherStack()));
        String where = o.findings().list().get(0).where();
        assertTrue(where.startsWith("the I/O manager on CPU "), where);
    }
}
