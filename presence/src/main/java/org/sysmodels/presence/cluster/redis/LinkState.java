package org.sysmodels.presence.cluster.redis;

/**
 * A node's link to Redis, one method per state returning the next (Firecracker's shape):
 * <pre>
 *   Up ---- a command fails / the data is not what it was ----> Down          (the node goes on alone)
 *   Down ---- retry time ----> Resyncing                                      (scripts, epoch, re-register, log)
 *   Resyncing ---- done ----> Up                                              (the gap is logged and counted)
 *   Resyncing ---- fails ----> Down                                           (retry, waiting up to 2 s)
 * </pre>
 * While Down or Resyncing, this node's own sessions go on (heartbeats, local fan-out); what it could not write is
 * written again when it re-registers them, and what it could not read comes from the log or a snapshot.
 */
sealed interface LinkState {

    /** Connected: writes and the log go through. */
    record Up() implements LinkState {
    }

    /** Lost since {@code since} (node clock, ns) for {@code cause}; the next try at {@code retryAt}. */
    record Down(long since, String cause, long retryAt, long backoff) implements LinkState {
    }

    /** Reconnected; resynchronising since the outage that began at {@code since}. */
    record Resyncing(long since, String cause, long backoff) implements LinkState {
    }

    long FIRST_BACKOFF = 100_000_000L;
    long MAX_BACKOFF = 2_000_000_000L;

    /** A command failed, or Redis no longer holds what it did, at {@code now}. */
    static LinkState failed(LinkState s, String cause, long now) {
        return switch (s) {
            // Up ---- failure ----> Down
            case Up u -> new Down(now, cause, now + FIRST_BACKOFF, FIRST_BACKOFF);
            // Down ---- failure ----> Down (already counting)
            case Down d -> d;
            // Resyncing ---- failure ----> Down, waiting twice as long
            case Resyncing r -> new Down(r.since(), r.cause(), now + r.backoff(),
                    Math.min(MAX_BACKOFF, r.backoff() * 2));
        };
    }

    /** Time passes: a Down link whose retry time came starts resynchronising. */
    static LinkState tick(LinkState s, long now) {
        return switch (s) {
            case Down d when now >= d.retryAt() -> new Resyncing(d.since(), d.cause(), d.backoff());
            default -> s;
        };
    }

    /** The resynchronisation finished. */
    static LinkState resynced(LinkState s) {
        return switch (s) {
            case Resyncing r -> new Up();
            default -> s;
        };
    }
}
