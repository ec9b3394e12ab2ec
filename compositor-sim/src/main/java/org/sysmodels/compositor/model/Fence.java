package org.sysmodels.compositor.model;

/**
 * A sync fence on simulated time (Android's {@code sync_file}, a {@code Fence} in libui): it signals once, at a known
 * virtual time in ns. The acquire fence of a queued buffer signals when the producer's GPU has finished writing it;
 * the release fence of a released buffer signals when the consumer has finished reading it (the display has scanned
 * it out for the last time, or the GPU has sampled it). {@link #NO_FENCE} has always signalled.
 */
public record Fence(String name, long signalTime) {

    public static final Fence NO_FENCE = new Fence("no fence", Long.MIN_VALUE);

    public static Fence at(String name, long signalTime) {
        return new Fence(name, signalTime);
    }

    public boolean hasSignaled(long now) {
        return signalTime <= now;
    }
}
