package org.sysmodels.nvme.scenario;

import java.util.List;
import org.sysmodels.core.metrics.LatencySummary;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.check.Severity;

/** What a finished {@link Simulation} produced: throughput, latency, findings, cost. */
public record Outcome(Simulation sim, long wallNanos) {

    public double iops() {
        return sim.workload.iops();
    }

    public double bandwidth() {
        return sim.workload.bandwidth();
    }

    public LatencySummary latency() {
        return sim.workload.latency().summary();
    }

    public List<Finding> findings() {
        return sim.findings();
    }

    public boolean passed() {
        return findings().stream().noneMatch(f -> f.severity() == Severity.VIOLATION);
    }

    public long violations(String rule) {
        return findings().stream().filter(f -> f.severity() == Severity.VIOLATION && f.rule().equals(rule)).count();
    }
}
