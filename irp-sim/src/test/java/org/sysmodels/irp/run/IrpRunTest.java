package org.sysmodels.irp.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.irp.scenario.IrpScenario;

class IrpRunTest {

    static IrpScenario defaults() {
        return new IrpScenario(null, null, null, null, null, null, null);
    }

    @Test
    void defaultScenarioRunsCleanAndFinishesEveryRequest() {
        IrpRun.Outcome o = IrpRun.run(defaults(), IrpRun.Options.seed(1));
        assertTrue(o.clean(), () -> o.findings().list() + " " + o.thrown());
        assertEquals(20_000, o.metrics().finished());
        assertTrue(o.metrics().pended() > 10_000, "reads and writes pend: " + o.metrics().pended());
        assertEquals(0, o.kernel().io().lookaside().outstanding().size());
    }

    @Test
    void theSummarysRateIsTheOneItsTimesGive() {
        IrpRun.Outcome o = IrpRun.run(defaults(), IrpRun.Options.seed(1));
        String line = IrpReport.describe(RunResult.builder("irp", "irp", 1), o).build().summary().stream()
                .filter(l -> l.startsWith("finished ")).findFirst().orElseThrow();
        IrpMetrics m = o.metrics();
        assertTrue(m.lastFinish() < o.endedAt(), "the drain runs on after the last request");
        assertTrue(line.contains("(the last at " + SimTime.format(m.lastFinish()) + ": "
                + IrpReport.human(m.irpsPerSecond()) + " IRPs/s)"), line);
    }
}
