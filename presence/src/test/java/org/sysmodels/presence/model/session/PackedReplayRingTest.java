package org.sysmodels.presence.model.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Props;
import org.sysmodels.presence.model.presence.Activity;
import org.sysmodels.presence.model.presence.ClientStatus;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.Status;

/**
 * {@link PackedReplayRing} against the reference {@link ReplayRing}, in lockstep: random sends (sequence numbers
 * with gaps, every status the ring may hold, random client statuses, zero to three activities with ASCII, empty,
 * non-ASCII, long and exactly-fitting names, so both the inline and the kept-as-list paths run), clears (the
 * cleared ring against a new reference) and replays from random sequence numbers give the same evictions and the same replayed
 * dispatches, equal presence by presence, at capacities that wrap many times.
 */
class PackedReplayRingTest {

    private static final String[] NAMES = {"Factorio", "", "lo-fi beats", "Ζήνων ☕ 😀", "load 123456789012345678",
        "load 12345678901234/1", "abcdefghijklmnopqrstuv", "x".repeat(300)};
    private static final Status[] SHOWN = {Status.ONLINE, Status.IDLE, Status.DND, Status.OFFLINE};

    @Test
    void answersAsTheReferenceRingDoes() {
        for (int capacity : new int[] {1, 3, 17, 40}) {
            Props.property(150).forAll(lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 300))
                    .checkAssert(cmds -> lockstep(capacity, cmds));
        }
    }

    @Test
    void refusesSequenceNumbersThatDoNotGrow() {
        PackedReplayRing ring = new PackedReplayRing(4);
        ring.sent(new Dispatch(5, presence(5), 0));
        assertThrows(IllegalArgumentException.class, () -> ring.sent(new Dispatch(5, presence(6), 0)));
        assertThrows(IllegalArgumentException.class, () -> new PackedReplayRing(0));
    }

    private static void lockstep(int capacity, List<Integer> cmds) {
        ReplayRing want = new ReplayRing(capacity);
        PackedReplayRing got = new PackedReplayRing(capacity);
        long seq = 0;
        for (int c : cmds) {
            if (c % 64 == 63) {
                got.clear();
                want = new ReplayRing(capacity);
            } else if (c % 4 != 3) {
                seq += 1 + c % 3;
                Dispatch d = new Dispatch(seq, presence(c), c % 7 - 1);
                want.sent(d);
                got.sent(d);
            } else {
                long from = seq - (c >>> 2) % (capacity + 3);
                List<Dispatch> a = new ArrayList<>();
                List<Dispatch> b = new ArrayList<>();
                want.replayAfter(from, a::add);
                got.replayAfter(from, b::add);
                assertEquals(a, b, "replay after " + from);
            }
            assertEquals(want.evictedUpTo(), got.evictedUpTo());
        }
        List<Dispatch> a = new ArrayList<>();
        List<Dispatch> b = new ArrayList<>();
        want.replayAfter(0, a::add);
        got.replayAfter(0, b::add);
        assertEquals(a, b);
    }

    private static Presence presence(int c) {
        Status status = SHOWN[c % SHOWN.length];
        ClientStatus cs = status == Status.OFFLINE ? ClientStatus.NONE : new ClientStatus((c >>> 3) & 0x333);
        List<Activity> activities = new ArrayList<>();
        for (int a = 0; a < (c >>> 5) % 4; a++) {
            activities.add(new Activity(NAMES[((c >>> (8 + a)) & 0xFF) % NAMES.length], (c >>> (12 + a)) % 6));
        }
        return new Presence(c % 1000, status, cs, activities, c, c * 3L);
    }
}
