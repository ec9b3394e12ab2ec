package org.sysmodels.suite.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.check.RuleTally;
import org.sysmodels.core.check.Severity;
import org.sysmodels.core.metrics.Metric;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.run.Table;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.suite.report.MetricFormat;
import org.sysmodels.suite.report.TraceOutput;

/**
 * Prints a run's result in the terminal. A bug lab starts with its verdict (the rule it is about, where and when,
 * the source's words, the fix); then the summary, tables and figures; then the checks: each rule that reported
 * something, counted once with its first finding, and one line for the rules that stayed clean.
 */
final class ResultPrinter {

    private ResultPrinter() {
    }

    static void print(PrintWriter out, RunResult r) {
        out.println(r.system() + ": " + r.title() + "  (seed " + r.seed() + ")");
        r.lab().ifPresent(v -> {
            v.lines().forEach(line -> out.println("  " + line));
            out.println();
        });
        r.summary().forEach(line -> out.println("  " + line));
        for (Table t : r.tables()) {
            out.println();
            printTable(out, t);
        }
        if (!r.metrics().isEmpty()) {
            out.println();
            int width = r.metrics().stream().mapToInt(m -> m.name().length()).max().orElse(10);
            for (Metric m : r.metrics()) {
                out.printf("  %-" + width + "s  %s%n", m.name(), MetricFormat.value(m));
            }
        }
        out.println();
        checks(out, r);
        out.flush();
    }

    /** The checks block: rules that reported, most severe first, then the clean ones on one line. */
    static void checks(PrintWriter out, RunResult r) {
        // A lab's verdict has already told its violations, its own rule's and the consequences.
        List<RuleTally> reported = r.tallies().stream().filter(t -> r.lab().isEmpty() || !t.violated()).toList();
        List<Rule> clean = r.cleanChecks().stream()
                .filter(rule -> r.tallies().stream().noneMatch(t -> t.rule().equals(rule.name()))).toList();
        if (r.tallies().isEmpty()) {
            out.println(r.checks().isEmpty() ? "  checks: no findings" : r.checks().size() == 1
                    ? "  checks: rule " + names(r.checks()) + " held"
                    : "  checks: all " + r.checks().size() + " rules held: " + names(r.checks()));
            return;
        }
        if (!reported.isEmpty()) {
            out.println("  checks:");
            for (RuleTally t : reported) {
                out.println("    " + line(t));
            }
        }
        if (!clean.isEmpty()) {
            out.println("  clean: " + clean.size() + " of " + r.checks().size() + " rules held throughout: "
                    + names(clean));
        }
    }

    static String line(RuleTally t) {
        String count = t.count() == 1 ? "" : String.format(Locale.ROOT, " (%,d times, first shown)", t.count());
        return t.worst() + " " + t.rule() + count + " at " + SimTime.format(t.first().at())
                + (t.first().where().isEmpty() ? "" : " in " + t.first().where()) + ": " + t.first().message()
                + (t.worst() == Severity.VIOLATION && !t.source().isEmpty() ? " [" + t.source() + "]" : "");
    }

    private static String names(List<Rule> rules) {
        return String.join(", ", rules.stream().map(Rule::name).toList());
    }

    static void traces(PrintWriter out, List<TraceOutput.Written> traces) {
        for (TraceOutput.Written w : traces) {
            out.println(String.format(Locale.ROOT, "  trace: %s (%,d events, %s; open it in https://ui.perfetto.dev), "
                    + "text log %s (%s)", w.json(), w.events(), size(w.jsonBytes()), w.text(), size(w.textBytes())));
            if (w.dropped() > 0) {
                out.println(String.format(Locale.ROOT, "    the trace holds the run's first %,d events; %,d later "
                        + "events were not kept (--trace-events N keeps more)", w.events(), w.dropped()));
            }
        }
        out.flush();
    }

    private static String size(long bytes) {
        return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1e6)
                : String.format(Locale.ROOT, "%.0f kB", Math.ceil(bytes / 1e3));
    }

    static void printTable(PrintWriter out, Table t) {
        int[] w = new int[t.header().size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = t.header().get(i).length();
            for (List<String> row : t.rows()) {
                w[i] = Math.max(w[i], row.get(i).length());
            }
        }
        out.println("  " + t.title());
        out.println("  " + row(t.header(), w));
        for (List<String> row : t.rows()) {
            out.println("  " + row(row, w));
        }
    }

    /** Numbers right-aligned, words left-aligned, the last column unpadded. */
    private static String row(List<String> cells, int[] w) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            boolean last = i == cells.size() - 1;
            if (last) {
                b.append(c);
            } else {
                b.append(String.format("%" + (MetricFormat.isNumeric(c) ? "" : "-") + w[i] + "s", c)).append("  ");
            }
        }
        return b.toString().stripTrailing();
    }
}
