package org.sysmodels.presence.gateway.load;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a {@link LoadGenerator} run measured: sessions held, updates sent, deliveries and their latency (all, same-node
 * and cross-node), closes and failures, this process's CPU time over the measured phase, and each of its seconds.
 */
public record LoadResult(int target, int maxHeld, int heldAtEnd, long updatesSent, long deliveries, double seconds,
                         Histogram latencyUs, Map<Integer, Long> closes, long failures, int nodes,
                         Histogram sameNodeUs, Histogram crossNodeUs, long cpuNs,
                         List<SecondReport> perSecond) {

    /** This process's CPU time per delivery received during the measured phase, in µs (NaN if unknown). */
    public double cpuUsPerDelivery() {
        return cpuNs < 0 || deliveries == 0 ? Double.NaN : cpuNs / 1e3 / deliveries;
    }

    /** p99 of cross-node over p99 of same-node delivery latency (NaN with one node or no samples). */
    public double crossToSameP99() {
        if (nodes < 2 || sameNodeUs.getTotalCount() == 0 || crossNodeUs.getTotalCount() == 0) {
            return Double.NaN;
        }
        return crossNodeUs.getValueAtPercentile(99) / (double) Math.max(1, sameNodeUs.getValueAtPercentile(99));
    }

    public double deliveriesPerSecond() {
        return deliveries / Math.max(1e-9, seconds);
    }

    public boolean noSessionLost() {
        return heldAtEnd == target && closes.isEmpty() && failures == 0;
    }

    public List<String> lines() {
        return ResultLines.of(this);
    }
}
