package org.sysmodels.irp.run;

import org.sysmodels.core.metrics.TimeSeries;
import org.sysmodels.core.run.Plot;
import org.sysmodels.core.run.Series;
import org.sysmodels.core.time.SimTime;

/** A run's throughput chart: requests finished over virtual time. */
final class IrpPlots {

    /** At most this many points on the time axis: a long run is drawn in wider buckets. */
    static final int MAX_POINTS = 2_000;

    private IrpPlots() {
    }

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
}
