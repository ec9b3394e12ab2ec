package org.sysmodels.irp.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.metrics.TimeSeries;
import org.sysmodels.core.run.Plot;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.run.Series;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.irp.scenario.IrpScenario;
import org.sysmodels.irp.scenario.IrpScenarios;
import org.sysmodels.irp.scenario.WorkloadSection;

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

    @Test
    void requestsTheMachineIsStillWorkingOnWhenTheRunEndsAreInFlightNotLeaked() {
        // 4,096 slots on a 2-channel controller for 2 ms, then 10 us to drain: most are still queued at the end
        WorkloadSection deep = new WorkloadSection(64, 64, null, null, null, null, 2_000_000L, 10_000L, null);
        IrpRun.Outcome o = IrpRun.run(defaults().withWorkload(deep), IrpRun.Options.seed(1));
        assertTrue(o.clean(), () -> o.findings().list().toString());
        assertEquals(o.metrics().issued() - o.metrics().finished(), o.inFlight());
        assertTrue(o.inFlight() > 1_000, "in flight: " + o.inFlight());
        assertEquals(-1, o.cutOffAt(), "a run with a duration is not cut off");
        List<String> summary = IrpReport.describe(RunResult.builder("irp", "irp", 1), o).build().summary();
        assertTrue(summary.stream().anyMatch(l -> l.startsWith(String.format(java.util.Locale.ROOT,
                "ended at %s with %,d requests still in flight", SimTime.format(o.endedAt() - 10_000), o.inFlight()))),
                summary::toString);
    }

    @Test
    void theRunEndsNoEarlierThanItsLastRequestFinished() throws Exception {
        IrpRun.Outcome o = IrpRun.run(IrpScenarios.resolve("open-loop"), IrpRun.Options.seed(1));
        assertTrue(o.endedAt() >= o.metrics().lastFinish(), SimTime.format(o.endedAt()) + " < "
                + SimTime.format(o.metrics().lastFinish()));
    }

    private static Map<String, Long> cancelRows(IrpRun.Outcome o) {
        Map<String, Long> rows = new java.util.LinkedHashMap<>();
        for (List<String> r : o.metrics().cancelTable().rows()) {
            rows.put(r.get(0), Long.parseLong(r.get(1).replace(",", "")));
        }
        return rows;
    }

    @Test
    void closingAHandleCountsTheRequestsCleanupCancelledAndNoCancelRoutines() throws Exception {
        IrpRun.Outcome o = IrpRun.run(IrpScenarios.resolve("close-handle"), IrpRun.Options.seed(1));
        Map<String, Long> rows = cancelRows(o);
        assertTrue(rows.get("handle closes (IRP_MJ_CLEANUP)") > 0, rows::toString);
        assertEquals(0, rows.get("IoCancelIrp calls (each on one IRP)"), rows::toString);
        assertEquals(0, rows.get("... that found a cancel routine and called it"), rows::toString);
        long cancelled = rows.get("requests that finished STATUS_CANCELLED (whatever cancelled them)");
        assertTrue(cancelled > 0, rows::toString);
        assertEquals(o.metrics().finished() - o.metrics().failed() - o.metrics().succeeded(), cancelled,
                "every request that did not succeed or fail otherwise finished STATUS_CANCELLED");
    }

    @Test
    void aThreadExitCountsOneIoCancelIrpPerIrpAndTheRoutinesItCalled() throws Exception {
        IrpRun.Outcome o = IrpRun.run(IrpScenarios.resolve("thread-exit"), IrpRun.Options.seed(1));
        Map<String, Long> rows = cancelRows(o);
        long exits = rows.get("thread exits (IoCancelThreadIo)");
        long calls = rows.get("IoCancelIrp calls (each on one IRP)");
        assertTrue(calls > exits, rows::toString);
        assertTrue(calls >= o.metrics().cancelWon() + o.metrics().completionWon(), rows::toString);
        assertEquals(o.metrics().cancelWon(), rows.get("... of them after IoCancelIrp (cancel won)"));
        assertTrue(rows.get("... that found a cancel routine and called it") >= o.metrics().cancelWon(),
                rows::toString);
    }

    @Test
    void theReportPlotsEveryRequestFinishedAndEachMajorFunctionsLatency() {
        IrpRun.Outcome o = IrpRun.run(defaults(), IrpRun.Options.seed(1));
        List<Plot> plots = IrpReport.describe(RunResult.builder("irp", "irp", 1), o).build().plots();
        Plot finished = plots.stream().filter(p -> p.id().equals("finished-over-time")).findFirst().orElseThrow();
        assertEquals(o.metrics().finished(), Arrays.stream(finished.series().get(0).y()).sum());
        Plot latency = plots.stream().filter(p -> p.id().equals("latency-percentiles")).findFirst().orElseThrow();
        assertEquals(List.copyOf(o.metrics().latencyByMajor().keySet()),
                latency.series().stream().map(Series::name).toList());
    }

    @Test
    void quietStretchesAreZeroAndALongRunIsDrawnInWiderBuckets() {
        TimeSeries t = new TimeSeries("finished");
        t.add(0, 5);
        t.add(300_000, 7);
        Series s = IrpPlots.completions(t, 100_000).series().get(0);
        assertArrayEquals(new double[] {0, 0.1, 0.2, 0.3}, s.x(), 1e-9);
        assertArrayEquals(new double[] {5, 0, 0, 7}, s.y());
        t.add(1_000_000_000, 1);
        Series wide = IrpPlots.completions(t, 100_000).series().get(0);
        assertTrue(wide.x().length <= IrpPlots.MAX_POINTS, "points: " + wide.x().length);
        assertEquals(13, Arrays.stream(wide.y()).sum());
        assertEquals(12, wide.y()[0], "the first two buckets fall in the first wide one");
    }
}
