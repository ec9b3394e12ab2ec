package org.sysmodels.core.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sysmodels.core.metrics.LatencyHistogram;

/**
 * A latency curve for a report: each histogram's latency (us, log scale) from p50 to p99.99, placed by the
 * percentile's nines (x = -log10(1 - p/100): p90 at 1, p99 at 2, p99.9 at 3), so the tail is not squeezed into the
 * right edge as it is on a linear percentile axis.
 */
public final class PercentilePlot {

    /** Where the curve is read. */
    public static final double[] PERCENTILES = {50, 75, 90, 95, 99, 99.9, 99.99};

    private PercentilePlot() {
    }

    /** One line per entry of {@code curves} (name to histogram), in its order; empty histograms are left out. */
    public static Plot of(String id, String title, Map<String, LatencyHistogram> curves) {
        double[] x = new double[PERCENTILES.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = -Math.log10(1 - PERCENTILES[i] / 100);
        }
        List<Series> series = new ArrayList<>();
        curves.forEach((name, h) -> {
            if (h.count() == 0) {
                return;
            }
            double[] y = new double[PERCENTILES.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = h.percentile(PERCENTILES[i]) / 1e3;
            }
            series.add(new Series(name, x.clone(), y));
        });
        return new Plot(id, title, "nines of the percentile (0.3 = p50, 1 = p90, 2 = p99, 3 = p99.9, 4 = p99.99)",
                "latency (us)", Plot.Kind.LINE, false, true, series);
    }
}
