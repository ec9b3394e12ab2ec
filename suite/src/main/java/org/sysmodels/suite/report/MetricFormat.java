package org.sysmodels.suite.report;

import java.util.Locale;
import org.sysmodels.core.metrics.LatencySummary;
import org.sysmodels.core.metrics.Metric;
import org.sysmodels.core.time.SimTime;

/** How figures read in the terminal and the report: counts with separators, ns as durations, others to 4 digits. */
public final class MetricFormat {

    private MetricFormat() {
    }

    public static String value(Metric m) {
        return switch (m) {
            case Metric.Count c -> String.format(Locale.ROOT, "%,d", c.value());
            case Metric.Value v when "ns".equals(v.unit()) -> SimTime.format(Math.round(v.value()));
            case Metric.Value v -> number(v.value()) + (v.unit().isEmpty() ? "" : " " + v.unit());
            case Metric.Latency l -> latency(l.summary());
        };
    }

    public static String latency(LatencySummary s) {
        return String.format(Locale.ROOT, "n=%,d mean=%s p50=%s p99=%s max=%s", s.count(),
                SimTime.format(Math.round(s.mean())), SimTime.format(s.p50()), SimTime.format(s.p99()),
                SimTime.format(s.max()));
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%,.1f", v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** True for a table cell that reads as a number ("12", "3.5 ms", "+1.2%", "3/3"): right-aligned. */
    public static boolean isNumeric(String s) {
        return !s.isEmpty() && s.matches("[-+]?[0-9.,/]+\\s*%?[a-zµ/]*");
    }
}
