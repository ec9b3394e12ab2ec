package org.sysmodels.presence.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import org.sysmodels.core.testing.Props;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The session table finds a session id by its UTF-8 bytes exactly when the replica has a session of that id (and the
 * id decodes back from its bytes), through any sequence of binds, rebinds and ends.
 */
class SessionTableTest {

    /** Ids from a small pool, so binds and ends meet: ASCII, non-ASCII, and ones with a lone surrogate. */
    private static final List<String> POOL = List.of("a", "b", "0123456789abcdef", "caf\u00e9", "\uD83C\uDFAE",
            "x\uD800", "x?", "y\uDC00z", "", "0123456789abcdeF", "s1", "s10", "s100");

    @Test
    void findsByBytesExactlyTheIdsItHolds() {
        // each op: slot (0..39) and what to do (0..POOL.size()-1: bind that id; POOL.size(): forget)
        Props.property().forAll(lists().of(integers().between(0, 40 * (POOL.size() + 1) - 1)).ofSizeBetween(0, 400))
                .checkAssert(ops -> {
                    SessionTable t = new SessionTable(null, 1);
                    Map<Integer, String> bound = new HashMap<>();
                    for (int op : ops) {
                        int slot = op / (POOL.size() + 1);
                        int what = op % (POOL.size() + 1);
                        if (what == POOL.size()) {
                            if (bound.remove(slot) != null) {
                                t.forget(slot);
                            }
                        } else if (!bound.containsValue(POOL.get(what)) || POOL.get(what).equals(bound.get(slot))) {
                            // one slot per id, as the cluster binds them
                            t.bind(slot, POOL.get(what), 1, 0, 0);
                            bound.put(slot, POOL.get(what));
                        }
                        for (String q : POOL) {
                            byte[] b = ("<>" + q).getBytes(StandardCharsets.UTF_8);
                            String found = t.known(b, 2, b.length - 2);
                            boolean roundTrips = q.chars().noneMatch(c -> Character.isSurrogate((char) c));
                            if (bound.containsValue(q) && roundTrips) {
                                assertEquals(q, found);
                                assertSame(t.id(t.slot(q)), found, "the id the table holds, not a copy");
                            } else {
                                // a lone surrogate's bytes are "?": they name "x?" only if "x?" is held
                                String decoded = new String(b, 2, b.length - 2, StandardCharsets.UTF_8);
                                assertEquals(bound.containsValue(decoded) && !decoded.equals(q) ? decoded : null,
                                        found, "query " + q);
                            }
                        }
                    }
                });
    }

    @Test
    void churnDoesNotGrowTheIndex() {
        // a long-running node binds and ends sessions for ever while holding few at a time: the index stays sized by
        // the sessions held, not by every session it has seen
        SessionTable t = new SessionTable(null, 1);
        for (int n = 0; n < 200_000; n++) {
            int slot = n % 10;
            if (n >= 10) {
                t.forget(slot);
            }
            t.bind(slot, "session-" + n, 1, 0, 0);
        }
        assertTrue(t.indexCapacity() <= 64, "index of " + t.indexCapacity() + " entries for 10 sessions");
        for (int n = 199_990; n < 200_000; n++) {
            byte[] b = ("session-" + n).getBytes(StandardCharsets.UTF_8);
            assertEquals("session-" + n, t.known(b, 0, b.length));
        }
        byte[] gone = "session-199989".getBytes(StandardCharsets.UTF_8);
        assertNull(t.known(gone, 0, gone.length));
    }

    @Test
    void unknownIdsAreNotFound() {
        SessionTable t = new SessionTable(null, 1);
        for (int s = 0; s < 1000; s++) {
            t.bind(s, "s" + s, 1, 0, 0);
        }
        for (int s = 0; s < 1000; s += 2) {
            t.forget(s);
        }
        for (int s = 0; s < 1200; s++) {
            byte[] b = ("s" + s).getBytes(StandardCharsets.UTF_8);
            if (s < 1000 && s % 2 == 1) {
                assertEquals("s" + s, t.known(b, 0, b.length));
            } else {
                assertNull(t.known(b, 0, b.length), "s" + s);
            }
        }
    }
}
