package org.sysmodels.sensor.host.safety;

/**
 * What {@link ChannelMonitor} made of one read of its channel (IEC 61508-2 Annex C, "continuous monitoring of an
 * analogue signal"): the firmware reports a discard, takes a failed channel out of the vote, and clears the
 * discard diagnostics when a good value arrives.
 */
public enum ChannelVerdict {
    /** A fresh sample was accepted: it is the channel's new good value. */
    NEW,
    /** Nothing new: the raw data repeated (not yet frozen for too long) or the read failed (not yet stale). */
    SAME,
    /** The sample failed the range or rate check and was dropped; the last good value stands. */
    DISCARDED,
    /** The channel is failed for good (frozen, stale, noisy, or out of range too often) until reset. */
    FAILED
}
