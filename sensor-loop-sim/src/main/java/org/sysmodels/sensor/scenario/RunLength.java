package org.sysmodels.sensor.scenario;

import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.sensor.model.McuConfig;

/**
 * Refuses a stale limit ({@code safety.stale}) the run is too short to reach, and one the parameter block cannot
 * store. The reference's channel monitor counts the time without a good read from its start at boot and fails a
 * channel at the first read after the limit has passed ({@code ChannelMonitor#missed}): the earliest a stale
 * channel can be reported is boot, the limit and one read period later, so a longer limit could never fire and the
 * run would pass a stale sensor unseen. The block stores the limit as a 32-bit count of microseconds
 * ({@code SafetyParameters}), at most {@value #MAX_STORED_US} µs.
 */
final class RunLength {

    static final long MAX_STORED_US = Integer.MAX_VALUE;

    private RunLength() {
    }

    /**
     * Checks a stale limit the scenario sets, {@code minNs} being the shortest a healthy channel never trips; a
     * default limit and a duration out of range are not this rule's.
     */
    static void staleReachable(long durationNs, SafetySpec safety, long minNs, long readNs, boolean rtic) {
        if (safety.stale() == null || durationNs < 10_000_000) {
            return;
        }
        long stale = safety.staleNs();
        long start = McuConfig.DEFAULT.bootNs();
        long max = shownDown(Math.min(durationNs - start - readNs - 1000, MAX_STORED_US * 1000));
        if (stale <= max) {
            return;
        }
        String reads = SimTime.format(readNs) + (rtic ? " (the RTIC reference's sample task)" : " (safety.period)");
        throw new InvalidFieldException("safety.stale", SimTime.format(stale) + " is longer than this "
                + SimTime.format(durationNs) + " run (duration, --duration) can reach: the channel monitor counts "
                + "from its start at boot (" + SimTime.format(start) + ") and reports a channel stale (SENSOR_STALE) "
                + "at its first read after the limit, every " + reads + ", so the stale-data check could never "
                + "fire; " + (max >= minNs ? "allowed " + SimTime.format(minNs) + " to " + SimTime.format(max)
                + " in this run, or make the run at least " + SimTime.format(shownUp(start + stale + readNs + 1000))
                + " long" : "make the run at least " + SimTime.format(shownUp(start + stale + readNs + 1000))
                + " long"));
    }

    /** {@code ns} rounded down to what {@link SimTime#format} shows (whole ms from 1 s up), so a bound read off the
     *  message is itself allowed. */
    private static long shownDown(long ns) {
        return ns >= 1_000_000_000 ? ns / 1_000_000 * 1_000_000 : ns;
    }

    private static long shownUp(long ns) {
        return ns >= 1_000_000_000 ? Math.ceilDiv(ns, 1_000_000) * 1_000_000 : ns;
    }
}
