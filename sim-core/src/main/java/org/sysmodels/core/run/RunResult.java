package org.sysmodels.core.run;

import java.util.ArrayList;
import java.util.List;
import org.sysmodels.core.metrics.Metric;
import org.sysmodels.core.trace.TraceLog;

/**
 * Everything a run produced: summary lines, figures, check findings, tables, plots (as data), traces and files. The
 * suite prints it, writes the traces, draws the plots and turns it into a report section.
 */
public record RunResult(
        String system,
        String title,
        long seed,
        List<String> summary,
        List<Metric> metrics,
        List<Finding> findings,
        List<Table> tables,
        List<Plot> plots,
        List<TraceLog> traces,
        List<Artifact> artifacts) {

    public RunResult {
        summary = List.copyOf(summary);
        metrics = List.copyOf(metrics);
        findings = List.copyOf(findings);
        tables = List.copyOf(tables);
        plots = List.copyOf(plots);
        traces = List.copyOf(traces);
        artifacts = List.copyOf(artifacts);
    }

    /** True when no finding is a {@link Severity#VIOLATION}. */
    public boolean passed() {
        return findings.stream().noneMatch(f -> f.severity() == Severity.VIOLATION);
    }

    public static Builder builder(String system, String title, long seed) {
        return new Builder(system, title, seed);
    }

    /** Collects a result piece by piece while a model runs. */
    public static final class Builder {
        private final String system;
        private final String title;
        private final long seed;
        private final List<String> summary = new ArrayList<>();
        private final List<Metric> metrics = new ArrayList<>();
        private final List<Finding> findings = new ArrayList<>();
        private final List<Table> tables = new ArrayList<>();
        private final List<Plot> plots = new ArrayList<>();
        private final List<TraceLog> traces = new ArrayList<>();
        private final List<Artifact> artifacts = new ArrayList<>();

        private Builder(String system, String title, long seed) {
            this.system = system;
            this.title = title;
            this.seed = seed;
        }

        public Builder summary(String line) {
            summary.add(line);
            return this;
        }

        public Builder metrics(List<Metric> m) {
            metrics.addAll(m);
            return this;
        }

        public Builder findings(List<Finding> f) {
            findings.addAll(f);
            return this;
        }

        public Builder table(Table t) {
            tables.add(t);
            return this;
        }

        public Builder plot(Plot p) {
            plots.add(p);
            return this;
        }

        /** Adds a trace unless it recorded nothing (a tracer that was off). */
        public Builder trace(TraceLog t) {
            if (!t.events().isEmpty() || t.dropped() > 0) {
                traces.add(t);
            }
            return this;
        }

        public Builder artifact(Artifact a) {
            artifacts.add(a);
            return this;
        }

        public RunResult build() {
            return new RunResult(system, title, seed, summary, metrics, findings, tables, plots, traces, artifacts);
        }
    }
}
