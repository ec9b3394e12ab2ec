package org.sysmodels.irp.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sysmodels.core.metrics.LatencyHistogram;
import org.sysmodels.core.metrics.TimeSeries;
import org.sysmodels.core.run.Plot;
import org.sysmodels.core.run.Series;
import org.sysmodels.core.time.SimTime;

/** The charts of one run's report: requests finished over virtual time, and latency percentiles per major function. */
final class IrpPlots {

    /** Where the latency curve is read: p50 to p99.99. */
    static final double[] PERCENTILES = {50, 75, 90, 95, 99, 99.9, 99.99};

    private IrpPlots() {
    }

    /** At most this many points on the time axis: a long run is drawn in wider buckets. */
    static final int MAX_POINTS = 2_000;

    /**
     * Requests finished per bucket of virtual time, from the first bucket to the last, a quiet stretch drawn as 0
     * (the series keeps only buckets that finished something); buckets of {@code bucketNs}, or a multiple of it that
     * keeps the line under {@link #MAX_POINTS}.
     */
    static Plot completions(TimeSeries finished, long bucketNs) {
        if (finished.size() == 0) {
            return Plot.line("finished-over-time", "Requests finished over virtual time", "virtual time (ms)",
                    "requests finished", new Series("finished", new double[0], new double[0]));
        }
        long first = finished.time(0);
        long span = finished.time(finished.size() - 1) - first;
        long width = bucketNs * Math.max(1, (span / bucketNs + MAX_POINTS) / MAX_POINTS);
        int n = (int) (span / width) + 1;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (first + i * width) / 1e6;
        }
        for (int i = 0; i < finished.size(); i++) {
            y[(int) ((finished.time(i) - first) / width)] += finished.value(i);
        }
        return Plot.line("finished-over-time", "Requests finished per " + SimTime.format(width) + " of virtual time",
                "virtual time (ms)", "requests finished", new Series("finished", x, y));
    }

    /**
     * One line per major function: its latency (us, log scale) at each of {@link #PERCENTILES}, placed by their nines
     * (x = -log10(1 - p/100): p90 at 1, p99 at 2, p99.9 at 3), so the tail is not squeezed into the right edge.
     */
    static Plot latencyPercentiles(Map<String, LatencyHistogram> byMajor) {
        double[] x = new double[PERCENTILES.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = -Math.log10(1 - PERCENTILES[i] / 100);
        }
        List<Series> series = new ArrayList<>();
        byMajor.forEach((major, h) -> {
            double[] y = new double[PERCENTILES.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = h.percentile(PERCENTILES[i]) / 1e3;
            }
            series.add(new Series(major, x.clone(), y));
        });
        return new Plot("latency-percentiles", "Latency by major function (issue to I/O manager finish)",
                "nines of the percentile (0.3 = p50, 1 = p90, 2 = p99, 3 = p99.9, 4 = p99.99)", "latency (us)",
                Plot.Kind.LINE, false, true, series);
    }
}
