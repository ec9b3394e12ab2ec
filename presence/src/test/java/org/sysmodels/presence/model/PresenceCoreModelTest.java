package org.sysmodels.presence.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.sysmodels.presence.model.ReferenceRules.watched;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.sysmodels.core.testing.Props;
import org.sysmodels.presence.model.aggregate.StatusPrecedence;
import org.sysmodels.presence.model.cluster.NodeSink;
import org.sysmodels.presence.model.core.PresenceCore;
import org.sysmodels.presence.model.core.PresenceObserver;
import org.sysmodels.presence.model.core.Timeouts;
import org.sysmodels.presence.model.expiry.TimingWheel;
import org.sysmodels.presence.model.presence.Activity;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.PresenceUpdate;
import org.sysmodels.presence.model.presence.PresenceView;
import org.sysmodels.presence.model.presence.Status;
import org.sysmodels.presence.model.session.Phase;
import org.sysmodels.presence.model.session.SessionStateException;
import org.sysmodels.presence.model.store.CompactStore;
import org.sysmodels.presence.model.store.ObjectStore;
import org.sysmodels.presence.model.store.PresenceStore;
import org.sysmodels.presence.model.store.SocialGraph;

/**
 * Model-based test of the presence core: random sequences of identify, heartbeat, status change, disconnect (clean
 * or not), resume and clock advances go to the core (on both stores, in lockstep) and to a reference that is a list
 * of sessions, a brute-force aggregation and a brute-force expiry. After every command: each user's published
 * presence shows the reference's aggregate; every existing session's view (what it was shown when it identified,
 * then what fan-out delivered) equals the published presence of every user it watches; nobody receives an update
 * about a user they do not watch or about themselves; versions seen by a session only grow; phases agree; the compact
 * and the object store agree on everything. QuickTheories shrinks a failure to a minimal sequence.
 */
class PresenceCoreModelTest {

    static final long TICK = 5;
    static final Timeouts TIMEOUTS = new Timeouts(40, 20, 50);
    static final int USERS = 6;
    static final int NODES = 3;

    /** Friends 0-1, 1-2, 2-3, 0-4; guild 0 = {0, 2, 5}, guild 1 = {1, 3, 5}. */
    static SocialGraph graph() {
        return SocialGraph.of(USERS, 2, new int[] {0, 1, 2, 0}, new int[] {1, 2, 3, 4}, 4,
                new int[] {0, 2, 5, 1, 3, 5}, new int[] {0, 0, 0, 1, 1, 1}, 6);
    }

    sealed interface Cmd {
        record Identify(int user, int platform, int status, boolean guildIntent, int node) implements Cmd {
        }

        record Heartbeat(int k) implements Cmd {
        }

        record Update(int k, int status, int activity) implements Cmd {
        }

        record Close(int k, boolean normal) implements Cmd {
        }

        record Resume(int k, int node) implements Cmd {
        }

        record Advance(int by) implements Cmd {
        }
    }

    static Gen<Cmd> commands() {
        Gen<Cmd> identify = integers().between(0, USERS - 1).zip(integers().between(0, 3), integers().between(0, 5),
                booleans().all(), integers().between(0, NODES - 1),
                (u, p, st, g, n) -> (Cmd) new Cmd.Identify(u, p, st, g, n));
        Gen<Cmd> heartbeat = integers().between(0, 20).map(k -> (Cmd) new Cmd.Heartbeat(k));
        Gen<Cmd> update = integers().between(0, 20).zip(integers().between(0, 4), integers().between(0, 2),
                (k, st, a) -> (Cmd) new Cmd.Update(k, st, a));
        Gen<Cmd> close = integers().between(0, 20).zip(booleans().all(), (k, n) -> (Cmd) new Cmd.Close(k, n));
        Gen<Cmd> resume = integers().between(0, 20).zip(integers().between(0, NODES - 1),
                (k, n) -> (Cmd) new Cmd.Resume(k, n));
        Gen<Cmd> advance = integers().between(1, 70).map(by -> (Cmd) new Cmd.Advance(by));
        return integers().between(0, 19).flatMap(k -> k < 4 ? identify : k < 8 ? heartbeat : k < 11 ? update
                : k < 13 ? close : k < 15 ? resume : advance);
    }

    @Test
    void coreAgreesWithTheReferenceOnBothStores() {
        Props.property(300).forAll(lists().of(commands()).ofSizeBetween(1, 60))
                .checkAssert(PresenceCoreModelTest::run);
    }

    // ------------------------------------------------------------------ the reference

    static final class RefSession {
        final int user;
        final Platform platform;
        final boolean guildIntent;
        Status status = Status.OFFLINE;
        List<Activity> activities = List.of();
        long updatedAt;
        Phase phase = Phase.LIVE;
        long deadline;
        int slot;

        RefSession(int user, Platform platform, boolean guildIntent) {
            this.user = user;
            this.platform = platform;
            this.guildIntent = guildIntent;
        }
    }

    /** The aggregation rule over the user's live sessions, latest change last (ties: the lower slot is later). */
    static PresenceView refView(List<RefSession> all, int user) {
        return ReferenceRules.view(all.stream().filter(s -> s.user == user && s.phase != Phase.ENDED)
                .sorted((a, b) -> a.updatedAt != b.updatedAt ? Long.compare(a.updatedAt, b.updatedAt)
                        : Integer.compare(b.slot, a.slot))
                .map(s -> new ReferenceRules.Seen(s.status, s.platform, s.activities)).toList());
    }

    // ------------------------------------------------------------------ one core under test, with its observers

    static final class Harness implements NodeSink {
        final PresenceCore core;
        final Map<Integer, Map<Integer, Presence>> views = new HashMap<>();   // slot → user → presence shown
        final List<Integer> missed = new ArrayList<>();
        final Map<Integer, Integer> nodeOf = new HashMap<>();

        Harness(Function<SocialGraph, PresenceStore> store) {
            core = new PresenceCore(store.apply(graph()), new StatusPrecedence(), new TimingWheel(TICK, 2, 3, 0),
                    TIMEOUTS, this, PresenceObserver.NONE);
        }

        @Override
        public void deliver(int node, Presence presence, int[] sessions, int[] via, int count) {
            for (int i = 0; i < count; i++) {
                int s = sessions[i];
                assertEquals(node, core.store().node(s), "batch for node " + node + " holds session " + s);
                Map<Integer, Presence> view = views.get(s);
                assertTrue(view != null && view.containsKey(presence.user()),
                        "session " + s + " got user " + presence.user() + " which it does not watch");
                assertTrue(presence.version() > view.get(presence.user()).version(), "older version after newer");
                view.put(presence.user(), presence);
            }
        }

        @Override
        public void heartbeatMissed(int node, int session) {
            assertEquals(core.store().node(session), node);
            missed.add(session);
        }

        @Override
        public void ended(int node, int session) {
            views.remove(session);
        }
    }

    static void run(List<Cmd> cmds) {
        SocialGraph g = graph();
        Harness compact = new Harness(CompactStore::new);
        Harness plain = new Harness(ObjectStore::new);
        List<Harness> both = List.of(compact, plain);
        List<RefSession> ref = new ArrayList<>();
        long now = 0;
        for (Cmd c : cmds) {
            List<Integer> expectMissed = new ArrayList<>();
            switch (c) {
                case Cmd.Identify i -> {
                    RefSession r = new RefSession(i.user(), Platform.ofOrdinal(i.platform()), i.guildIntent());
                    PresenceUpdate initial = i.status() == 5 ? null : PresenceUpdate.of(Status.ofOrdinal(i.status()));
                    r.deadline = now + TIMEOUTS.heartbeatTimeoutNs();
                    if (initial != null) {
                        r.status = initial.status();
                        r.updatedAt = now;
                    }
                    int slot = -1;
                    for (Harness h : both) {
                        int s = h.core.identify(i.user(), r.platform, i.node(), initial, i.guildIntent(), now);
                        assertTrue(slot == -1 || slot == s, "stores gave different slots");
                        slot = s;
                        // what READY would show: the published presence of everyone watched
                        Map<Integer, Presence> view = new HashMap<>();
                        for (int u : watched(g, i.user(), i.guildIntent())) {
                            view.put(u, h.core.presence(u));
                        }
                        h.views.put(s, view);
                    }
                    r.slot = slot;
                    ref.add(r);
                }
                case Cmd.Heartbeat hb -> {
                    RefSession r = pick(ref, hb.k());
                    if (r == null) {
                        break;
                    }
                    for (Harness h : both) {
                        if (r.phase == Phase.LIVE) {
                            h.core.heartbeat(r.slot, now);
                        } else if (r.phase == Phase.DETACHED) {
                            assertThrows(SessionStateException.class, () -> h.core.heartbeat(r.slot, 0));
                        }
                    }
                    if (r.phase == Phase.LIVE) {
                        r.deadline = now + TIMEOUTS.heartbeatTimeoutNs();
                    }
                }
                case Cmd.Update u -> {
                    RefSession r = pick(ref, u.k());
                    if (r == null || r.phase == Phase.ENDED) {
                        break;
                    }
                    List<Activity> acts = u.activity() == 0 ? List.of() : List.of(new Activity("game " + u.activity(),
                            0));
                    PresenceUpdate up = new PresenceUpdate(null, acts, Status.ofOrdinal(u.status()), false);
                    for (Harness h : both) {
                        if (r.phase == Phase.LIVE) {
                            h.core.update(r.slot, up, now);
                        } else {
                            assertThrows(SessionStateException.class, () -> h.core.update(r.slot, up, 0));
                        }
                    }
                    if (r.phase == Phase.LIVE) {
                        r.status = up.status();
                        r.activities = acts;
                        r.updatedAt = now;
                    }
                }
                case Cmd.Close cl -> {
                    RefSession r = pick(ref, cl.k());
                    if (r == null || r.phase == Phase.ENDED) {
                        break;
                    }
                    for (Harness h : both) {
                        if (cl.normal()) {
                            h.core.end(r.slot, now);
                        } else {
                            h.core.detach(r.slot, now);
                        }
                    }
                    if (cl.normal()) {
                        r.phase = Phase.ENDED;
                    } else if (r.phase == Phase.LIVE) {
                        r.phase = Phase.DETACHED;
                        r.deadline = now + TIMEOUTS.resumeWindowNs();
                    }
                }
                case Cmd.Resume rs -> {
                    RefSession r = pick(ref, rs.k());
                    if (r == null || r.phase == Phase.ENDED) {
                        break;
                    }
                    boolean want = r.phase == Phase.DETACHED;
                    for (Harness h : both) {
                        assertEquals(want, h.core.resume(r.slot, rs.node(), now));
                    }
                    if (want) {
                        r.phase = Phase.LIVE;
                        r.deadline = now + TIMEOUTS.heartbeatTimeoutNs();
                    }
                }
                case Cmd.Advance a -> {
                    now += a.by();
                    long last = Math.floorDiv(now, TICK);
                    for (RefSession r : ref) {
                        if (r.phase != Phase.ENDED && Math.ceilDiv(r.deadline, TICK) <= last) {
                            if (r.phase == Phase.LIVE) {
                                r.phase = Phase.DETACHED;
                                r.deadline = now + TIMEOUTS.resumeWindowNs();
                                expectMissed.add(r.slot);
                            } else {
                                r.phase = Phase.ENDED;
                            }
                        }
                    }
                    for (Harness h : both) {
                        h.core.advance(now);
                    }
                }
            }
            for (Harness h : both) {
                assertEquals(new HashSet<>(expectMissed), new HashSet<>(h.missed), "heartbeat-missed sessions");
                h.missed.clear();
                for (RefSession r : ref) {
                    if (r.phase != Phase.ENDED) {
                        assertEquals(r.phase, h.core.phase(r.slot), "phase of session " + r.slot);
                    }
                }
                for (int u = 0; u < USERS; u++) {
                    Presence p = h.core.presence(u);
                    assertEquals(refView(ref, u), p.view(), "user " + u);
                    assertNotEquals(Status.INVISIBLE, p.status());
                }
                for (RefSession r : ref) {
                    if (r.phase == Phase.ENDED) {
                        continue;
                    }
                    Map<Integer, Presence> view = h.views.get(r.slot);
                    assertEquals(watched(g, r.user, r.guildIntent), view.keySet());
                    for (Map.Entry<Integer, Presence> e : view.entrySet()) {
                        assertEquals(h.core.presence(e.getKey()), e.getValue(),
                                "session " + r.slot + "'s view of user " + e.getKey());
                    }
                }
            }
            for (int u = 0; u < USERS; u++) {
                assertEquals(compact.core.presence(u), plain.core.presence(u), "stores disagree on user " + u);
            }
            assertEquals(compact.core.store().sessionCount(), plain.core.store().sessionCount());
        }
        for (RefSession r : ref) {
            assertFalse(r.phase != Phase.ENDED && !compact.core.exists(r.slot));
        }
    }

    /** The k-th session still known to the reference (ended ones included: commands on them are no-ops). */
    static RefSession pick(List<RefSession> ref, int k) {
        return ref.isEmpty() ? null : ref.get(k % ref.size());
    }
}
