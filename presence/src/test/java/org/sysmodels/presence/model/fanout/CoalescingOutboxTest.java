package org.sysmodels.presence.model.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Props;
import org.sysmodels.presence.model.presence.ClientStatus;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.Status;

/**
 * The outbox against a reference LinkedHashMap (user → newest pending presence, in first-pending order): random
 * offers of newer, equal and older versions and polls. Polls agree, at most one entry per user is ever pending, and
 * a subscriber never receives an older version of a user after a newer one.
 */
class CoalescingOutboxTest {

    static Presence p(int user, long version) {
        return new Presence(user, Status.ONLINE, ClientStatus.NONE, List.of(), version, 0);
    }

    @Test
    void agreesWithAnOrderedMapAndNeverGoesBackInVersion() {
        // each command: user in the low bits, a version step (0 = poll) above
        Props.property(300).forAll(lists().of(integers().between(0, 40 * 6 - 1)).ofSizeBetween(1, 300))
                .checkAssert(cmds -> {
                    CoalescingOutbox box = new CoalescingOutbox(2);
                    LinkedHashMap<Integer, Presence> ref = new LinkedHashMap<>();
                    Map<Integer, Long> newest = new HashMap<>();
                    Map<Integer, Long> delivered = new HashMap<>();
                    for (int c : cmds) {
                        int user = c % 40;
                        int step = c / 40;
                        if (step == 0) {
                            Presence got = box.poll();
                            Map.Entry<Integer, Presence> want = ref.pollFirstEntry();
                            if (want == null) {
                                assertNull(got);
                            } else {
                                assertEquals(want.getValue(), got);
                                assertEquals(want.getKey(), box.polledVia());
                                long last = delivered.getOrDefault(got.user(), -1L);
                                assertTrue(got.version() > last, "older after newer for user " + got.user());
                                delivered.put(got.user(), got.version());
                            }
                        } else {
                            // steps 1..3: a newer version; 4 and 5: an equal or older one arriving while a newer
                            // is still pending (a late copy). Versions of a user only grow once delivered: the
                            // cluster sends them in order, per node.
                            boolean pending = ref.containsKey(user);
                            long top = newest.getOrDefault(user, 0L);
                            long v = pending && step == 4 ? top : pending && step == 5 ? top - 1 : top + 1;
                            newest.put(user, Math.max(top, v));
                            Presence offered = p(user, v);
                            box.offer(offered, user);
                            Presence cur = ref.get(user);
                            if (cur == null || cur.version() < v) {
                                ref.put(user, offered);
                            }
                        }
                        assertEquals(ref.size(), box.size());
                        for (int u = 0; u < 40; u++) {
                            assertEquals(ref.containsKey(u) ? 1 : 0, box.pendingFor(u));
                        }
                    }
                });
    }
}
