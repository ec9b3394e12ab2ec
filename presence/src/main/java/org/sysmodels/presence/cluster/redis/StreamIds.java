package org.sysmodels.presence.cluster.redis;

/**
 * Stream entry ids, {@code <ms>-<seq>} (Redis docs, "Redis Streams", "Entry IDs"): ordered by ms, then seq, each an
 * unsigned 64-bit number, so an id another program gave an entry by hand may be past {@link Long#MAX_VALUE}.
 */
final class StreamIds {

    /** The greatest id a stream can hold: once its last entry has it, XADD fails (Redis docs, "XADD"). */
    static final String LAST = "18446744073709551615-18446744073709551615";

    private StreamIds() {
    }

    static int compare(String a, String b) {
        int c = Long.compareUnsigned(millis(a), millis(b));
        return c != 0 ? c : Long.compareUnsigned(seq(a), seq(b));
    }

    /** The Redis server's ms time at which the entry was added (unsigned). */
    static long millis(String id) {
        int dash = id.indexOf('-');
        return Long.parseUnsignedLong(dash < 0 ? id : id.substring(0, dash));
    }

    static long seq(String id) {
        int dash = id.indexOf('-');
        return dash < 0 ? 0 : Long.parseUnsignedLong(id.substring(dash + 1));
    }
}
