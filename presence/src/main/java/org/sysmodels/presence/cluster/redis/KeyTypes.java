package org.sysmodels.presence.cluster.redis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The type each of the cluster's fixed keys must have ({@code TYPE} answers, Redis docs, "TYPE"), checked at every
 * (re)synchronisation: a key of another type is another program's data, or a hand edit, and every script that touches
 * it would fail with {@code WRONGTYPE}, so the node refuses to join (or stays down) and names the key instead.
 */
final class KeyTypes {

    /** Key → the type Redis reports for it; "none" (no such key) is always fine. */
    static final Map<String, String> EXPECTED = expected();

    private KeyTypes() {
    }

    private static Map<String, String> expected() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Keys.LOG, "stream");
        m.put(Keys.DUE, "zset");
        m.put(Keys.EPOCH, "string");
        m.put(Keys.WORLD, "string");
        return m;
    }

    /** Throws naming the first key whose type in {@code found} (key → TYPE's answer) is not {@link #EXPECTED}'s. */
    static void check(Map<String, String> found) {
        EXPECTED.forEach((key, type) -> {
            String t = found.get(key);
            if (t != null && !t.equals("none") && !t.equals(type)) {
                throw new IllegalStateException("Redis key " + key + " holds a " + t + ", where this cluster keeps a "
                        + type + ": not this cluster's data (another program's?); delete it (DEL " + key + ") or "
                        + "use another Redis");
            }
        });
    }
}
