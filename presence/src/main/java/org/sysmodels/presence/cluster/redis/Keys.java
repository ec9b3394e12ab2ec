package org.sysmodels.presence.cluster.redis;

/**
 * The cluster's keys in Redis. Every name carries the hash tag {@code {pres}}, so in a Redis Cluster all of them hash
 * to one slot (Redis Cluster specification, "Hash tags") and the scripts may touch several in one call.
 *
 * <ul>
 *   <li>{@code {pres}:s:<session_id>} a session's record (hash: user, platform, flags, status, activities, when set,
 *       holding node, generation), with a TTL: the session's liveness, renewed by heartbeats;</li>
 *   <li>{@code {pres}:due} a sorted set of session ids by the deadline (Redis ms) at which to look at their key
 *       again: how expired sessions are found without keyspace notifications;</li>
 *   <li>{@code {pres}:log} the stream of session changes every node reads, in one order;</li>
 *   <li>{@code {pres}:epoch} a random token set once per life of the data: a node that finds another knows Redis
 *       lost what it held (a restart without persistence, a flush);</li>
 *   <li>{@code {pres}:world} a digest of the users file: nodes must share one world.</li>
 * </ul>
 */
final class Keys {

    static final String PREFIX = "{pres}:";
    static final String SESSION_PREFIX = PREFIX + "s:";
    static final String DUE = PREFIX + "due";
    static final String LOG = PREFIX + "log";
    static final String EPOCH = PREFIX + "epoch";
    static final String WORLD = PREFIX + "world";

    private Keys() {
    }

    static String session(String sessionId) {
        return SESSION_PREFIX + sessionId;
    }
}
