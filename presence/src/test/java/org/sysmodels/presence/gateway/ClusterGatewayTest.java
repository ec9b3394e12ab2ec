package org.sysmodels.presence.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.sysmodels.presence.cluster.redis.ClusterSignals;
import org.sysmodels.presence.cluster.redis.RedisCluster;
import org.sysmodels.presence.cluster.redis.TcpProxy;
import org.sysmodels.presence.gateway.users.UserDirectory;
import org.sysmodels.presence.gateway.users.UsersFile;
import org.sysmodels.presence.model.core.PresenceObserver;
import org.sysmodels.presence.model.session.Phase;

/**
 * Two and three gateway nodes in this JVM sharing presence through a real redis-server (started by the test on a free
 * loopback port; the test fails if it cannot be). Clients speak the gateway protocol over real sockets, each to the
 * node the test picks: a friend's status change crosses nodes, sessions on different nodes aggregate, invisibility
 * holds across nodes, nobody gets an update they do not subscribe to, a node that dies has its users expire on the
 * others, a client resumes on another node with its presence, and after a node loses Redis (its connections killed
 * and held down) or Redis restarts empty, every observer converges while no client is dropped.
 */
class ClusterGatewayTest extends RedisNodesFixture {

    static final long WAIT_S = TestClient.WAIT_S;

    final List<String> log = Collections.synchronizedList(new ArrayList<>());

    /**
     * ada 1001 and grace 1002 are friends; bob 1003 and carol 1004 are friends of mark 1005 only; carol shares guild
     * 9001 with ada (carol identifies without GUILD_PRESENCES); dave 1006 shares guild 9002 with ada, with the intent.
     */
    static UserDirectory world() throws Exception {
        return UserDirectory.of(worldFile());
    }

    static UsersFile worldFile() {
        List<UsersFile.User> users = List.of(
                new UsersFile.User("1001", "ada", "t-ada", List.of("1002"), List.of("9001", "9002"), null),
                new UsersFile.User("1002", "grace", "t-grace", List.of(), List.of(), null),
                new UsersFile.User("1003", "bob", "t-bob", List.of("1005"), List.of(), null),
                new UsersFile.User("1004", "carol", "t-carol", List.of("1005"), List.of("9001"), null),
                new UsersFile.User("1005", "mark", "t-mark", List.of(), List.of(), null),
                new UsersFile.User("1006", "dave", "t-dave", List.of(), List.of("9002"), null));
        return new UsersFile(users, List.of(new UsersFile.Guild("9001", "one"), new UsersFile.Guild("9002", "two")));
    }

    static GatewayConfig config() {
        return GatewayConfig.defaults().withHeartbeat(Duration.ofSeconds(2)).withResumeWindow(Duration.ofSeconds(2))
                .withIdentifyTimeout(Duration.ofSeconds(10)).withIoThreads(1).withIdentifyConcurrency(1000);
    }

    GatewayServer node(String uri) throws Exception {
        return node(uri, PresenceObserver.NONE);
    }

    GatewayServer node(String uri, PresenceObserver observer) throws Exception {
        GatewayServer s = GatewayServer.start(config(), world(), null, observer,
                RedisCluster.factory(RedisCluster.parse(uri), log::add));
        nodes.add(s);
        return s;
    }

    /**
     * A node's own clock as its core reports it (on the node's presence thread): when a session of {@code user} first
     * lost its connection there, and the time of the node's latest expiry pass.
     */
    static final class NodeClock implements PresenceObserver {
        private final int user;
        volatile long detachedAt = -1;
        volatile long lastPass = -1;

        NodeClock(int user) {
            this.user = user;
        }

        @Override
        public void phaseChanged(int session, int u, Phase from, Phase to, long at) {
            if (u == user && to == Phase.DETACHED && detachedAt < 0) {
                detachedAt = at;
            }
        }

        @Override
        public void expiryPass(int fired, long touched, int scheduled, long at) {
            lastPass = at;
        }

        /** True once an expiry pass ran {@code ns} (and two ticks, the wheel's lateness) after the detach. */
        boolean passed(long ns) {
            long d = detachedAt;
            return d >= 0 && lastPass >= d + ns + 2 * config().tick().toNanos();
        }
    }

    GatewayServer node() throws Exception {
        return node(redis.uri());
    }

    static RedisCluster cluster(GatewayServer s) {
        return (RedisCluster) s.cluster();
    }

    /** A client on {@code node} that heartbeats every 700 ms (the nodes' interval is 2 s). */
    TestClient client(GatewayServer node) throws Exception {
        TestClient c = TestClient.connect(clients, node.gatewayUrl() + "?v=10&encoding=json");
        opened.add(c);
        return c;
    }

    void heartbeat(TestClient c) {
        c.ws.channel().eventLoop().scheduleAtFixedRate(() -> {
            if (c.ws.isOpen()) {
                c.send(TestClient.heartbeat(c.lastSeq == 0 ? null : c.lastSeq));
            }
        }, 700, 700, TimeUnit.MILLISECONDS);
    }

    /** Identifies with {@code intents} (1 GUILDS, 1 << 8 GUILD_PRESENCES) and heartbeats; READY is returned. */
    JsonNode identify(TestClient c, String token, String status, String device, long intents) throws Exception {
        c.hello();
        c.send(TestClient.identifyJson(token, status, device, intents));
        JsonNode ready = c.nextDispatch("READY");
        heartbeat(c);
        return ready;
    }

    JsonNode identify(TestClient c, String token, String status, String device) throws Exception {
        return identify(c, token, status, device, 1 << 8 | 1);
    }

    // ------------------------------------------------------------------ what a client has been shown

    /** The last presence {@code c} was shown of {@code userId} (READY, GUILD_CREATE, PRESENCE_UPDATE); null: none. */
    static JsonNode shown(TestClient c, String userId) {
        JsonNode last = null;
        List<String> texts;
        synchronized (c.all) {
            texts = new ArrayList<>(c.all);
        }
        for (String t : texts) {
            JsonNode n;
            try {
                n = TestClient.JSON.readTree(t);
            } catch (Exception e) {
                continue;
            }
            String type = n.path("t").asText();
            if (type.equals("PRESENCE_UPDATE") && userId.equals(n.path("d").path("user").path("id").asText())) {
                last = n.path("d");
            } else if (type.equals("READY") || type.equals("GUILD_CREATE")) {
                for (JsonNode p : n.path("d").path("presences")) {
                    if (userId.equals(p.path("user").path("id").asText())) {
                        last = p;
                    }
                }
            }
        }
        return last;
    }

    static String status(TestClient c, String userId) {
        JsonNode p = shown(c, userId);
        return p == null ? "offline" : p.path("status").asText();
    }

    /**
     * Waits until {@code c} has been shown {@code userId} as {@code want}, looking again as each payload arrives
     * (bounded); fails with what it got.
     */
    static JsonNode await(TestClient c, String userId, Predicate<JsonNode> want, String what) throws Exception {
        return c.awaitArrival(x -> {
            JsonNode p = shown(x, userId);
            return p == null ? OFFLINE : p;
        }, want, userId + " shown as " + what);
    }

    private static final JsonNode OFFLINE = TestClient.JSON.createObjectNode().put("status", "offline");

    static JsonNode awaitStatus(TestClient c, String userId, String status) throws Exception {
        return await(c, userId, p -> status.equals(p.path("status").asText()), status);
    }

    /** Polls a gateway counter, which has no signal to wait on (the cluster's waits use {@link ClusterSignals}). */
    static void awaitTrue(java.util.function.BooleanSupplier cond, String what) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("never happened within " + WAIT_S + " s: " + what);
            }
            Thread.sleep(20);
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    void theLoadGeneratorSpreadsConnectionsOverNodesAndTimesCrossNodeDeliveries() throws Exception {
        for (int i = 0; i < 2; i++) {
            nodes.add(GatewayServer.start(config().withHeartbeat(Duration.ofSeconds(10)), UserDirectory.loadWorld(60,
                    5), null, PresenceObserver.NONE, RedisCluster.factory(RedisCluster.parse(redis.uri()), log::add)));
        }
        String urls = nodes.get(0).gatewayUrl() + "," + nodes.get(1).gatewayUrl();
        LoadCommand load = new LoadCommand();
        java.io.StringWriter text = new java.io.StringWriter();
        java.io.PrintWriter w = new java.io.PrintWriter(text, true);
        int rc = load.run(org.sysmodels.core.testing.TestFlags.parse(load.options(), "--nodes", urls,
                "--connections", "60", "--watchers", "5", "--updates-per-second", "40", "--duration", "3s"), w, w);
        String out = text.toString();
        assertEquals(0, rc, out);
        assertTrue(out.contains("60 of 60 held"), out);
        assertTrue(out.contains("result: no session lost"), out);
        // guilds of 6 consecutive users, connection i on node i mod 2: every update has watchers on both nodes
        assertTrue(out.matches("(?s).*same node: +p50 .*\\([1-9][0-9,]* samples\\).*"), out);
        assertTrue(out.matches("(?s).*cross node: p50 .*\\([1-9][0-9,]* samples\\).*"), out);
        assertTrue(out.matches("(?s).*cross-node p99 / same-node p99: [0-9.]+x \\(2 nodes, same run\\).*"), out);
    }

    @Test
    void loadRefusesBadNodeLists() {
        LoadCommand load = new LoadCommand();
        java.io.PrintWriter w = new java.io.PrintWriter(java.io.Writer.nullWriter());
        for (String[] bad : List.of(new String[] {"--nodes", "ws://127.0.0.1:1/gateway"},
                new String[] {"--nodes", "ws://127.0.0.1:1/gateway,http://127.0.0.1:2/"},
                new String[] {"--nodes", "ws://127.0.0.1:1/gateway,ws://127.0.0.1:1/gateway"},
                new String[] {"--nodes", "ws://127.0.0.1:1/gateway,ws://[::1"},
                new String[] {"--nodes", "ws://a:1/g,ws://b:1/g", "--url", "ws://a:1/g"})) {
            org.sysmodels.core.input.UserInputException e = assertThrows(
                    org.sysmodels.core.input.UserInputException.class,
                    () -> load.run(org.sysmodels.core.testing.TestFlags.parse(load.options(), bad), w, w));
            assertTrue(e.getMessage().startsWith("--"), "names the flag: " + e.getMessage());
        }
    }

    @Test
    void aFriendOnAnotherNodeSeesEveryStatusChange() throws Exception {
        GatewayServer a = node();
        GatewayServer b = node();
        TestClient ada = client(a);
        identify(ada, "t-ada", "online", "desktop");
        TestClient grace = client(b);
        identify(grace, "t-grace", "online", "mobile");
        awaitStatus(grace, "1001", "online");
        awaitStatus(ada, "1002", "online");
        for (String s : List.of("dnd", "idle", "online", "dnd")) {
            ada.send(TestClient.status(s));
            JsonNode p = awaitStatus(grace, "1001", s);
            assertEquals(s, p.path("client_status").path("desktop").asText(), "client_status follows: " + p);
        }
        assertFalse(grace.closed.isDone(), "grace's connection stays open");
    }

    /**
     * Closing a node while the other keeps sending it changes through Redis logs nothing at WARNING or above (the
     * node stops its cluster reader before the engine and the engine before the event loops, so no stage hands work
     * to an executor already shut down, which Netty would log as a RejectedExecutionException). Netty logs through
     * java.util.logging here (SLF4J has no provider).
     */
    @Test
    void closingANodeWhileChangesArriveLogsNoError() throws Exception {
        assertTrue(io.netty.util.internal.logging.InternalLoggerFactory.getDefaultFactory()
                instanceof io.netty.util.internal.logging.JdkLoggerFactory, "this test reads Netty's log through "
                + "java.util.logging; Netty logs to " + io.netty.util.internal.logging.InternalLoggerFactory
                .getDefaultFactory());
        List<java.util.logging.LogRecord> logged = Collections.synchronizedList(new ArrayList<>());
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    logged.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try {
            GatewayServer a = node();
            GatewayServer b = node();
            TestClient ada = client(a);
            identify(ada, "t-ada", "online", "desktop");
            TestClient grace = client(b);
            identify(grace, "t-grace", "online", "mobile");
            awaitStatus(ada, "1002", "online");
            for (int round = 0; round < 3; round++) {
                // changes in flight from b to a through Redis while a closes
                for (int i = 0; i < 20; i++) {   // 60 in all: under the 120 per 60 s limit
                    grace.send(TestClient.status(i % 2 == 0 ? "dnd" : "online"));
                }
                if (round == 1) {
                    a.close();
                    nodes.remove(a);
                }
                Thread.sleep(100);
            }
            assertFalse(grace.closed.isDone(), "the other node's client stays connected");
        } finally {
            root.removeHandler(capture);
        }
        synchronized (logged) {
            assertTrue(logged.isEmpty(), "closing a node logged: " + logged.stream().map(r -> r.getLevel() + " "
                    + r.getLoggerName() + ": " + r.getMessage() + (r.getThrown() == null ? "" : " " + r.getThrown()))
                    .toList());
        }
    }

    @Test
    void sessionsOnThreeNodesAggregateIntoOnePresence() throws Exception {
        GatewayServer a = node();
        GatewayServer b = node();
        GatewayServer c = node();
        TestClient adaDesktop = client(a);
        identify(adaDesktop, "t-ada", "online", "desktop");
        TestClient adaMobile = client(b);
        identify(adaMobile, "t-ada", "dnd", "mobile");
        TestClient grace = client(c);
        identify(grace, "t-grace", "online", "web");
        JsonNode p = await(grace, "1001", x -> "dnd".equals(x.path("status").asText())
                && "online".equals(x.path("client_status").path("desktop").asText())
                && "dnd".equals(x.path("client_status").path("mobile").asText()), "dnd, desktop online, mobile dnd");
        assertEquals(2, p.path("client_status").size(), "two platforms: " + p);
        adaMobile.ws.close(1000);
        p = await(grace, "1001", x -> "online".equals(x.path("status").asText())
                && x.path("client_status").size() == 1, "online on desktop only");
        assertEquals("online", p.path("client_status").path("desktop").asText());
    }

    @Test
    void invisibleOnOneNodeHidesTheUserOnEveryNode() throws Exception {
        GatewayServer a = node();
        GatewayServer b = node();
        GatewayServer c = node();
        TestClient adaOnline = client(a);
        identify(adaOnline, "t-ada", "online", "desktop");
        TestClient graceOnA = client(a);
        identify(graceOnA, "t-grace", "online", "web");
        TestClient graceOnC = client(c);
        identify(graceOnC, "t-grace", "online", "mobile");
        awaitStatus(graceOnA, "1001", "online");
        awaitStatus(graceOnC, "1001", "online");
        TestClient adaHidden = client(b);
        identify(adaHidden, "t-ada", "invisible", "mobile");
        for (TestClient g : List.of(graceOnA, graceOnC)) {
            JsonNode p = awaitStatus(g, "1001", "offline");
            assertEquals(0, p.path("client_status").size(), "no platform shows: " + p);
        }
        adaOnline.send(TestClient.status("dnd"));      // the visible session changes: still hidden
        adaHidden.send(TestClient.status("online"));   // and now it comes out: dnd wins
        awaitStatus(graceOnA, "1001", "dnd");
        awaitStatus(graceOnC, "1001", "dnd");
        for (TestClient g : List.of(graceOnA, graceOnC)) {
            for (String t : new ArrayList<>(g.all)) {
                JsonNode n = TestClient.JSON.readTree(t);
                if ("PRESENCE_UPDATE".equals(n.path("t").asText()) && "1001".equals(n.path("d").path("user")
                        .path("id").asText())) {
                    assertTrue(!n.path("d").path("status").asText().equals("dnd")
                                    || n.path("d").path("client_status").path("mobile").asText().equals("online"),
                            "never dnd before the invisible session came out: " + n);
                }
            }
        }
    }

    @Test
    void noUpdateReachesSomeoneWhoDoesNotSubscribe() throws Exception {
        GatewayServer a = node();
        GatewayServer b = node();
        GatewayServer c = node();
        TestClient ada = client(a);
        identify(ada, "t-ada", "online", "desktop");
        TestClient grace = client(a);
        identify(grace, "t-grace", "online", "desktop");
        TestClient bob = client(b);                     // not related to ada
        identify(bob, "t-bob", "online", "desktop");
        TestClient carol = client(c);                   // shares a guild with ada, without GUILD_PRESENCES
        identify(carol, "t-carol", "online", "desktop", 1);
        TestClient dave = client(b);                    // shares a guild with ada, with GUILD_PRESENCES
        identify(dave, "t-dave", "online", "desktop");
        TestClient mark = client(a);                    // the marker: bob and carol watch mark
        identify(mark, "t-mark", "online", "desktop");
        for (String s : List.of("dnd", "idle", "online", "dnd")) {
            ada.send(TestClient.status(s));
            awaitStatus(grace, "1001", s);              // node a has applied (and logged) ada's change
        }
        mark.send(TestClient.status("idle"));          // logged by node a after every change of ada's
        awaitStatus(bob, "1005", "idle");
        awaitStatus(carol, "1005", "idle");
        awaitStatus(dave, "1001", "dnd");               // dave subscribes: he gets ada's changes across nodes
        for (TestClient x : List.of(bob, carol)) {
            assertEquals(null, shown(x, "1001"), "someone who does not subscribe to ada saw her: " + x.all);
        }
    }

    /** Three nodes a, b and a doomed one; grace is online on a, ada dnd on the doomed node, which then dies. */
    record AfterADeath(GatewayServer a, GatewayServer b, TestClient grace, String adaSession, long adaSeq) {
    }

    AfterADeath adaOnANodeThatDies() throws Exception {
        GatewayServer a = node();
        GatewayServer b = node();
        GatewayServer doomed = node();
        GraceAndAda two = graceAndAda(a, doomed);
        long seq = two.ada().lastSeq;
        cluster(doomed).halt();                         // it stops renewing, as a killed process would
        nodes.remove(doomed);
        doomed.close();
        return new AfterADeath(a, b, two.grace(), two.adaSession(), seq);
    }

    @Test
    void aNodeThatDiesHasItsUsersGoOfflineOnTheOthers() throws Exception {
        AfterADeath x = adaOnANodeThatDies();
        awaitStatus(x.grace(), "1001", "offline");
        ClusterSignals.await(WAIT_S, () -> "a surviving node swept the expired session",
                () -> cluster(x.a()).stats().swept.get() + cluster(x.b()).stats().swept.get() >= 1,
                cluster(x.a()), cluster(x.b()));
        assertFalse(x.grace().closed.isDone(), "grace's connection stays open");
    }

    @Test
    void aClientResumesOnAnotherNodeWhenItsNodeDies() throws Exception {
        AfterADeath x = adaOnANodeThatDies();
        TestClient again = client(x.b());
        again.hello();
        again.send(TestClient.resume("t-ada", x.adaSession(), x.adaSeq()));
        JsonNode friend = again.nextPresence("1002");
        assertEquals(x.adaSeq() + 1, friend.path("s").asLong(), "numbering goes on from the client's seq");
        assertEquals("online", friend.path("d").path("status").asText());
        JsonNode resumed = again.nextDispatch("RESUMED");
        assertTrue(resumed.path("s").asLong() > x.adaSeq() + 1);
        heartbeat(again);
        JsonNode p = awaitStatus(x.grace(), "1001", "dnd");   // ada kept the status she set on the dead node
        assertEquals("dnd", p.path("client_status").path("desktop").asText());
        again.send(TestClient.status("idle"));
        awaitStatus(x.grace(), "1001", "idle");
        assertEquals(1, cluster(x.b()).stats().takenOver.get());
    }

    /** Grace, then Ada (dnd), identified on their nodes (one node or two), each seeing the other. */
    private record GraceAndAda(TestClient grace, TestClient ada, String adaSession) {
    }

    private GraceAndAda graceAndAdaOn(GatewayServer node) throws Exception {
        return graceAndAda(node, node);
    }

    private GraceAndAda graceAndAda(GatewayServer graceNode, GatewayServer adaNode) throws Exception {
        TestClient grace = client(graceNode);
        identify(grace, "t-grace", "online", "desktop");
        TestClient ada = client(adaNode);
        JsonNode ready = identify(ada, "t-ada", "dnd", "desktop");
        awaitStatus(grace, "1001", "dnd");
        awaitStatus(ada, "1002", "online");
        return new GraceAndAda(grace, ada, ready.path("d").path("session_id").asText());
    }

    @Test
    void aClientResumesOnAnotherNodeWhileTheFirstLivesAndTheFirstLetsGo() throws Exception {
        NodeClock aClock = new NodeClock(world().userById("1001").orElseThrow());
        GatewayServer a = node(redis.uri(), aClock);
        GatewayServer b = node();
        GraceAndAda two = graceAndAdaOn(a);
        TestClient grace = two.grace();
        TestClient ada = two.ada();
        String session = two.adaSession();
        ada.ws.close(4000);                             // not 1000/1001: the session stays resumable
        assertEquals(4000, ada.closeCode());

        TestClient again = client(b);
        again.hello();
        again.send(TestClient.resume("t-ada", session, ada.receivedSeq()));
        again.nextDispatch("RESUMED");
        heartbeat(again);
        ClusterSignals.await(WAIT_S, () -> "node a let the session go", () -> cluster(a).stats().handedOver.get() == 1,
                cluster(a));
        again.send(TestClient.status("idle"));
        awaitStatus(grace, "1001", "idle");
        // a's resume window would have ended the session by now had a kept it (judged on a's own clock); b renews it
        awaitTrue(() -> aClock.passed(config().resumeWindow().toNanos()),
                "node a ran an expiry pass after the resume window of the session it let go");
        grace.send(TestClient.status("dnd"));
        awaitStatus(again, "1002", "dnd");
        assertEquals("idle", status(grace, "1001"));
    }

    /**
     * Ada on node a gets READY, two GUILD_CREATEs and grace's change, then loses her connection (4000); node a
     * records what it had sent her. Returns her session id and last seq once the record holds them.
     */
    private record Lost(GatewayServer b, String session, long seq) {
    }

    private Lost adaLosesHerConnectionOnA() throws Exception {
        GatewayServer a = node();
        GatewayServer b = node();
        GraceAndAda two = graceAndAdaOn(a);
        TestClient ada = two.ada();
        String session = two.adaSession();
        two.grace().send(TestClient.status("idle"));
        awaitStatus(ada, "1002", "idle");
        ada.ws.close(4000);
        assertEquals(4000, ada.closeCode());
        String key = "{pres}:s:" + session;                  // cluster.redis.Keys.session
        awaitTrue(() -> recorded(key), "node a recorded what it sent ada (touch.lua's q)");
        long seq = ada.receivedSeq();
        assertEquals(Long.toString(seq), redis.command("HGET", key, "q").toString());
        return new Lost(b, session, seq);
    }

    private boolean recorded(String key) {
        try {
            return redis.command("HGET", key, "q") != null;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void aResumeOnAnotherNodeAboveTheLastSentIsInvalidSeq() throws Exception {
        Lost x = adaLosesHerConnectionOnA();
        TestClient again = client(x.b());
        again.hello();
        again.send(TestClient.resume("t-ada", x.session(), x.seq() + 997));
        assertEquals(4007, again.closeCode(), "as node a would answer: " + again.all);
        TestClient retry = client(x.b());                   // the session is still resumable, with the right seq
        retry.hello();
        retry.send(TestClient.resume("t-ada", x.session(), x.seq()));
        assertTrue(retry.nextDispatch("RESUMED").path("s").asLong() > x.seq());
    }

    @Test
    void aResumeOnAnotherNodeBeforeWhatIsNeverReplayedIsInvalidSession() throws Exception {
        Lost x = adaLosesHerConnectionOnA();
        TestClient again = client(x.b());
        again.hello();
        again.send(TestClient.resume("t-ada", x.session(), 1));     // READY only: GUILD_CREATE missed
        JsonNode invalid = again.next(n -> n.path("op").asInt() == 9);
        assertFalse(invalid.path("d").asBoolean(), "identify anew: " + invalid);
        assertTrue(again.all.stream().noneMatch(f -> f.contains("\"RESUMED\"")), again.all.toString());
    }

    @Test
    void aResumeOnAnotherNodeNumbersAfterWhatTheFirstNodeSent() throws Exception {
        Lost x = adaLosesHerConnectionOnA();
        TestClient again = client(x.b());
        again.hello();
        again.send(TestClient.resume("t-ada", x.session(), x.seq() - 1));   // missed grace's change
        JsonNode grace = again.nextPresence("1002");
        assertEquals("idle", grace.path("d").path("status").asText());
        assertTrue(grace.path("s").asLong() > x.seq(), "numbered after the last a sent, " + x.seq() + ": " + grace);
        JsonNode resumed = again.nextDispatch("RESUMED");
        assertTrue(resumed.path("s").asLong() > grace.path("s").asLong());
    }

    @Test
    void aNodeThatLosesRedisGoesOnLocallyAndConvergesWhenItIsBack() throws Exception {
        try (TcpProxy path = new TcpProxy(redis.port())) {
            GatewayServer a = node();
            GatewayServer b = node(path.uri());
            TestClient ada = client(a);
            identify(ada, "t-ada", "online", "desktop");
            TestClient grace = client(b);
            identify(grace, "t-grace", "online", "desktop");
            TestClient mark = client(b);
            identify(mark, "t-mark", "online", "desktop");
            TestClient bob = client(b);                 // bob and mark on the cut node watch each other's friend
            identify(bob, "t-bob", "online", "desktop");
            awaitStatus(grace, "1001", "online");
            awaitStatus(ada, "1002", "online");
            awaitStatus(bob, "1005", "online");

            path.cut();                                  // b's connections die and stay down
            ClusterSignals.await(WAIT_S, () -> "node b noticed", () -> !cluster(b).connected(), cluster(b));
            ada.send(TestClient.status("dnd"));         // b cannot hear it yet
            mark.send(TestClient.status("idle"));       // b's own users still see each other
            awaitStatus(bob, "1005", "idle");
            awaitStatus(ada, "1002", "offline");        // grace's key expired: a swept her
            path.restore();

            awaitStatus(grace, "1001", "dnd");          // b replayed the log
            awaitStatus(ada, "1002", "online");         // b registered grace again
            ClusterSignals.await(WAIT_S, () -> "node b reconnected", () -> cluster(b).connected(), cluster(b));
            for (TestClient x : List.of(grace, mark, bob, ada)) {
                assertFalse(x.closed.isDone(), "no client was dropped: " + x.all);
            }
            assertEquals(1, cluster(b).stats().outages.get());
            assertTrue(log.stream().anyMatch(l -> l.contains("lost Redis")), "the outage is logged: " + log);
            ClusterSignals.await(WAIT_S, () -> "the recovery is logged: " + log,
                    () -> {
                        synchronized (log) {        // checked on b's presence thread while a's may log
                            return log.stream().anyMatch(l -> l.contains("Redis back after"));
                        }
                    }, cluster(b));
        }
    }

    @Test
    void aRedisRestartMidRunConverges() throws Exception {
        GatewayServer a = node();
        GatewayServer b = node();
        TestClient ada = client(a);
        identify(ada, "t-ada", "online", "desktop");
        TestClient grace = client(b);
        identify(grace, "t-grace", "online", "desktop");
        TestClient dave = client(b);
        identify(dave, "t-dave", "online", "desktop");
        awaitStatus(grace, "1001", "online");
        awaitStatus(ada, "1002", "online");

        redis.stop();
        ClusterSignals.await(WAIT_S, () -> "both nodes noticed",
                () -> !cluster(a).connected() && !cluster(b).connected(), cluster(a), cluster(b));
        ada.send(TestClient.status("idle"));            // while Redis is down
        redis.restart();                                 // empty: no persistence

        awaitStatus(grace, "1001", "idle");
        awaitStatus(dave, "1001", "idle");
        grace.send(TestClient.status("dnd"));
        awaitStatus(ada, "1002", "dnd");
        ClusterSignals.await(WAIT_S, () -> "both reconnected", () -> cluster(a).connected() && cluster(b).connected(),
                cluster(a), cluster(b));
        assertEquals(1, cluster(a).stats().dataLosses.get());
        assertEquals(1, cluster(b).stats().dataLosses.get());
        for (TestClient x : List.of(ada, grace, dave)) {
            assertFalse(x.closed.isDone(), "no client was dropped: " + x.all);
        }
        assertTrue(log.stream().anyMatch(l -> l.contains("lost its data")), "the data loss is logged: " + log);
    }

    /**
     * Linux socket(7) SO_REUSEPORT: two nodes (here in one JVM; in production two processes, each with its own
     * RLIMIT_NOFILE) listen on one port, the kernel spreads connections over both by a hash of each connection's
     * addresses, and presence is shared through Redis as between any two nodes. Without the option the second bind
     * fails.
     */
    @Test
    void twoNodesShareOnePortWithSoReusePort() throws Exception {
        GatewayServer a = GatewayServer.start(config().withReusePort(true), world(), null, PresenceObserver.NONE,
                RedisCluster.factory(RedisCluster.parse(redis.uri()), log::add));
        nodes.add(a);
        Exception refused = assertThrows(Exception.class, () -> GatewayServer.start(config().withPort(a.port()),
                world(), null, PresenceObserver.NONE, RedisCluster.factory(RedisCluster.parse(redis.uri()),
                        log::add)), "without SO_REUSEPORT the port is taken");
        assertTrue(String.valueOf(refused.getMessage()).contains("in use"), String.valueOf(refused));
        GatewayServer b = GatewayServer.start(config().withReusePort(true).withPort(a.port()), world(), null,
                PresenceObserver.NONE, RedisCluster.factory(RedisCluster.parse(redis.uri()), log::add));
        nodes.add(b);
        assertEquals(a.gatewayUrl(), b.gatewayUrl());
        int n = 32;     // all 32 on one node by chance: 2 in 2^32
        List<TestClient> cs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cs.add(client(a));
        }
        awaitTrue(() -> a.stats().connections.get() + b.stats().connections.get() == n, "both nodes counted the "
                + n + " connections");
        assertTrue(a.stats().connections.get() > 0 && b.stats().connections.get() > 0, "the kernel spread them: "
                + a.stats().connections.get() + " and " + b.stats().connections.get());
        identify(cs.get(0), "t-ada", "dnd", "desktop");
        identify(cs.get(1), "t-grace", "online", "desktop");
        awaitStatus(cs.get(1), "1001", "dnd");
        awaitStatus(cs.get(0), "1002", "online");
    }

    @Test
    void aNodeWithAnotherWorldIsRefused() throws Exception {
        node();
        UserDirectory other = UserDirectory.loadWorld(10, 3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> GatewayServer.start(config(),
                other, null, PresenceObserver.NONE, RedisCluster.factory(RedisCluster.parse(redis.uri()),
                        log::add)));
        assertTrue(e.getMessage().contains("another world"), e.getMessage());
    }

    /** Two users files of one shape (the same friendships and guilds by index) that name other users are two worlds. */
    @Test
    void aNodeWhoseUsersFileNamesOtherUsersInTheSameShapeIsRefused() throws Exception {
        node();
        List<UsersFile.User> users = new ArrayList<>();
        for (UsersFile.User u : (worldFile()).users()) {
            users.add(new UsersFile.User(u.id().replace("100", "200"), u.name(), u.token(),
                    u.friends().stream().map(f -> f.replace("100", "200")).toList(), u.guilds(), u.presenceIntent()));
        }
        UserDirectory other = UserDirectory.of(new UsersFile(users, worldFile().guilds()));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> GatewayServer.start(config(),
                other, null, PresenceObserver.NONE, RedisCluster.factory(RedisCluster.parse(redis.uri()),
                        log::add)));
        assertTrue(e.getMessage().contains("another world"), e.getMessage());
    }
}
