package org.sysmodels.bench;

/**
 * A headline's target as numbers, so {@code bench/run} can say "met" or "NOT met" beside the target in words. Each
 * field is optional (NaN: no such criterion).
 *
 * @param minScore      the least operations per second
 * @param minRatio      the least ratio to the peer measured in the same run
 * @param maxBytesPerOp the most bytes allocated per operation (0 for "0 B/op"; a fraction of a byte is JMH's noise)
 */
public record Goal(double minScore, double minRatio, double maxBytesPerOp) {

    public static final Goal NONE = new Goal(Double.NaN, Double.NaN, Double.NaN);

    public static Goal atLeast(double opsPerSecond) {
        return new Goal(opsPerSecond, Double.NaN, Double.NaN);
    }

    public static Goal ratio(double minRatio) {
        return new Goal(Double.NaN, minRatio, Double.NaN);
    }

    /** The same goal, also with no allocation per operation. */
    public Goal noAllocation() {
        return new Goal(minScore, minRatio, 0);
    }

    public boolean isNone() {
        return Double.isNaN(minScore) && Double.isNaN(minRatio) && Double.isNaN(maxBytesPerOp);
    }

    /** "met", "NOT met (why)", or "-" when there is nothing to judge or a figure is missing. */
    public String verdict(double score, double ratio, double bytesPerOp) {
        if (isNone() || Double.isNaN(score)) {
            return "-";
        }
        StringBuilder why = new StringBuilder();
        if (!Double.isNaN(minScore) && score < minScore) {
            why.append("figure below ").append(BenchRun.engineering(minScore));
        }
        if (!Double.isNaN(minRatio)) {
            if (Double.isNaN(ratio)) {
                return "-";
            }
            if (ratio < minRatio) {
                why.append(why.isEmpty() ? "" : "; ").append(String.format(java.util.Locale.ROOT,
                        "ratio below %.2fx", minRatio));
            }
        }
        if (!Double.isNaN(maxBytesPerOp) && !Double.isNaN(bytesPerOp) && bytesPerOp > maxBytesPerOp + 0.5) {
            why.append(why.isEmpty() ? "" : "; ").append(String.format(java.util.Locale.ROOT, "%.1f B/op",
                    bytesPerOp));
        }
        return why.isEmpty() ? "met" : "NOT met (" + why + ")";
    }
}
