package org.sysmodels.core.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.check.RuleTally;
import org.sysmodels.core.check.Severity;
import org.sysmodels.core.lab.BugLab;
import org.sysmodels.core.lab.LabVerdict;
import org.sysmodels.core.metrics.Metric;
import org.sysmodels.core.trace.TraceLog;

/**
 * Everything a run produced: summary lines, figures, the rules held and what they found (kept findings and one tally
 * per rule), a bug lab's verdict, tables, plots (as data), traces and files. The suite prints it, writes the traces,
 * draws the plots and turns it into a report section.
 */
public record RunResult(
        String system,
        String title,
        long seed,
        List<String> summary,
        List<Metric> metrics,
        List<Rule> checks,
        List<Finding> findings,
        List<RuleTally> tallies,
        Optional<LabVerdict> lab,
        List<Table> tables,
        List<Plot> plots,
        List<TraceLog> traces,
        List<Artifact> artifacts) {

    public RunResult {
        summary = List.copyOf(summary);
        metrics = List.copyOf(metrics);
        checks = List.copyOf(checks);
        findings = List.copyOf(findings);
        tallies = List.copyOf(tallies);
        tables = List.copyOf(tables);
        plots = List.copyOf(plots);
        traces = List.copyOf(traces);
        artifacts = List.copyOf(artifacts);
    }

    /** How the run ended: every rule held, a check failed, or a bug lab caught or missed its bug. */
    public RunOutcome outcome() {
        return RunOutcome.of(lab, tallies);
    }

    /**
     * True when the run may report success: no rule reported a {@link Severity#VIOLATION}, and it was not a bug lab
     * (whose run fails whether its check caught the bug or, worse, missed it; see {@link RunOutcome}).
     */
    public boolean passed() {
        return !outcome().failed();
    }

    /** The rules held in the run that reported no violation. */
    public List<Rule> cleanChecks() {
        return checks.stream().filter(r -> tallies.stream().noneMatch(t -> t.violated()
                && t.rule().equals(r.name()))).toList();
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
        private final List<Rule> checks = new ArrayList<>();
        private final Findings findings = new Findings(Integer.MAX_VALUE);
        private final List<Finding> kept = new ArrayList<>();
        private final List<Table> tables = new ArrayList<>();
        private final List<Plot> plots = new ArrayList<>();
        private final List<TraceLog> traces = new ArrayList<>();
        private final List<Artifact> artifacts = new ArrayList<>();
        private BugLab lab;

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

        /** The rules held in this run (a {@code Checker}'s rules), so clean rules can be listed too. */
        public Builder checks(List<Rule> rules) {
            for (Rule r : rules) {
                if (checks.stream().noneMatch(c -> c.name().equals(r.name()))) {
                    checks.add(r);
                }
            }
            return this;
        }

        /** A run's collector: its kept findings and its exact per-rule counts. */
        public Builder findings(Findings f) {
            kept.addAll(f.list());
            findings.addAll(f);
            return this;
        }

        /** Findings without a collector (each counted once). */
        public Builder findings(List<Finding> f) {
            kept.addAll(f);
            f.forEach(findings::add);
            return this;
        }

        public Builder finding(Finding f) {
            kept.add(f);
            findings.add(f);
            return this;
        }

        /** This run is a bug lab: the result carries its verdict, judged from the findings when built. */
        public Builder lab(BugLab l) {
            lab = l;
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
            List<RuleTally> tallies = findings.tallies();
            Optional<LabVerdict> verdict = lab == null ? Optional.empty()
                    : Optional.of(LabVerdict.judge(lab, tallies));
            return new RunResult(system, title, seed, summary, metrics, checks, kept, tallies, verdict, tables, plots,
                    traces, artifacts);
        }
    }
}
