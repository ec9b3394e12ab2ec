package org.sysmodels.presence.gateway.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** A load run's result as the lines {@code sim presence load} prints. */
final class ResultLines {

    private ResultLines() {
    }

    static List<String> of(LoadResult r) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "connections: %,d of %,d held at the end (most at once %,d)",
                r.heldAtEnd(), r.target(), r.maxHeld()));
        out.add(String.format(Locale.ROOT, "updates sent: %,d (%,.0f/s); deliveries received: %,d (%,.0f/s)",
                r.updatesSent(), r.updatesSent() / Math.max(1e-9, r.seconds()), r.deliveries(),
                r.deliveriesPerSecond()));
        out.add("delivery latency: " + percentiles(r.latencyUs()));
        if (r.nodes() > 1) {
            out.add("  same node:  " + percentiles(r.sameNodeUs()));
            out.add("  cross node: " + percentiles(r.crossNodeUs()));
            out.add(Double.isNaN(r.crossToSameP99()) ? "  cross-node p99 / same-node p99: no ratio (a side "
                    + "received nothing)" : String.format(Locale.ROOT, "  cross-node p99 / same-node p99: %.2fx "
                    + "(%d nodes, same run)", r.crossToSameP99(), r.nodes()));
        }
        if (r.cpuNs() >= 0) {
            out.add(String.format(Locale.ROOT, "load generator CPU: %.2f s in %.1f s (%s)", r.cpuNs() / 1e9,
                    r.seconds(), r.deliveries() == 0 ? "no deliveries" : String.format(Locale.ROOT,
                    "%.2f µs per delivery", r.cpuUsPerDelivery())));
        }
        List<SecondReport> worstSeconds = SecondReport.worst(r.perSecond(), 5);
        if (!worstSeconds.isEmpty()) {
            StringBuilder worst = new StringBuilder("the worst seconds by p99:");
            for (SecondReport s : worstSeconds) {
                worst.append(String.format(Locale.ROOT, " t=%ds %.1f ms%s;", s.t(), s.p99Ms(), Double.isNaN(s.steal())
                        ? "" : String.format(Locale.ROOT, " (steal %.1f%%)", 100 * s.steal())));
            }
            worst.setLength(worst.length() - 1);
            out.add(worst.toString());
        }
        out.add("errors: " + (r.closes().isEmpty() && r.failures() == 0 ? "none" : "closes by code " + r.closes()
                + ", failed connections " + r.failures()));
        if (r.closes().containsKey(4004)) {
            out.add("4004 (authentication failed): the gateway does not know the load world's tokens (load-0, load-1,"
                    + " ...); start it with `sim presence serve --load-world N --watchers W` (N at least --connections,"
                    + " W as here)");
        }
        if (r.closes().containsKey(4008)) {
            double perConnection = r.updatesSent() / Math.max(1e-9, r.seconds()) * 60 / Math.max(1, r.target());
            out.add(String.format(Locale.ROOT, "4008 (rate limited): each connection sent about %,.0f updates per "
                    + "60 s, plus its heartbeats, over the gateway's limit; start it with `sim presence serve "
                    + "--rate-limit N` (N above that, with room for heartbeats), or spread the updates over more "
                    + "--connections", perConnection));
        }
        return out;
    }

    static String percentiles(Histogram h) {
        return String.format(Locale.ROOT, "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms "
                + "(%,d samples)", h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3,
                h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3,
                h.getTotalCount());
    }
}
