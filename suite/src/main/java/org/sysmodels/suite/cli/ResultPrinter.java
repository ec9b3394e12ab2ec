package org.sysmodels.suite.cli;

import java.io.PrintWriter;
import java.util.List;
import org.sysmodels.core.metrics.Metric;
import org.sysmodels.core.run.Finding;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.run.Table;
import org.sysmodels.suite.report.MetricFormat;
import org.sysmodels.suite.report.TraceOutput;

/** Prints a run's result in the terminal: summary, tables, figures, findings, and where its files went. */
final class ResultPrinter {

    private ResultPrinter() {
    }

    static void print(PrintWriter out, RunResult r, List<TraceOutput.Written> traces) {
        out.println(r.system() + ": " + r.title() + "  (seed " + r.seed() + ")");
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
        if (r.findings().isEmpty()) {
            out.println("  checks: no findings");
        } else {
            out.println("  checks:");
            for (Finding f : r.findings()) {
                out.println("    " + f);
            }
        }
        for (TraceOutput.Written w : traces) {
            out.println("  trace: " + w.json() + " (" + w.events() + " events; open it in https://ui.perfetto.dev)"
                    + ", text log " + w.text());
        }
        r.artifacts().forEach(a -> out.println("  file: " + a.file() + " — " + a.description()));
        out.flush();
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

    private static String row(List<String> cells, int[] w) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            b.append(String.format("%" + w[i] + "s", cells.get(i)));
            if (i < cells.size() - 1) {
                b.append("  ");
            }
        }
        return b.toString();
    }
}
