package org.sysmodels.presence.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.netty.util.concurrent.DefaultEventExecutor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.sysmodels.core.testing.Props;
import org.sysmodels.presence.cluster.ClusterParts;
import org.sysmodels.presence.model.aggregate.StatusPrecedence;
import org.sysmodels.presence.model.cluster.Adoption;
import org.sysmodels.presence.model.cluster.NodeSink;
import org.sysmodels.presence.model.core.PresenceObserver;
import org.sysmodels.presence.model.core.Timeouts;
import org.sysmodels.presence.model.expiry.TimingWheel;
import org.sysmodels.presence.model.presence.Activity;
import org.sysmodels.presence.model.presence.ClientStatus;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.PresenceUpdate;
import org.sysmodels.presence.model.presence.PresenceView;
import org.sysmodels.presence.model.presence.Status;
import org.sysmodels.presence.model.store.CompactStore;
import org.sysmodels.presence.model.store.SocialGraph;

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

    static final int USERS = 6;
    static final int NODES = 3;
    /** Long clocks: nothing expires during a run (expiry has its own end-to-end tests). */
    static final Timeouts TIMEOUTS = new Timeouts(60_000_000_000L, 30_000_000_000L, 60_000_000_000L);
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

    /** Friends 0-1, 1-2, 2-3, 0-4; guild 0 = {0, 2, 5}, guild 1 = {1, 3, 5}. */
    static SocialGraph graph() {
        return SocialGraph.of(USERS, 2, new int[] {0, 1, 2, 0}, new int[] {1, 2, 3, 4}, 4,
                new int[] {0, 2, 5, 1, 3, 5}, new int[] {0, 0, 0, 1, 1, 1}, 6);
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

    static final class RefSession {
        final int user;
        final Platform platform;
        final boolean guildIntent;
        final String id;
        Status status = Status.OFFLINE;
        List<Activity> activities = List.of();
        long order;
        boolean ended;
        /** Where the session is now (a move leaves the old placement until that node lets it go). */
        Placement at;

        RefSession(int user, Platform platform, boolean guildIntent, String id) {
            this.user = user;
            this.platform = platform;
            this.guildIntent = guildIntent;
            this.id = id;
        }
    }

    /** A session on one node: its slot there, and what it has been shown of each user it watches. */
    static final class Placement {
        final RefSession session;
        final int node;
        int slot;
        final Map<Integer, Presence> view = new HashMap<>();

        Placement(RefSession session, int node) {
            this.session = session;
            this.node = node;
        }
    }

    /** The aggregation rule by brute force; "set last" is command order. */
    static PresenceView refView(List<RefSession> all, int user) {
        List<RefSession> mine = all.stream().filter(s -> s.user == user && !s.ended).toList();
        if (mine.stream().anyMatch(s -> s.status == Status.INVISIBLE)) {
            return PresenceView.OFFLINE;
        }
        List<RefSession> visible = mine.stream().filter(s -> s.status.visible()).toList();
        if (visible.isEmpty()) {
            return PresenceView.OFFLINE;
        }
        ClientStatus cs = ClientStatus.NONE;
        for (Platform p : Platform.values()) {
            Status best = null;
            for (RefSession s : visible) {
                if (s.platform == p && (best == null || StatusPrecedence.rank(s.status) > StatusPrecedence.rank(best))) {
                    best = s.status;
                }
            }
            if (best != null) {
                cs = cs.with(p, best);
            }
        }
        Status overall = visible.stream().map(s -> s.status).max((a, b) -> StatusPrecedence.rank(a)
                - StatusPrecedence.rank(b)).orElseThrow();
        RefSession latest = visible.stream().max((a, b) -> Long.compare(a.order, b.order)).orElseThrow();
        return new PresenceView(overall, cs, latest.activities);
    }

    static Set<Integer> watched(SocialGraph g, int user, boolean guildIntent) {
        Set<Integer> out = new HashSet<>();
        for (int k = g.friendStart()[user]; k < g.friendStart()[user + 1]; k++) {
            out.add(g.friends()[k]);
        }
        if (guildIntent) {
            for (int k = g.guildStart()[user]; k < g.guildStart()[user + 1]; k++) {
                int guild = g.userGuilds()[k];
                for (int m = g.memberStart()[guild]; m < g.memberStart()[guild + 1]; m++) {
                    out.add(g.members()[m]);
                }
            }
        }
        out.remove(user);
        return out;
    }

    /**
     * The changes a node makes in one turn of its presence thread go to Redis as one write.lua call (one log entry);
     * the other node applies every one of them, in the order they were made (the last status wins).
     */
    @Test
    void oneTurnsChangesAreOneWriteCallAndTheOtherNodeAppliesEachInOrder() throws Exception {
        redis.command("FLUSHALL");
        List<String> ignored = Collections.synchronizedList(new ArrayList<>());
        Node a = new Node(0, ignored);
        Node b = new Node(1, ignored);
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

    // ------------------------------------------------------------------ the nodes under test

    /** One node: its presence thread, its backend, and the sessions the test placed on it by slot. */
    static final class Node implements NodeSink {
        final int index;
        final DefaultEventExecutor thread = new DefaultEventExecutor();
        final RedisCluster backend;
        final Map<Integer, Placement> bySlot = new HashMap<>();
        final List<String> violations;

        Node(int index, List<String> violations) {
            this.index = index;
            this.violations = violations;
            ClusterParts parts = new ClusterParts(new CompactStore(graph(), 64), TIMEOUTS,
                    TimingWheel.of(10_000_000L, System.nanoTime()), this, PresenceObserver.NONE, 1, thread,
                    System::nanoTime);
            backend = (RedisCluster) RedisCluster.factory(RedisCluster.parse(redis.uri()), line -> { })
                    .create(parts);
            thread.scheduleAtFixedRate(() -> backend.advance(System.nanoTime()), 50, 50, TimeUnit.MILLISECONDS);
        }

        /**
         * Waits until {@code condition} holds on this node's presence thread, woken by what the node applies and the
         * answers it gets ({@link RedisCluster#whenTrue}); fails after 30 s saying what it waited for.
         */
        void await(java.util.function.BooleanSupplier condition, java.util.function.Supplier<String> what) {
            CompletableFuture<Void> f = call(() -> backend.whenTrue(condition));
            try {
                f.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                fail("node " + index + " waited 30 s for " + call(what::get));
            } catch (Exception e) {
                throw new AssertionError("node " + index + ": " + e, e);
            }
        }

        <T> T call(Callable<T> c) {
            try {
                return thread.submit(c).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("node " + index + ": " + e, e);
            }
        }

        @Override
        public void deliver(int node, Presence presence, int[] sessions, int[] via, int count) {
            for (int i = 0; i < count; i++) {
                Placement p = bySlot.get(sessions[i]);
                RefSession s = p == null ? null : p.session;
                if (s == null) {
                    violations.add("node " + index + " delivered user " + presence.user() + " to slot " + sessions[i]
                            + ", which holds no session of the test");
                    continue;
                }
                if (!watched(graph(), s.user, s.guildIntent).contains(presence.user())) {
                    violations.add("session of user " + s.user + " got user " + presence.user()
                            + ", which it does not watch");
                    continue;
                }
                Presence had = p.view.get(presence.user());
                if (had != null && presence.version() <= had.version()) {
                    violations.add("session of user " + s.user + " got version " + presence.version() + " of user "
                            + presence.user() + " after version " + had.version());
                }
                p.view.put(presence.user(), presence);
            }
        }

        @Override
        public void heartbeatMissed(int node, int session) {
            violations.add("node " + index + ": a heartbeat was missed with 60 s clocks");
        }

        @Override
        public void ended(int node, int session) {
            bySlot.remove(session);
        }

        @Override
        public void takenOver(int node, int session) {
            bySlot.remove(session);
        }

        void close() {
            call(() -> {
                backend.close();
                return null;
            });
            thread.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    static void run(List<Cmd> cmds) {
        try {
            redis.command("FLUSHALL");
        } catch (Exception e) {
            fail("FLUSHALL: " + e);
        }
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        List<Node> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < NODES; i++) {
                nodes.add(new Node(i, violations));
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
                        Node n = nodes.get(i.node());
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
                        Node n = nodes.get(r.at.node);
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
                        Node n = nodes.get(r.at.node);
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
                        Node from = nodes.get(r.at.node);
                        int fromSlot = r.at.slot;
                        from.call(() -> {
                            from.backend.detach(fromSlot, System.nanoTime());
                            return null;
                        });
                        Node to = nodes.get(m.node());
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
            Node late = new Node(NODES, violations);
            nodes.add(late);
            String diff = difference(List.of(late), ref);
            if (diff != null) {
                fail("a node joining once quiet (from the records): " + diff);
            }
            assertEquals(List.of(), violations);
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            nodes.forEach(Node::close);
        }
    }

    /** What a session is shown when it starts on a node (READY, or a resume on another node): the node's presences. */
    static void snapshot(Node n, Placement p) {
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
    static void awaitConvergence(List<Node> nodes, List<RefSession> ref) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (String tail = logTail(); ; ) {
            for (Node n : nodes) {
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

    static String difference(List<Node> nodes, List<RefSession> ref) {
        for (Node n : nodes) {
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
