package org.sysmodels.presence.cluster.redis;

/** Stream entry ids, {@code <ms>-<seq>} (Redis docs, "Redis Streams", "Entry IDs"): ordered by ms, then seq. */
final class StreamIds {

    private StreamIds() {
    }

    static int compare(String a, String b) {
        int c = Long.compare(millis(a), millis(b));
        return c != 0 ? c : Long.compare(seq(a), seq(b));
    }

    /** The Redis server's ms time at which the entry was added. */
    static long millis(String id) {
        int dash = id.indexOf('-');
        return Long.parseLong(dash < 0 ? id : id.substring(0, dash));
    }

    static long seq(String id) {
        int dash = id.indexOf('-');
        return dash < 0 ? 0 : Long.parseLong(id.substring(dash + 1));
    }
}
