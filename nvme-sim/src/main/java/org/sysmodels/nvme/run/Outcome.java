package org.sysmodels.nvme.run;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.metrics.LatencySummary;

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

    public Findings findings() {
        return sim.findings();
    }

    /** True when no rule reported a violation. */
    public boolean passed() {
        return findings().violations() == 0;
    }

    /** Findings of {@code rule} (violations and information alike). */
    public long count(Rule rule) {
        return findings().count(rule);
    }
}
