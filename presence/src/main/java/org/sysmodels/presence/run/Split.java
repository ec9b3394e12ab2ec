package org.sysmodels.presence.run;

/**
 * How a run's parts ({@link Shard}s) are driven: shards of one world in windows ({@link Lockstep}), or independent
 * cells in turn ({@link Cells}).
 */
sealed interface Split permits Lockstep, Cells {

    /** Runs every part up to virtual time {@code t} (inclusive); returns when all are there. */
    void runUntil(long t);

    /** Where the last {@link #runUntil} stopped. */
    long now();

    /** Presences sent from one part to another so far. */
    long crossMessages();

    /** Presences not sent to a part that holds no watcher of their user. */
    long unwatched();

    /** True when the parts never need each other's presences. */
    boolean independent();
}
