package org.sysmodels.presence.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.sysmodels.presence.cluster.redis.ClusterReference.USERS;
import static org.sysmodels.presence.cluster.redis.ClusterReference.graph;
import static org.sysmodels.presence.cluster.redis.ClusterReference.refView;
import static org.sysmodels.presence.model.ReferenceRules.watched;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.sysmodels.core.testing.Props;
import org.sysmodels.presence.cluster.redis.ClusterReference.Placement;
import org.sysmodels.presence.cluster.redis.ClusterReference.RefSession;
import org.sysmodels.presence.model.cluster.Adoption;
import org.sysmodels.presence.model.presence.Activity;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.PresenceUpdate;
import org.sysmodels.presence.model.presence.PresenceView;
import org.sysmodels.presence.model.presence.Status;

/**
 * Model-based test of the Redis backend: random sequences of identify (on any of three nodes), status and activity
 * changes, normal closes, and moves (a client resumes its session on another node) go to three {@link RedisCluster}
 * nodes sharing a real redis-server, and to a reference that is a list of sessions with the aggregation rule written
 * out by brute force. Once the cluster is quiet: every node's replica shows every user as the reference does, and
 * every session's view (what it was shown when it identified or moved, then what fan-out delivered) equals the
 * reference for every user it watches. Throughout: no delivery reaches a session that does not watch the user (or is
 * the user's own), and a session's versions of a user only grow. QuickTheories shrinks a failure to a minimal
 * sequence.
 */
class RedisClusterModelTest {

    static final int NODES = 3;
    static RedisServer redis;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stop() {
        if (redis != null) {        // null: skipped, redis-server is not installed
            redis.close();
        }
    }


    sealed interface Cmd {
        record Identify(int user, int platform, int status, boolean guildIntent, int node) implements Cmd {
        }

        record Update(int k, int status, int activity) implements Cmd {
        }

        record Close(int k) implements Cmd {
        }

        record Move(int k, int node) implements Cmd {
        }
    }

    static Gen<Cmd> commands() {
        Gen<Cmd> identify = integers().between(0, USERS - 1).zip(integers().between(0, 3), integers().between(0, 5),
                booleans().all(), integers().between(0, NODES - 1),
                (u, p, st, g, n) -> (Cmd) new Cmd.Identify(u, p, st, g, n));
        Gen<Cmd> update = integers().between(0, 20).zip(integers().between(0, 4), integers().between(0, 2),
                (k, st, a) -> (Cmd) new Cmd.Update(k, st, a));
        Gen<Cmd> close = integers().between(0, 20).map(k -> (Cmd) new Cmd.Close(k));
        Gen<Cmd> move = integers().between(0, 20).zip(integers().between(0, NODES - 1),
                (k, n) -> (Cmd) new Cmd.Move(k, n));
        return integers().between(0, 9).flatMap(k -> k < 3 ? identify : k < 7 ? update : k < 8 ? close : move);
    }

    @Test
    void everyNodeAndEveryObserverConvergesToTheReference() {
        Props.property(25).forAll(lists().of(commands()).ofSizeBetween(1, 25))
                .checkAssert(RedisClusterModelTest::run);
    }

    /**
     * Found by the property: a session moved to node 1 and ended there came back on node 1 as a remote session,
     * because node 0's detach entry (written before the move) arrived after the end and node 1 had forgotten it.
     * The property's shrunk sequence; it depends on the order replies arrive, and failed about one run in three
     * before the fix (ended sessions are now remembered with their generation).
     */
    @Test
    void aSessionMovedAndEndedStaysEndedWhenTheOldHoldersEntryArrivesLate() {
        Cmd.Identify desktop = new Cmd.Identify(0, 0, 0, false, 0);
        Cmd.Update update = new Cmd.Update(0, 0, 0);
        run(List.of(update, update, update, update, new Cmd.Identify(0, 1, 0, false, 0), desktop, desktop, desktop,
                new Cmd.Identify(0, 0, 1, false, 0), desktop, desktop, update, desktop, new Cmd.Move(0, 1),
                new Cmd.Close(0)));
    }

    // ------------------------------------------------------------------ the reference

    /**
     * The changes a node makes in one turn of its presence thread go to Redis as one write.lua call (one log entry);
     * the other node applies every one of them, in the order they were made (the last status wins).
     */
    @Test
    void oneTurnsChangesAreOneWriteCallAndTheOtherNodeAppliesEachInOrder() throws Exception {
        redis.command("FLUSHALL");
        List<String> ignored = Collections.synchronizedList(new ArrayList<>());
        ModelNode a = new ModelNode(0, ignored, redis.uri());
        ModelNode b = new ModelNode(1, ignored, redis.uri());
        try {
            long callsBefore = a.call(() -> a.backend.stats().writeCalls.get());
            a.call(() -> {
                for (int u = 0; u < USERS; u++) {
                    int slot = a.backend.identify(u, Platform.ofOrdinal(0), 0, null, false, System.nanoTime());
                    for (Status st : List.of(Status.DND, Status.IDLE, Status.ONLINE)) {
                        a.backend.update(slot, PresenceUpdate.of(st), System.nanoTime());
                    }
                }
                return null;
            });
            int changes = USERS * 4;    // an open and three updates each
            b.await(() -> b.backend.stats().applied.get() >= changes, () -> "node b to apply " + changes
                    + " changes (it applied " + b.backend.stats().applied.get() + ")");
            assertEquals(callsBefore + 1, a.call(() -> a.backend.stats().writeCalls.get()),
                    "one write.lua call for the turn's " + changes + " changes");
            for (int u = 0; u < USERS; u++) {
                int user = u;
                assertEquals(Status.ONLINE, b.call(() -> b.backend.presence(user).status()), "user " + u);
            }
            assertEquals(changes, b.call(() -> b.backend.stats().applied.get()), "each change applied once");
        } finally {
            a.close();
            b.close();
        }
    }


    static void run(List<Cmd> cmds) {
        try {
            redis.command("FLUSHALL");
        } catch (Exception e) {
            fail("FLUSHALL: " + e);
        }
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        List<ModelNode> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < NODES; i++) {
                nodes.add(new ModelNode(i, violations, redis.uri()));
            }
            List<RefSession> ref = new ArrayList<>();
            long order = 0;
            int ids = 0;
            for (Cmd c : cmds) {
                order++;
                switch (c) {
                    case Cmd.Identify i -> {
                        RefSession r = new RefSession(i.user(), Platform.ofOrdinal(i.platform()), i.guildIntent(),
                                "s" + ids++);
                        Status st = i.status() == 5 ? null : Status.ofOrdinal(i.status());
                        if (st != null) {
                            r.status = st;
                            r.order = order;
                        }
                        ModelNode n = nodes.get(i.node());
                        Placement p = new Placement(r, i.node());
                        r.at = p;
                        n.call(() -> {
                            p.slot = n.backend.identify(r.user, r.platform, 0, st == null ? null
                                    : PresenceUpdate.of(st), r.guildIntent, r.id, System.nanoTime());
                            n.bySlot.put(p.slot, p);
                            snapshot(n, p);
                            return null;
                        });
                        ref.add(r);
                    }
                    case Cmd.Update u -> {
                        RefSession r = pick(ref, u.k());
                        if (r == null) {
                            break;
                        }
                        List<Activity> acts = u.activity() == 0 ? List.of()
                                : List.of(new Activity("game " + u.activity(), 0));
                        PresenceUpdate up = new PresenceUpdate(null, acts, Status.ofOrdinal(u.status()), false);
                        ModelNode n = nodes.get(r.at.node);
                        n.call(() -> {
                            n.backend.update(r.at.slot, up, System.nanoTime());
                            return null;
                        });
                        r.status = up.status();
                        r.activities = acts;
                        r.order = order;
                    }
                    case Cmd.Close cl -> {
                        RefSession r = pick(ref, cl.k());
                        if (r == null) {
                            break;
                        }
                        ModelNode n = nodes.get(r.at.node);
                        n.call(() -> {
                            n.backend.end(r.at.slot, System.nanoTime());
                            return null;
                        });
                        r.ended = true;
                    }
                    case Cmd.Move m -> {
                        RefSession r = pick(ref, m.k());
                        if (r == null || m.node() == r.at.node) {
                            break;
                        }
                        ModelNode from = nodes.get(r.at.node);
                        int fromSlot = r.at.slot;
                        from.call(() -> {
                            from.backend.detach(fromSlot, System.nanoTime());
                            return null;
                        });
                        ModelNode to = nodes.get(m.node());
                        // a client resumes after its READY; the session is in Redis once the node it moves to has it
                        to.await(() -> to.backend.knows(r.id), () -> "the log to bring session " + r.id);
                        CompletableFuture<Adoption> adopted = new CompletableFuture<>();
                        Placement p = new Placement(r, m.node());
                        to.call(() -> {
                            to.backend.adopt(r.id, r.user, 0, System.nanoTime(), a -> {
                                if (a.found()) {
                                    p.slot = a.session();
                                    to.bySlot.put(p.slot, p);
                                    snapshot(to, p);
                                }
                                adopted.complete(a);
                            });
                            return null;
                        });
                        Adoption a = adopted.get(30, TimeUnit.SECONDS);
                        assertTrue(a.found(), "the cluster still has session " + r.id + " to move");
                        r.at = p;
                    }
                }
            }
            awaitConvergence(nodes, ref);
            // a node that joins now learns every session from its record (a snapshot, not the log): the records must
            // hold what the log said
            ModelNode late = new ModelNode(NODES, violations, redis.uri());
            nodes.add(late);
            String diff = difference(List.of(late), ref);
            if (diff != null) {
                fail("a node joining once quiet (from the records): " + diff);
            }
            assertEquals(List.of(), violations);
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            nodes.forEach(ModelNode::close);
        }
    }

    /** What a session is shown when it starts on a node (READY, or a resume on another node): the node's presences. */
    static void snapshot(ModelNode n, Placement p) {
        for (int u : watched(graph(), p.session.user, p.session.guildIntent)) {
            p.view.put(u, n.backend.presence(u));
        }
    }

    /**
     * Waits (bounded) until the cluster is quiet, then requires every replica and every open session's view to equal
     * the reference. Quiet: every node has answers to all it sent and has read the log up to its tail, and the tail
     * is the same afterwards (each node is woken by what it applies and the answers it gets, not polled). Waiting for
     * quiet rather than for agreement makes a wrong state fail at once (a shrinking run tries many sequences), and
     * the 30 s bound only trips if a node stops reading.
     */
    static void awaitConvergence(List<ModelNode> nodes, List<RefSession> ref) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (String tail = logTail(); ; ) {
            for (ModelNode n : nodes) {
                String t = tail;
                n.await(() -> n.backend.settled(t), () -> "quiet at log entry " + t + " (unanswered commands "
                        + n.backend.pending() + ")");
            }
            String now = logTail();
            if (now.equals(tail)) {
                break;
            }
            tail = now;
            if (System.nanoTime() > end) {
                fail("the cluster did not become quiet in 30 s (the log kept growing: tail " + now + ")");
            }
        }
        String diff = difference(nodes, ref);
        if (diff != null) {
            fail("once quiet: " + diff);
        }
    }

    static String logTail() throws java.io.IOException {
        Object r = redis.command("XREVRANGE", Keys.LOG, "+", "-", "COUNT", "1");
        if (r instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof List<?> entry) {
            return String.valueOf(entry.get(0));
        }
        return "0-0";
    }

    static String difference(List<ModelNode> nodes, List<RefSession> ref) {
        for (ModelNode n : nodes) {
            String d = n.call(() -> {
                for (int u = 0; u < USERS; u++) {
                    PresenceView want = refView(ref, u);
                    PresenceView got = n.backend.presence(u).view();
                    if (!want.equals(got)) {
                        return "node " + n.index + " shows user " + u + " as " + got + ", the reference " + want;
                    }
                }
                for (RefSession r : ref) {
                    if (r.ended || r.at.node != n.index) {
                        continue;
                    }
                    for (int u : watched(graph(), r.user, r.guildIntent)) {
                        PresenceView got = r.at.view.get(u).view();
                        if (!refView(ref, u).equals(got)) {
                            return "session " + r.id + " of user " + r.user + " on node " + n.index + " was shown "
                                    + "user " + u + " as " + got + ", the reference " + refView(ref, u);
                        }
                    }
                }
                return null;
            });
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    /** The k-th session the reference knows (ended ones included: commands on them are skipped). */
    static RefSession pick(List<RefSession> ref, int k) {
        if (ref.isEmpty()) {
            return null;
        }
        RefSession r = ref.get(k % ref.size());
        return r.ended ? null : r;
    }
}
