package org.sysmodels.presence.gateway.load;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One second of a load run's measured phase: what was sent and received, the p99 of that second's deliveries and the
 * host's steal over it ({@link HostCpu}; NaN where {@code /proc/stat} cannot be read). A run's p99 is often set by a
 * few bad seconds; their steal says whether the host took the CPUs from this machine then.
 *
 * @param t          the second's end, in whole seconds from the measured phase's start
 * @param updates    updates sent in the second
 * @param deliveries deliveries received in the second
 * @param p99Ms      p99 delivery latency of the second's deliveries, in ms
 * @param steal      the host's steal over the second, a share of the CPUs' time
 */
public record SecondReport(long t, long updates, long deliveries, double p99Ms, double steal) {

    /** The line a run prints for this second. */
    String line(long errors, int held) {
        return String.format(Locale.ROOT, "t=%3ds  held %,d  updates %,d/s  deliveries %,d/s  p99 %.1f ms  errors %d%s",
                t, held, updates, deliveries, p99Ms, errors,
                Double.isNaN(steal) ? "" : String.format(Locale.ROOT, "  steal %.1f%%", 100 * steal));
    }

    /** The {@code n} seconds with the highest p99, worst first; a second without deliveries has no p99. */
    public static List<SecondReport> worst(List<SecondReport> seconds, int n) {
        return seconds.stream().filter(s -> s.deliveries() > 0).sorted(Comparator.comparingDouble(SecondReport::p99Ms).reversed()).limit(n).toList();
    }
}
