package org.sysmodels.suite.report;

import static org.sysmodels.suite.report.Html.esc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sysmodels.core.metrics.LatencySummary;
import org.sysmodels.core.metrics.Metric;
import org.sysmodels.core.run.Artifact;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.check.RuleTally;
import org.sysmodels.core.run.Plot;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.run.Table;
import org.sysmodels.core.system.RealityNote;
import org.sysmodels.core.system.SimSystem;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.suite.cli.VersionProvider;

/**
 * Turns run results into one self-contained HTML page (inline CSS, PNG plots beside it, links to traces): a section per
 * system with its summary, tables, plots, figures, check findings, traces and sourced "what is real" notes.
 */
public final class ReportWriter {

    /**
     * One system's part of the report: {@code command} reproduces it; {@code error} is set when its run failed.
     */
    public record Section(SimSystem system, String command, RunResult result, String error,
                          List<TraceOutput.Written> traces, double wallSeconds) {
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1000px;margin:2em auto;
            padding:0 1em;color:#1d1d1f;line-height:1.45}
            h1{margin-bottom:.2em} h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}
            table{border-collapse:collapse;margin:.8em 0;font-size:.92em} th,td{border:1px solid #ccc;padding:.25em .6em;
            text-align:left} th{background:#f3f3f3} td.num{text-align:right;font-variant-numeric:tabular-nums}
            img{max-width:100%;border:1px solid #eee;margin:.5em 0} code{background:#f3f3f3;padding:0 .25em}
            .error{background:#fee;border:1px solid #c00;padding:.6em} .VIOLATION{color:#b00;font-weight:600}
            .WARNING{color:#a60} .muted{color:#666} .note{background:#f6f8fa;border-left:4px solid #4a7;padding:.4em .8em}
            """;

    private ReportWriter() {
    }

    /** Renders plots into {@code dir/<system>/} and writes {@code dir/index.html}. @return the HTML file */
    public static Path write(Path dir, String heading, long seed, List<Section> sections) throws IOException {
        Files.createDirectories(dir);
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(heading)).append("</title><style>").append(CSS).append("</style></head><body>\n");
        h.append("<h1>").append(esc(heading)).append("</h1>\n");
        h.append("<p class=\"muted\">sysmodels ").append(esc(VersionProvider.version())).append(" · seed ")
                .append(seed).append(" · every run is a pure function of its scenario and seed: the same command "
                        + "gives the same figures and the same trace files.</p>\n");
        h.append("<p class=\"note\">Traces: open <a href=\"https://ui.perfetto.dev\">ui.perfetto.dev</a>, choose "
                + "<em>Open trace file</em> and pick a <code>.json</code> file below (or drag it onto the page). "
                + "The <code>.txt</code> beside it is the same trace as a text log.</p>\n");
        h.append("<ul>");
        for (Section s : sections) {
            h.append("<li><a href=\"#").append(esc(s.system().name())).append("\">").append(esc(s.system().name()))
                    .append("</a> — ").append(esc(s.system().title()))
                    .append(s.error() != null ? " <span class=\"VIOLATION\">(failed)</span>" : "").append("</li>");
        }
        h.append("</ul>\n");
        for (Section s : sections) {
            section(h, dir, s);
        }
        h.append("</body></html>\n");
        Path index = dir.resolve("index.html");
        Files.writeString(index, h, StandardCharsets.UTF_8);
        return index;
    }

    private static void section(StringBuilder h, Path dir, Section s) throws IOException {
        SimSystem sys = s.system();
        h.append("<h2 id=\"").append(esc(sys.name())).append("\">").append(esc(sys.name())).append(": ")
                .append(esc(sys.title())).append("</h2>\n<p>").append(esc(sys.description())).append("</p>\n");
        if (s.error() != null) {
            h.append("<p class=\"error\">This demo did not complete: ").append(esc(s.error())).append("</p>\n");
        }
        RunResult r = s.result();
        if (r != null) {
            h.append("<p class=\"muted\">Reproduce: <code>").append(esc(s.command())).append("</code> · ran in ")
                    .append(String.format(Locale.ROOT, "%.2f", s.wallSeconds())).append(" s of wall time</p>\n");
            if (!r.summary().isEmpty()) {
                h.append("<ul>");
                r.summary().forEach(line -> h.append("<li>").append(esc(line)).append("</li>"));
                h.append("</ul>\n");
            }
            for (Table t : r.tables()) {
                table(h, t);
            }
            Path plotDir = dir.resolve(sys.name());
            for (Plot p : r.plots()) {
                Path png = PlotRenderer.render(p, plotDir);
                h.append("<img alt=\"").append(esc(p.title())).append("\" src=\"")
                        .append(esc(relative(dir, png))).append("\">\n");
            }
            metrics(h, r.metrics());
            findings(h, r);
            if (!s.traces().isEmpty()) {
                h.append("<h3>Traces</h3><ul>");
                for (TraceOutput.Written w : s.traces()) {
                    h.append("<li><a href=\"").append(esc(relative(dir, w.json()))).append("\">")
                            .append(esc(w.json().getFileName().toString())).append("</a> (").append(w.events())
                            .append(" events")
                            .append(w.dropped() > 0 ? ", " + w.dropped() + " dropped past the limit" : "")
                            .append(") · <a href=\"").append(esc(relative(dir, w.text()))).append("\">text log</a></li>");
                }
                h.append("</ul>\n");
            }
            if (!r.artifacts().isEmpty()) {
                h.append("<h3>Files</h3><ul>");
                for (Artifact a : r.artifacts()) {
                    h.append("<li><a href=\"").append(esc(relative(dir, a.file()))).append("\">")
                            .append(esc(a.file().getFileName().toString())).append("</a> — ")
                            .append(esc(a.description())).append("</li>");
                }
                h.append("</ul>\n");
            }
        }
        List<RealityNote> notes = sys.reality();
        if (!notes.isEmpty()) {
            h.append("<h3>What is real</h3><ul>");
            for (RealityNote n : notes) {
                h.append("<li>").append(esc(n.text())).append(" <span class=\"muted\">Source: ")
                        .append(esc(n.source())).append("</span></li>");
            }
            h.append("</ul>\n");
        }
    }

    private static void table(StringBuilder h, Table t) {
        h.append("<table><caption>").append(esc(t.title())).append("</caption><tr>");
        t.header().forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
        h.append("</tr>");
        for (List<String> row : t.rows()) {
            h.append("<tr>");
            row.forEach(c -> h.append(MetricFormat.isNumeric(c) ? "<td class=\"num\">" : "<td>").append(esc(c)).append("</td>"));
            h.append("</tr>");
        }
        h.append("</table>\n");
    }

    private static void metrics(StringBuilder h, List<Metric> metrics) {
        List<Metric.Latency> latencies = new ArrayList<>();
        List<Metric> scalars = new ArrayList<>();
        for (Metric m : metrics) {
            if (m instanceof Metric.Latency l) {
                latencies.add(l);
            } else {
                scalars.add(m);
            }
        }
        if (!scalars.isEmpty()) {
            h.append("<h3>Figures</h3><table><tr><th>figure</th><th>value</th></tr>");
            for (Metric m : scalars) {
                h.append("<tr><td>").append(esc(m.name())).append("</td><td class=\"num\">")
                        .append(esc(MetricFormat.value(m))).append("</td></tr>");
            }
            h.append("</table>\n");
        }
        if (!latencies.isEmpty()) {
            h.append("<h3>Latency</h3><table><tr><th>what</th><th>count</th><th>mean</th><th>p50</th><th>p90</th>"
                    + "<th>p99</th><th>p99.9</th><th>max</th></tr>");
            for (Metric.Latency l : latencies) {
                LatencySummary s = l.summary();
                h.append("<tr><td>").append(esc(l.name())).append("</td><td class=\"num\">").append(s.count())
                        .append("</td>");
                for (long v : new long[] {Math.round(s.mean()), s.p50(), s.p90(), s.p99(), s.p999(), s.max()}) {
                    h.append("<td class=\"num\">").append(esc(SimTime.format(v))).append("</td>");
                }
                h.append("</tr>");
            }
            h.append("</table>\n");
        }
    }

    /**
     * The checks: a bug lab's verdict first, then one row per rule that reported something (counted once, with its
     * first finding and its source), then one line for the rules that held throughout.
     */
    private static void findings(StringBuilder h, RunResult r) {
        h.append("<h3>Checks</h3>");
        r.lab().ifPresent(v -> {
            h.append("<pre class=\"lab\">");
            v.lines().forEach(line -> h.append(esc(line)).append('\n'));
            h.append("</pre>\n");
        });
        List<RuleTally> reported = r.tallies();
        if (!reported.isEmpty()) {
            h.append("<table><tr><th>severity</th><th>rule</th><th>count</th><th>first at</th><th>where</th>"
                    + "<th>first finding</th><th>source</th></tr>");
            for (RuleTally t : reported) {
                Finding f = t.first();
                h.append("<tr><td class=\"").append(t.worst()).append("\">").append(t.worst()).append("</td><td>")
                        .append(esc(t.rule())).append("</td><td class=\"num\">").append(t.count())
                        .append("</td><td class=\"num\">").append(esc(SimTime.format(f.at()))).append("</td><td>")
                        .append(esc(f.where())).append("</td><td>").append(esc(f.message())).append("</td><td>")
                        .append(esc(t.source())).append("</td></tr>");
            }
            h.append("</table>\n");
        }
        List<Rule> clean = r.cleanChecks().stream()
                .filter(rule -> r.tallies().stream().noneMatch(t -> t.rule().equals(rule.name()))).toList();
        if (!clean.isEmpty()) {
            h.append("<p>").append(clean.size()).append(" of ").append(r.checks().size())
                    .append(" rules held throughout: ")
                    .append(esc(String.join(", ", clean.stream().map(Rule::name).toList()))).append(".</p>\n");
        } else if (reported.isEmpty()) {
            h.append("<p>No check findings.</p>\n");
        }
    }

    private static String relative(Path dir, Path file) {
        return dir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString()
                .replace('\\', '/');
    }
}
