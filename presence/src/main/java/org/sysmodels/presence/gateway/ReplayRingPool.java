package org.sysmodels.presence.gateway;

import java.util.ArrayDeque;
import org.sysmodels.presence.model.session.PackedReplayRing;
import org.sysmodels.presence.model.session.ReplayBuffer;

/**
 * The replay rings of sessions that have ended, for the next sessions to take: a gateway whose sessions come and go
 * stops making rings (16 KB each at the default capacity) once it has made as many as it held sessions at its peak,
 * and the rings it reuses are old, so the young collections no longer copy them (docs/presence.md, "The replay rings
 * and the young collections"). A ring comes back only when its session is gone for good (ended, expired or taken
 * over: nothing can resume it), and everything here runs on the presence thread.
 */
final class ReplayRingPool {

    private final int capacity;
    private final ArrayDeque<PackedReplayRing> free = new ArrayDeque<>();

    ReplayRingPool(int capacity) {
        this.capacity = capacity;
    }

    /** An empty ring: one given back, else a new one. */
    PackedReplayRing take() {
        PackedReplayRing r = free.pollFirst();
        return r != null ? r : new PackedReplayRing(capacity);
    }

    /** The ring of a session that has ended for good, cleared for the next. */
    void give(ReplayBuffer ring) {
        if (ring instanceof PackedReplayRing r && r.capacity() == capacity) {
            r.clear();
            free.addFirst(r);
        }
    }
}
