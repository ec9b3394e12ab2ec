package org.sysmodels.presence.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.run.Plot;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.presence.PresenceSystem;

class ReportPlotTest {

    @Test
    void aRunsReportDrawsTheUpdateLatencyCurve() throws Exception {
        RunResult r = new PresenceSystem().run(RunRequest.ofSeed(1).withScenario("demo"));
        Plot p = r.plots().stream().filter(x -> x.id().equals("update-latency")).findFirst().orElseThrow();
        double[] y = p.series().get(0).y();
        assertTrue(y[0] > 0, "p50 is a delay: " + y[0]);
        for (int i = 1; i < y.length; i++) {
            assertTrue(y[i] >= y[i - 1], "a percentile curve does not fall: " + java.util.Arrays.toString(y));
        }
        assertEquals(y.length, p.series().get(0).x().length);
    }
}
