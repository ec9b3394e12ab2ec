package org.sysmodels.presence.cluster.redis;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What a node's Redis backend counts: log entries applied and how late they arrived, sessions here and elsewhere,
 * outages (how many, how long) and how each was recovered, sessions ended by the sweep, take-overs. Written by the
 * node's presence thread and Lettuce's threads, read by anyone.
 */
public final class ClusterStats {

    /** Changes of other nodes applied (a log entry may carry several: one write.lua call's). */
    public final AtomicLong applied = new AtomicLong();
    /** write.lua calls sent: each carries the changes and heartbeats of up to a linger (at most 512), as one log entry. */
    public final AtomicLong writeCalls = new AtomicLong();
    public final AtomicLong own = new AtomicLong();
    public final AtomicLong malformed = new AtomicLong();
    public final AtomicLong localSessions = new AtomicLong();
    public final AtomicLong remoteSessions = new AtomicLong();
    public final AtomicLong outages = new AtomicLong();
    public final AtomicLong outageNanos = new AtomicLong();
    public final AtomicLong failedCommands = new AtomicLong();
    public final AtomicLong replays = new AtomicLong();
    public final AtomicLong replayedEntries = new AtomicLong();
    public final AtomicLong fullResyncs = new AtomicLong();
    public final AtomicLong dataLosses = new AtomicLong();
    public final AtomicLong reRegistered = new AtomicLong();
    public final AtomicLong swept = new AtomicLong();
    public final AtomicLong takenOver = new AtomicLong();
    public final AtomicLong handedOver = new AtomicLong();
    /** Log lag: the entry's time on its writer's wall clock to when this node applied it, µs. */
    private final Recorder lag = new Recorder(60_000_000L, 2);
    private final Histogram lagTotal = new Histogram(60_000_000L, 2);
    private volatile String lastRecovery = "";

    void lag(long micros) {
        lag.recordValue(Math.max(0, Math.min(60_000_000L, micros)));
    }

    void recovered(String how) {
        lastRecovery = how;
    }

    /** The p99 of log lag since the last call, in ms (the status line's interval). */
    public synchronized double lagP99SinceLastMs() {
        Histogram h = lag.getIntervalHistogram();
        lagTotal.add(h);
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99) / 1e3;
    }

    public String line() {
        String last = lastRecovery;
        String out = outages.get() == 0 ? "no outage" : String.format(Locale.ROOT, "outages %d (%.1f s in all; %s)",
                outages.get(), outageNanos.get() / 1e9, last.isEmpty() ? "none over yet" : "last: " + last);
        return String.format(Locale.ROOT, "cluster: sessions %,d here, %,d elsewhere; changes applied %,d "
                + "(lag p99 %.1f ms); write calls %,d; swept %,d; resumed from elsewhere %,d, moved away %,d; %s%s",
                localSessions.get(), remoteSessions.get(), applied.get(), lagP99SinceLastMs(), writeCalls.get(),
                swept.get(), takenOver.get(), handedOver.get(), out,
                malformed.get() == 0 ? "" : "; malformed entries skipped " + malformed.get());
    }
}
