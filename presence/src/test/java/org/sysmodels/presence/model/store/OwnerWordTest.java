package org.sysmodels.presence.model.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.sysmodels.presence.model.presence.Platform;

/**
 * The owner's word of a session slot ({@link PresenceStore#ownerWord}) in both layouts against a map: 0 when a session
 * opens, what the owner set while it is open, 0 once the slot is closed (and when it is opened again), never touched by
 * another session's opening, closing or link changes.
 */
class OwnerWordTest {

    private static SocialGraph graph() {
        return SocialGraph.of(4, 1, new int[] {0, 1}, new int[] {1, 2}, 2, new int[] {0, 3}, new int[] {0, 0}, 2);
    }

    @Test
    void bothLayoutsKeepTheOwnersWordLikeAMap() {
        for (Function<SocialGraph, PresenceStore> layout : List.<Function<SocialGraph, PresenceStore>>of(
                g -> new CompactStore(g, 2), ObjectStore::new)) {
            qt().forAll(lists().of(integers().between(0, 1 << 20)).ofSizeBetween(1, 80)).checkAssert(ops -> {
                PresenceStore store = layout.apply(graph());
                Map<Integer, Integer> words = new HashMap<>();
                List<Integer> open = new ArrayList<>();
                for (int op : ops) {
                    int kind = op & 3;
                    int arg = op >>> 2;
                    if (kind == 0 || open.isEmpty()) {
                        int s = store.openSession(arg % 4, Platform.ofOrdinal(arg % 3), arg % 5);
                        assertEquals(0, store.ownerWord(s), "a new session's word");
                        open.add(s);
                        words.put(s, 0);
                    } else if (kind == 1) {
                        int s = open.remove(arg % open.size());
                        store.closeSession(s);
                        words.remove(s);
                    } else {
                        int s = open.get(arg % open.size());
                        store.ownerWord(s, arg);
                        words.put(s, arg);
                    }
                    for (int s = 0; s < store.sessionCapacity(); s++) {
                        assertEquals(words.getOrDefault(s, 0).intValue(), store.ownerWord(s), "slot " + s);
                    }
                }
            });
        }
    }

    @Test
    void onlyAnOpenSessionsWordCanBeSet() {
        for (PresenceStore store : List.of(new CompactStore(graph(), 2), new ObjectStore(graph()))) {
            int s = store.openSession(0, Platform.DESKTOP, 0);
            store.closeSession(s);
            assertThrows(IllegalStateException.class, () -> store.ownerWord(s, 7));
            assertEquals(0, store.ownerWord(s));
        }
    }
}
