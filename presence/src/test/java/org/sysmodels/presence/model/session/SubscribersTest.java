package org.sysmodels.presence.model.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Props;
import org.sysmodels.presence.model.fanout.CoalescingOutbox;
import org.sysmodels.presence.model.presence.ClientStatus;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.Status;

/**
 * The flat {@link Subscribers}, with its rings inline ({@link Subscribers#withRings}) and with {@link ReplayRings}
 * beside it, against one {@link Subscriber} with a {@link ReplayRing} per
 * session, in lockstep: random opens, closes, sends, queued offers, sends of pending presences and resumes from
 * random sequence numbers over a few slots give the same sequence numbers, the same pending state, the same resume
 * verdicts and the same replayed dispatches in the same order (rings small enough to wrap many times).
 */
class SubscribersTest {

    private static final int SLOTS = 5;
    private static final int CAPACITY = 3;

    @Test
    void withInlineRingsBehaveLikeOneSubscriberPerSession() {
        lockstep(() -> Subscribers.withRings(CoalescingOutbox::new, CAPACITY, 2, 2));
    }

    @Test
    void withSeparateRingsBehaveLikeOneSubscriberPerSession() {
        lockstep(() -> new Subscribers(CoalescingOutbox::new, new ReplayRings(CAPACITY, 2), 2, 1));
    }

    /** The owner's words are zero after an open and are not touched by anything else. */
    @Test
    void ownerWordsAreTheOwners() {
        Subscribers table = Subscribers.withRings(CoalescingOutbox::new, CAPACITY, 1, 2);
        table.open(3);
        assertEquals(0L, table.word(3, 0));
        table.word(3, 0, -1L);
        table.word(3, 1, Long.MAX_VALUE);
        for (int i = 0; i < 10; i++) {
            table.send(3, presence(i, i + 1), i % 2 == 0 ? -1 : i);
        }
        table.outbox(3).offer(presence(99, 100), 5);
        table.sendPending(3);
        assertEquals(-1L, table.word(3, 0));
        assertEquals(Long.MAX_VALUE, table.words()[table.wordIndex(3, 1)]);
        assertEquals(11, table.seq(3));
        table.open(3);
        assertEquals(0L, table.word(3, 0));
        assertEquals(0L, table.word(3, 1));
        assertEquals(0, table.seq(3));
    }

    private static void lockstep(java.util.function.Supplier<Subscribers> make) {
        // a command: slot in the low digit, operation above, an argument above that
        Props.property(300).forAll(lists().of(integers().between(0, SLOTS * 7 * 8 - 1)).ofSizeBetween(1, 400))
                .checkAssert(cmds -> {
                    Subscribers table = make.get();
                    Subscriber[] ref = new Subscriber[SLOTS];
                    long version = 0;
                    for (int c : cmds) {
                        int s = c % SLOTS;
                        int op = c / SLOTS % 7;
                        int arg = c / SLOTS / 7;
                        if (op == 0 || ref[s] == null) {
                            ref[s] = new Subscriber(s, new CoalescingOutbox(), new ReplayRing(CAPACITY));
                            table.open(s);
                        } else if (op == 1) {
                            ref[s] = null;
                            table.close(s);
                            assertEquals(false, table.isOpen(s));
                            continue;
                        } else if (op == 2 || op == 3) {
                            Presence p = presence(arg, ++version);
                            Dispatch d = ref[s].send(p, arg - 1);
                            assertEquals(d.seq(), table.send(s, p, arg - 1));
                        } else if (op == 4) {
                            Presence p = presence(arg, ++version);
                            ref[s].outbox().offer(p, arg);
                            table.outbox(s).offer(p, arg);
                        } else if (op == 5) {
                            Dispatch d = ref[s].sendPending();
                            Presence p = table.sendPending(s);
                            assertEquals(d == null ? null : d.presence(), p);
                        } else {
                            long clientSeq = ref[s].seq() - arg + 1;
                            List<Dispatch> want = new ArrayList<>();
                            List<Dispatch> got = new ArrayList<>();
                            assertEquals(ResumeCheck.of(clientSeq, ref[s].seq(), ref[s].replay()),
                                    table.check(s, clientSeq));
                            assertEquals(ref[s].resume(clientSeq, want::add), table.resume(s, clientSeq, got::add));
                            assertEquals(want, got);
                        }
                        assertEquals(true, table.isOpen(s));
                        assertEquals(ref[s].seq(), table.seq(s));
                        assertEquals(ref[s].nothingPending(), table.nothingPending(s));
                    }
                });
    }

    private static Presence presence(int user, long version) {
        return new Presence(user, Status.ONLINE, ClientStatus.NONE, List.of(), version, version);
    }
}
