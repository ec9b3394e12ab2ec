package org.sysmodels.presence.cluster.redis;

import java.util.function.Consumer;

/**
 * Says what a node skipped of what it read from Redis (a log entry, a session record) and why, naming the Redis key
 * and the entry, so another program's or another version's data is found where it sits. Each skip is counted
 * ({@link ClusterStats#malformed}, on the status line); the first {@link #LOGGED} are logged one line each, the rest
 * only counted, so a log full of foreign entries cannot flood the node's output. Presence thread.
 */
final class Skipped {

    static final int LOGGED = 20;

    private final ClusterStats stats;
    private final Consumer<String> log;
    private int logged;

    Skipped(ClusterStats stats, Consumer<String> log) {
        this.stats = stats;
        this.log = log;
    }

    /** Skipped {@code what} (e.g. "{pres}:log entry 1-0 by node x") because {@code why}. */
    void skip(String what, String why) {
        stats.malformed.incrementAndGet();
        if (logged < LOGGED) {
            logged++;
            log.accept("presence cluster: skipped " + what + ": " + why + (logged == LOGGED
                    ? " (the next ones are only counted: \"malformed entries skipped\" on the status line)" : ""));
        }
    }
}
