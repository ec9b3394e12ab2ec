package org.sysmodels.nvme.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sysmodels.core.metrics.LatencyHistogram;
import org.sysmodels.core.metrics.LatencySummary;
import org.sysmodels.core.metrics.Metric;
import org.sysmodels.core.run.PercentilePlot;
import org.sysmodels.core.run.Plot;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.run.Table;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.nvme.host.workload.FioJob;
import org.sysmodels.nvme.model.status.StatusCode;
import org.sysmodels.nvme.scenario.HostSpec;

/** Turns a finished run into summary lines, a latency table and metrics, in fio's vocabulary. */
public final class Report {

    private Report() {
    }

    public static void describe(Outcome o, RunResult.Builder b) {
        Simulation sim = o.sim();
        FioJob job = sim.workload.job();
        b.summary(String.format(Locale.ROOT, "fio %s on %d I/O queue pair(s), %d CPU(s); device: %d units, %s",
                job.describe(), sim.blk.hardwareQueues(), sim.cpus(), sim.scenario.device().units(),
                sim.scenario.host().completion() == HostSpec.Completion.POLL ? "polled completions"
                        : "MSI-X interrupts"));
        if (sim.workload.failure() != null) {
            b.summary("the workload stopped: " + sim.workload.failure());
        }
        b.summary(String.format(Locale.ROOT, "%,d I/Os (%,d errors) in %s of virtual time: %,.0f IOPS, %.1f MiB/s",
                sim.workload.completed(), sim.workload.errors(), SimTime.format(sim.workload.elapsed()), o.iops(),
                o.bandwidth() / (1 << 20)));
        LatencySummary l = o.latency();
        b.summary(String.format(Locale.ROOT, "clat: mean %s, p50 %s, p99 %s, p99.9 %s, max %s",
                SimTime.format(Math.round(l.mean())), SimTime.format(l.p50()), SimTime.format(l.p99()),
                SimTime.format(l.p999()), SimTime.format(l.max())));
        b.summary(String.format(Locale.ROOT, "device units busy %.0f%% of the time; %.3f SQ doorbell writes per command "
                        + "(doorbell batching); %d controller resets, %d aborts",
                100 * sim.controller.unitUtilisation(), sim.workload.completed() == 0 ? 0
                        : sim.controller.sqTailDoorbellWrites() / (double) sim.workload.completed(),
                sim.controller.resets(), sim.controller.abortsReceived()));
        if (sim.controller.errorLogEntries() > 0) {
            b.summary(deviceErrors(sim));
        }
        b.summary(String.format(Locale.ROOT, "checks: %,d commands fetched, %,d completions posted, %,d reads verified "
                        + "against the data last written, %d violations; %,d events in %.0f ms of wall-clock time",
                sim.controller.commandsFetched(), sim.controller.completionsPosted(), sim.readsVerified(),
                o.findings().violations(),
                sim.events(), o.wallNanos() / 1e6));
        b.table(latencyTable(sim));
        b.plot(latencyPlot(sim));
        if (job.numjobs() > 1) {
            b.table(perJob(sim));
        }
        b.metrics(metrics(o));
    }

    /**
     * The commands the controller completed with an error status, by status code: injected media errors show here
     * (each also has an entry in the Error Information log page, NVMe 1.4 §5.14.1.1); then the invalid doorbell writes
     * it ignored, which have entries there too but are no command's status (§5.2.1).
     */
    static String deviceErrors(Simulation sim) {
        StringBuilder by = new StringBuilder();
        for (StatusCode code : StatusCode.values()) {
            long n = sim.controller.errors(code);
            if (n > 0) {
                by.append(by.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%,d %s", n, code.title()));
            }
        }
        long doorbells = sim.controller.invalidDoorbellWrites();
        long commands = sim.controller.errorLogEntries() - doorbells;
        String what = String.format(Locale.ROOT, "%,d commands completed with an error status%s", commands,
                by.isEmpty() ? "" : " (" + by + ")");
        if (doorbells > 0) {
            what = (commands > 0 ? what + ", " : "") + String.format(Locale.ROOT, "%,d invalid doorbell writes "
                    + "ignored", doorbells);
        }
        return "device errors: " + what + "; each has an Error Information log entry";
    }

    /** Mean latency per job: with WRR arbitration, the priority of each job's queue shows here. */
    static Table perJob(Simulation sim) {
        List<List<String>> rows = new ArrayList<>();
        HostSpec h = sim.scenario.host();
        for (int j = 0; j < sim.workload.job().numjobs(); j++) {
            int cpu = sim.workload.cpuOf(j);
            int qid = sim.blk.hardwareQueues() == 0 ? 0 : sim.blk.hctxOf(cpu) + 1;
            String prio = h.arbitration() == HostSpec.Arbitration.WRR
                    ? (h.priorities().isEmpty() ? "medium" : h.priorities().get(Math.min(qid, h.priorities().size()) - 1)
                    .name().toLowerCase(Locale.ROOT)) : "round robin";
            rows.add(List.of(Integer.toString(j), Integer.toString(cpu), Integer.toString(qid), prio,
                    String.format(Locale.ROOT, "%,d", sim.workload.completedBy(j)),
                    SimTime.format(Math.round(sim.workload.meanLatency(j)))));
        }
        return new Table("Per job", List.of("job", "CPU", "I/O queue", "queue priority", "I/Os", "mean clat"), rows);
    }

    static Table latencyTable(Simulation sim) {
        List<List<String>> rows = new ArrayList<>();
        add(rows, "read", sim.workload.results().readLatency.summary());
        add(rows, "write", sim.workload.results().writeLatency.summary());
        add(rows, "flush/discard", sim.workload.results().otherLatency.summary());
        add(rows, "all", sim.workload.latency().summary());
        return new Table("Completion latency (fio clat)", List.of("op", "I/Os", "mean", "p50", "p90", "p99",
                "p99.9", "max"), rows);
    }

    /** The completion latency curves of reads, writes and flushes/discards (fio's clat percentiles, drawn). */
    static Plot latencyPlot(Simulation sim) {
        Map<String, LatencyHistogram> curves = new LinkedHashMap<>();
        curves.put("read", sim.workload.results().readLatency);
        curves.put("write", sim.workload.results().writeLatency);
        curves.put("flush/discard", sim.workload.results().otherLatency);
        return PercentilePlot.of("clat-percentiles", "Completion latency (fio clat)", curves);
    }

    private static void add(List<List<String>> rows, String op, LatencySummary s) {
        if (s.count() == 0) {
            return;
        }
        rows.add(List.of(op, String.format(Locale.ROOT, "%,d", s.count()), SimTime.format(Math.round(s.mean())),
                SimTime.format(s.p50()), SimTime.format(s.p90()), SimTime.format(s.p99()), SimTime.format(s.p999()),
                SimTime.format(s.max())));
    }

    static List<Metric> metrics(Outcome o) {
        List<Metric> m = new ArrayList<>(o.sim().metrics().snapshot());
        m.add(new Metric.Latency("clat", o.latency()));
        return m;
    }
}
