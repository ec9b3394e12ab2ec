package org.sysmodels.presence.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.presence.model.presence.ClientStatus;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.Status;
import org.sysmodels.presence.model.session.Dispatch;
import org.sysmodels.presence.model.session.PackedReplayRing;
import org.sysmodels.presence.model.session.ReplayRing;

/** A ring given back is the next one taken, and it keeps nothing of its last session. */
class ReplayRingPoolTest {

    @Test
    void aRingGivenBackIsTakenAgainEmpty() {
        ReplayRingPool pool = new ReplayRingPool(4);
        PackedReplayRing ring = pool.take();
        for (int seq = 1; seq <= 6; seq++) {
            ring.sent(new Dispatch(seq, new Presence(7, Status.DND, ClientStatus.NONE, List.of(), seq, seq), -1));
        }
        assertEquals(2, ring.evictedUpTo());
        pool.give(ring);
        PackedReplayRing again = pool.take();
        assertSame(ring, again);
        assertEquals(0, again.evictedUpTo());
        List<Dispatch> kept = new ArrayList<>();
        again.replayAfter(0, kept::add);
        assertEquals(List.of(), kept);
        again.sent(new Dispatch(1, new Presence(8, Status.IDLE, ClientStatus.NONE, List.of(), 1, 1), 3));
        again.replayAfter(0, kept::add);
        assertEquals(1, kept.size());
        assertNotSame(ring, pool.take());
    }

    @Test
    void ringsOfAnotherKindOrSizeAreNotKept() {
        ReplayRingPool pool = new ReplayRingPool(4);
        PackedReplayRing other = new PackedReplayRing(8);
        pool.give(other);
        pool.give(new ReplayRing(4));
        assertNotSame(other, pool.take());
    }
}
