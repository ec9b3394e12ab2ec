package org.sysmodels.presence.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sysmodels.presence.gateway.users.UserDirectory;
import org.sysmodels.presence.gateway.users.UsersFile;
import org.sysmodels.presence.model.presence.Status;
import org.sysmodels.presence.model.session.Phase;

/**
 * The gateway over real sockets on loopback: Hello, Heartbeat/ACK, Identify → READY and GUILD_CREATE, Presence
 * Update fan-out with sequence numbers, and every close code for its fault. Each test uses its own users (tokens) so
 * tests do not see each other's presences.
 */
class GatewayProtocolTest {

    /** Discord's timeouts (45 s heartbeats, a 3 min resume window, 20 s to Identify): for tests not about timing. */
    static final GatewayConfig PATIENT = GatewayConfig.defaults().withIoThreads(2).withIdentifyConcurrency(1000);
    /** Short timeouts (1 s heartbeats + 0.5 s grace, 1.5 s resume window and Identify timeout): the timing tests. */
    static final GatewayConfig TIMED = PATIENT.withHeartbeat(Duration.ofMillis(1000))
            .withResumeWindow(Duration.ofMillis(1500)).withIdentifyTimeout(Duration.ofMillis(1500));

    static EventLoopGroup clients;
    /** The server for tests not about timing: on a loaded machine a slow test thread cannot trip its timeouts. */
    static GatewayServer server;
    static PublishedPresences published;
    /** The server for the tests about timeouts, resume windows and heartbeats. */
    static GatewayServer timed;
    static PublishedPresences timedPublished;

    /**
     * Users 1001.. in pairs of friends (2k+1001 ↔ 2k+1002, tokens t1001...), all in guild 9001 except the
     * presence-intent-less user 1099; a big guild 9100 of 60 members (users 2000-2059) with 1001 in it.
     */
    static UserDirectory world() throws Exception {
        List<UsersFile.User> users = new ArrayList<>();
        for (int i = 1001; i <= 1040; i++) {
            List<String> friends = i % 2 == 1 ? List.of(String.valueOf(i + 1)) : List.of();
            List<String> guilds = i == 1001 ? List.of("9001", "9100") : List.of("9001");
            users.add(new UsersFile.User(String.valueOf(i), "user" + i, "t" + i, friends, guilds, null));
        }
        users.add(new UsersFile.User("1099", "nointent", "t1099", List.of(), List.of(), false));
        for (int i = 2000; i < 2060; i++) {
            users.add(new UsersFile.User(String.valueOf(i), "big" + i, "t" + i, List.of(), List.of("9100"), null));
        }
        return UserDirectory.of(new UsersFile(users, List.of(new UsersFile.Guild("9001", "test"),
                new UsersFile.Guild("9100", "big"))));
    }

    @BeforeAll
    static void start() throws Exception {
        clients = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        UserDirectory users = world();
        published = new PublishedPresences(users, TestClient.WAIT_S);
        server = GatewayServer.start(PATIENT, users, null, published);
        UserDirectory timedUsers = world();
        timedPublished = new PublishedPresences(timedUsers, TestClient.WAIT_S);
        timed = GatewayServer.start(TIMED, timedUsers, null, timedPublished);
    }

    @AfterAll
    static void stop() {
        server.close();
        timed.close();
        clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    static TestClient client() throws Exception {
        return client(server);
    }

    static TestClient client(GatewayServer s) throws Exception {
        return TestClient.connect(clients, s.gatewayUrl() + "?v=10&encoding=json");
    }

    /**
     * Resumes on {@code c} (after Hello). The server may not yet have seen the old connection drop: then it answers
     * Invalid Session with d = true and closes the old one, and a correct client resumes again.
     */
    static void resume(TestClient c, String token, String session, long seq) throws Exception {
        c.send(TestClient.resume(token, session, seq));
        JsonNode first = c.nextOrClosed();
        if (first == null) {
            return;
        }
        if (first.path("op").asInt() == 9 && first.path("d").asBoolean()) {
            c.send(TestClient.resume(token, session, seq));
        } else {
            c.inbox.addFirst(first);
        }
    }

    /** Waits (bounded) until {@code userId} is published with {@code want} and the server shows it. */
    static void awaitStatus(String userId, Status want) throws Exception {
        published.await(server, userId, want, "user " + userId + " showing " + want);
    }

    /** The same on the {@link #timed} server. */
    static void awaitTimedStatus(String userId, Status want) throws Exception {
        timedPublished.await(timed, userId, want, "user " + userId + " showing " + want);
    }

    /**
     * A node that stops tells its sessions to reconnect and resume (op 7, then close 4000), as a gateway going down
     * for a restart does; before, its connections just ended and clients saw an abnormal 1006. A connection that
     * has not identified has no session to resume and is simply closed.
     */
    @Test
    void aStoppingNodeSendsReconnectThenClosesWith4000() throws Exception {
        GatewayServer stopping = GatewayServer.start(PATIENT, world());
        TestClient a = client(stopping);
        a.identify("t1003", "online", "web");
        TestClient quiet = client(stopping);
        quiet.hello();
        stopping.close();
        JsonNode reconnect = a.next(n -> n.path("op").asInt() == 7);
        assertTrue(reconnect.path("d").isNull() && reconnect.path("s").isNull(), reconnect.toString());
        assertEquals(4000, a.closeCode());
        assertTrue(quiet.closeCode() > 0);
    }

    @Test
    void helloCarriesTheIntervalAndNullSequenceAndType() throws Exception {
        TestClient c = client();
        JsonNode h = c.hello();
        assertEquals(PATIENT.heartbeatInterval().toMillis(), h.path("d").path("heartbeat_interval").asLong());
        assertTrue(h.get("s").isNull() && h.get("t").isNull(), "s and t are null on op 10: " + h);
        c.send(TestClient.heartbeat(null));
        JsonNode ack = c.next();
        assertEquals(11, ack.get("op").asInt());
        assertTrue(ack.get("s").isNull() && ack.get("t").isNull(), "s and t null on op 11: " + ack);
        c.ws.close(1000);
    }

    @Test
    void identifyGivesReadyThenGuildCreatesWithGrowingSequence() throws Exception {
        TestClient c = client();
        JsonNode ready = c.identify("t1003", "online", "desktop");
        assertEquals(1, ready.get("s").asLong());
        JsonNode d = ready.get("d");
        assertEquals(10, d.get("v").asInt());
        assertEquals("1003", d.path("user").path("id").asText());
        assertEquals(server.gatewayUrl(), d.get("resume_gateway_url").asText());
        assertEquals("9001", d.path("guilds").get(0).path("id").asText());
        JsonNode gc = c.nextDispatch("GUILD_CREATE");
        assertEquals(2, gc.get("s").asLong());
        assertEquals("9001", gc.path("d").path("id").asText());
        c.ws.close(1000);
    }

    /**
     * Identify's {@code presence} is optional (gateway-events.mdx, Identify, which gives no default): a client that
     * sets none is online on its platform, not offline until its first Presence Update (a minimal client watched its
     * friends while they saw it offline).
     */
    @Test
    void anIdentifyWithoutPresenceShowsTheUserOnline() throws Exception {
        TestClient a = client();
        a.identify("t1038", "online", "desktop");
        TestClient b = client();
        b.identify("t1037", null, "mobile");
        JsonNode p = a.nextPresence("1037");
        assertEquals("online", p.path("d").path("status").asText(), p.toString());
        assertEquals("online", p.path("d").path("client_status").path("mobile").asText(), p.toString());
        a.ws.close(1000);
        b.ws.close(1000);
    }

    @Test
    void aFriendsStatusChangeArrivesAsPresenceUpdateWithClientStatus() throws Exception {
        TestClient a = client();
        a.identify("t1005", "online", "desktop");
        TestClient b = client();
        b.identify("t1006", "online", "mobile");
        JsonNode online = a.nextPresence("1006");
        assertEquals("online", online.path("d").path("status").asText());
        b.send(TestClient.status("dnd"));
        JsonNode p = a.nextPresence("1006");
        assertEquals(0, p.get("op").asInt());
        assertEquals("PRESENCE_UPDATE", p.get("t").asText());
        assertTrue(p.get("s").asLong() > online.get("s").asLong(), "s grows");
        assertEquals("dnd", p.path("d").path("status").asText());
        assertEquals("dnd", p.path("d").path("client_status").path("mobile").asText());
        assertFalse(p.path("d").path("client_status").has("desktop"), "no platform where the user is offline");
        a.ws.close(1000);
        b.ws.close(1000);
    }

    @Test
    void invisibleNeverLeaksOverDispatchReadyGuildCreateOrReplay() throws Exception {
        TestClient a = client();
        JsonNode readyA = a.identify("t1007", "online", "web");
        String sessionA = readyA.path("d").path("session_id").asText();
        TestClient b = client();
        b.identify("t1008", "online", "desktop");
        a.nextPresence("1008");
        b.send(TestClient.status("invisible"));
        JsonNode off = a.nextPresence("1008");
        assertEquals("offline", off.path("d").path("status").asText());
        assertEquals(0, off.path("d").path("client_status").size(), "no platform shown for an invisible user");
        awaitStatus("1008", Status.OFFLINE);
        // a new session of a friend and a guild member: READY and GUILD_CREATE show no presence for 1008
        TestClient c = client();
        c.identify("t1009", "online", "web");
        JsonNode gc = c.nextDispatch("GUILD_CREATE");
        List<String> shown = new ArrayList<>();
        gc.path("d").path("presences").forEach(p -> shown.add(p.path("user").path("id").asText()));
        assertTrue(shown.contains("1007"), "GUILD_CREATE shows the online member 1007: " + gc);
        assertFalse(shown.contains("1008"), "an invisible user in GUILD_CREATE: " + gc);
        // A drops; 1008 goes online then invisible again while A is away; A resumes: the replay shows offline last
        long seq = a.lastSeq;
        a.ws.drop();
        a.closeCode();
        b.send(TestClient.status("online"));
        // each change awaited: 1008 already showed offline, so a wait for offline alone could end before either
        awaitStatus("1008", Status.ONLINE);
        b.send(TestClient.status("invisible"));
        awaitStatus("1008", Status.OFFLINE);
        TestClient a2 = client();
        a2.hello();
        resume(a2, "t1007", sessionA, seq);
        JsonNode resumed = a2.nextDispatch("RESUMED");
        assertTrue(resumed.get("s").asLong() > seq);
        for (List<String> log : List.of(a.all, a2.all, b.all, c.all)) {
            for (String text : log) {
                assertFalse(text.contains("invisible"), "\"invisible\" sent to a client: " + text);
            }
        }
        a2.ws.close(1000);
        b.ws.close(1000);
        c.ws.close(1000);
    }

    @Test
    void aSessionChangesOnlyItsOwnUsersPresence() throws Exception {
        TestClient a = client();
        a.identify("t1011", "online", "web");
        TestClient b = client();
        b.identify("t1012", "online", "web");
        awaitStatus("1012", Status.ONLINE);
        a.send("{\"op\":3,\"d\":{\"user\":{\"id\":\"1012\"},\"since\":null,\"activities\":[],\"status\":\"dnd\","
                + "\"afk\":false}}");
        awaitStatus("1011", Status.DND);
        assertEquals(Status.ONLINE, server.statusOf("1012"));
        a.ws.close(1000);
        b.ws.close(1000);
    }

    @Test
    void resumeReplaysMissedEventsInOrderThenResumed() throws Exception {
        TestClient a = client();
        String session = a.identify("t1013", "online", "web").path("d").path("session_id").asText();
        TestClient b = client();
        b.identify("t1014", "online", "web");
        a.nextPresence("1014");
        long seq = a.lastSeq;
        a.ws.drop();
        assertEquals(1006, a.closeCode());
        String[] statuses = {"idle", "dnd", "online", "idle"};
        for (String s : statuses) {
            b.send(TestClient.status(s));
            awaitStatus("1014", Status.parse(s).orElseThrow());
        }
        TestClient a2 = client();
        a2.hello();
        resume(a2, "t1013", session, seq);
        List<JsonNode> replay = new ArrayList<>();
        JsonNode n;
        while (!"RESUMED".equals((n = a2.next()).path("t").asText())) {
            replay.add(n);
        }
        long expect = seq + 1;
        for (JsonNode r : replay) {
            assertEquals(expect++, r.get("s").asLong(), "replayed in order: " + replay);
        }
        assertEquals(expect, n.get("s").asLong(), "RESUMED follows the replay");
        assertFalse(replay.isEmpty(), "the missed changes were replayed");
        assertEquals("idle", replay.get(replay.size() - 1).path("d").path("status").asText());
        b.send(TestClient.status("dnd"));
        JsonNode after = a2.nextPresence("1014");
        assertEquals(expect + 1, after.get("s").asLong(), "sequence continues after RESUMED");
        a2.ws.close(1000);
        b.ws.close(1000);
    }

    @Test
    void resumeWithASeqAboveTheLastSentCloses4007() throws Exception {
        TestClient a = client();
        String session = a.identify("t1015", "online", "web").path("d").path("session_id").asText();
        a.ws.drop();
        a.closeCode();
        TestClient a2 = client();
        a2.hello();
        resume(a2, "t1015", session, 999);
        assertEquals(4007, a2.closeCode());
    }

    @Test
    void resumeOfAnUnknownSessionIsInvalidSessionNotResumable() throws Exception {
        TestClient c = client();
        c.hello();
        c.send(TestClient.resume("t1017", "no-such-session", 0));
        JsonNode inv = c.next();
        assertEquals(9, inv.get("op").asInt());
        assertFalse(inv.get("d").asBoolean());
        // the connection may identify after it
        c.send(TestClient.identifyJson("t1017", "online", "web", 1));
        c.nextDispatch("READY");
        c.ws.close(1000);
    }

    @Test
    void resumeWhileTheOldConnectionLivesIsInvalidSessionResumableThenWorks() throws Exception {
        TestClient a = client();
        String session = a.identify("t1019", "online", "web").path("d").path("session_id").asText();
        a.nextDispatch("GUILD_CREATE");
        TestClient a2 = client();
        a2.hello();
        a2.send(TestClient.resume("t1019", session, a.lastSeq));
        JsonNode inv = a2.next();
        assertEquals(9, inv.get("op").asInt());
        assertTrue(inv.get("d").asBoolean(), "d = true: the session may be resumed");
        assertEquals(4009, a.closeCode());
        a2.send(TestClient.resume("t1019", session, a.lastSeq));
        a2.nextDispatch("RESUMED");
        a2.ws.close(1000);
    }

    /**
     * Judged on the core's own record (phase changes, expiries and publications in the order its thread made them,
     * stamped with its clock), not on time the test measures: a close 1000 ends the session at once; any other close
     * detaches it, and it ends only when the resume window's deadline (set when the connection was lost) fires, with
     * the user shown until then. The close 1000 runs on the patient server (a 3 min window, 45 s heartbeats): a
     * slow test thread cannot have its session dropped first, and the offline it awaits can only be the close's.
     */
    @Test
    void close1000EndsTheSessionAtOnceOtherClosesWaitForTheWindow() throws Exception {
        TestClient a = client();
        a.identify("t1021", "online", "web");
        awaitStatus("1021", Status.ONLINE);
        a.ws.close(1000);
        assertEquals(1000, a.closeCode());
        awaitStatus("1021", Status.OFFLINE);
        assertEquals(List.of(Phase.LIVE + "->" + Phase.ENDED), phasesOf(published, published.user("1021")),
                "close 1000 ends the session without a resume window");

        TestClient b = client(timed);
        b.identify("t1023", "online", "web");
        awaitTimedStatus("1023", Status.ONLINE);
        b.ws.close(4000);
        b.closeCode();
        awaitTimedStatus("1023", Status.OFFLINE);
        int user = timedPublished.user("1023");
        List<PublishedPresences.Event> log = timedPublished.log();
        int d = indexOf(log, e -> e instanceof PublishedPresences.PhaseChanged p && p.user() == user
                && p.to() == Phase.DETACHED);
        assertTrue(d >= 0, "close 4000 detaches the session: " + log);
        PublishedPresences.PhaseChanged detached = (PublishedPresences.PhaseChanged) log.get(d);
        List<PublishedPresences.Event> after = log.subList(d + 1, log.size());
        int x = indexOf(after, e -> e instanceof PublishedPresences.Expired ex && ex.session() == detached.session());
        int end = indexOf(after, e -> e instanceof PublishedPresences.PhaseChanged p && p.user() == user
                && p.to() == Phase.ENDED);
        assertTrue(x >= 0 && end == x + 1, "the session ended right after an expiry of its own: " + after);
        PublishedPresences.Expired expiry = (PublishedPresences.Expired) after.get(x);
        assertEquals(Phase.DETACHED, expiry.phase(), "what expired was the resume window: " + expiry);
        assertEquals(detached.at() + TIMED.resumeWindow().toNanos(), expiry.deadline(),
                "the window runs from the loss of the connection");
        assertTrue(expiry.at() >= expiry.deadline(), "never early: " + expiry);
        int off = indexOf(after, e -> e instanceof PublishedPresences.Published p && p.user() == user
                && p.status() == Status.OFFLINE);
        assertTrue(off > end, "still resumable, still shown: offline only once the window ended: " + after);
    }

    /**
     * What the timed server's core recorded about {@code user}'s latest session, times in ms since it opened: a
     * failure then shows whether the client's heartbeats really stopped for a timeout (a starved test) or not.
     */
    static String lastSession(int user) {
        List<PublishedPresences.Event> log = timedPublished.log();
        int open = -1;
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i) instanceof PublishedPresences.Opened o && o.user() == user) {
                open = i;
            }
        }
        if (open < 0) {
            return "no session opened";
        }
        PublishedPresences.Opened o = (PublishedPresences.Opened) log.get(open);
        StringBuilder b = new StringBuilder();
        for (PublishedPresences.Event e : log.subList(open, log.size())) {
            switch (e) {
                case PublishedPresences.Heartbeat h when h.session() == o.session() ->
                        b.append(" heartbeat@").append(ms(h.at() - o.at()));
                case PublishedPresences.Expired x when x.session() == o.session() -> b.append(" expired(")
                        .append(x.phase()).append(", deadline ").append(ms(x.deadline() - o.at())).append(")@")
                        .append(ms(x.at() - o.at()));
                case PublishedPresences.PhaseChanged p when p.session() == o.session() -> b.append(" ")
                        .append(p.from()).append("->").append(p.to()).append("@").append(ms(p.at() - o.at()));
                default -> {
                }
            }
        }
        return b.toString().strip();
    }

    private static long ms(long ns) {
        return TimeUnit.NANOSECONDS.toMillis(ns);
    }

    /** The phase changes of {@code user}'s sessions so far, as {@code on}'s core reported them, as "FROM->TO". */
    static List<String> phasesOf(PublishedPresences on, int user) {
        return on.log().stream().filter(e -> e instanceof PublishedPresences.PhaseChanged p
                && p.user() == user).map(e -> ((PublishedPresences.PhaseChanged) e).from() + "->"
                + ((PublishedPresences.PhaseChanged) e).to()).toList();
    }

    static int indexOf(List<PublishedPresences.Event> log, java.util.function.Predicate<PublishedPresences.Event> is) {
        for (int i = 0; i < log.size(); i++) {
            if (is.test(log.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aClientThatStopsHeartbeatingIsClosed4009AndExpires() throws Exception {
        TestClient a = client(timed);
        a.identify("t1025", "online", "web");
        awaitTimedStatus("1025", Status.ONLINE);
        assertEquals(4009, a.closeCode(), "no heartbeat within interval + grace");
        awaitTimedStatus("1025", Status.OFFLINE);
    }

    /**
     * The sleeps here and in the next test are the client's heartbeat cadence, the behaviour under test, not a wait
     * for the server: real time is the point. They leave 1.1 s (1.2 s) of the 1.5 s timeout as margin; a machine that
     * stalls this thread or the gateway's event loop longer than that fails the test, and the message then quotes
     * the core's record (heartbeat receipt times, the expiry and its deadline) so the stall can be told from a bug.
     */
    @Test
    void heartbeatsKeepASessionAlive() throws Exception {
        TestClient a = client(timed);
        a.identify("t1027", "online", "web");
        for (int i = 0; i < 6; i++) {
            Thread.sleep(400);
            a.send(TestClient.heartbeat(a.lastSeq));
        }
        assertEquals(Status.ONLINE, timed.statusOf("1027"));
        // statusOf ran on the engine's thread after every expiry pass before it: none touched the session
        int user = timedPublished.user("1027");
        assertEquals(List.of(), phasesOf(timedPublished, user), () -> "heartbeating session kept; the core's record "
                + "of the session: " + lastSession(user));
        assertTrue(a.ws.isOpen(), "heartbeating session kept: " + a.all);
        a.ws.close(1000);
    }

    @Test
    void anEngineFarBehindKeepsASessionWhoseHeartbeatsArrived() throws Exception {
        TestClient a = client(timed);
        a.identify("t1040", "online", "web");
        awaitTimedStatus("1040", Status.ONLINE);
        // 3 s of queued work (twice the 1.5 s timeout) in small pieces, so expiry passes fall due in between
        for (int i = 0; i < 300; i++) {
            timed.onEngineThread(() -> {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        for (int i = 0; i < 14; i++) {
            Thread.sleep(300);
            a.send(TestClient.heartbeat(a.lastSeq));
        }
        assertEquals(Status.ONLINE, timed.statusOf("1040"), "the engine has caught up; " + a.all);
        // statusOf ran behind all the queued work and every expiry pass that fell due meanwhile
        int user = timedPublished.user("1040");
        assertEquals(List.of(), phasesOf(timedPublished, user), () -> "heartbeats arrived on time, so no 4009; the "
                + "core's record of the session: " + lastSession(user));
        assertTrue(a.ws.isOpen(), "heartbeats arrived on time, so no 4009: " + a.all);
        a.ws.close(1000);
    }

    @Test
    void reconnectOpcodeThenCloseThenResume() throws Exception {
        TestClient a = client();
        String session = a.identify("t1029", "online", "web").path("d").path("session_id").asText();
        server.reconnect(session, 50);
        JsonNode r = a.next(n -> n.path("op").asInt() == 7);
        assertTrue(r.get("d").isNull());
        assertEquals(4000, a.closeCode());
        TestClient a2 = client();
        a2.hello();
        resume(a2, "t1029", session, a.lastSeq);
        a2.nextDispatch("RESUMED");
        a2.ws.close(1000);
    }

    @Test
    void opcodesAPresenceServiceDoesNotServeAreIgnoredNot4001() throws Exception {
        TestClient a = client();
        a.identify("t1031", "online", "web");
        a.send("{\"op\":4,\"d\":{\"guild_id\":\"9001\",\"channel_id\":null,\"self_mute\":false,\"self_deaf\":false}}");
        a.send("{\"op\":31,\"d\":{\"guild_ids\":[\"9001\"]}}");
        a.send("{\"op\":43,\"d\":{\"guild_id\":\"9001\",\"fields\":[\"status\"]}}");
        a.send(TestClient.heartbeat(null));
        a.next(n -> n.path("op").asInt() == 11);
        assertTrue(a.ws.isOpen());
        a.ws.close(1000);
    }

    @Test
    void requestGuildMembersAnswersWithAChunkAndPresences() throws Exception {
        TestClient a = client();
        a.identify("t1033", "online", "web");
        TestClient b = client();
        b.identify("t1035", "invisible", "web");
        a.send("{\"op\":8,\"d\":{\"guild_id\":\"9001\",\"query\":\"\",\"limit\":0,\"presences\":true,"
                + "\"nonce\":\"n1\"}}");
        JsonNode chunk = a.nextDispatch("GUILD_MEMBERS_CHUNK").get("d");
        assertEquals("9001", chunk.get("guild_id").asText());
        assertEquals(40, chunk.get("members").size());
        assertEquals("n1", chunk.get("nonce").asText());
        List<String> shown = new ArrayList<>();
        chunk.get("presences").forEach(p -> shown.add(p.path("user").path("id").asText()));
        assertTrue(shown.contains("1033"), "the chunk shows the online member 1033: " + chunk);
        assertFalse(shown.contains("1035"), "invisible user in a chunk: " + chunk);
        a.ws.close(1000);
        b.ws.close(1000);
    }

    /** An empty {@code user_ids} asks for nobody: one empty chunk (it threw on the engine thread and sent none). */
    @Test
    void requestGuildMembersForNoUserIdsGivesAnEmptyChunk() throws Exception {
        TestClient a = client();
        a.identify("t1036", "online", "web");
        a.send("{\"op\":8,\"d\":{\"guild_id\":\"9001\",\"user_ids\":[],\"nonce\":\"none\"}}");
        JsonNode chunk = a.nextDispatch("GUILD_MEMBERS_CHUNK").get("d");
        assertEquals("none", chunk.get("nonce").asText(), chunk.toString());
        assertEquals(0, chunk.get("members").size(), chunk.toString());
        assertEquals(1, chunk.get("chunk_count").asInt(), chunk.toString());
        a.ws.close(1000);
    }

    @Test
    void largeGuildsListOnlyOnlineMembers() throws Exception {
        TestClient a = client();
        a.identify("t1001", "online", "web");
        JsonNode big = a.next(n -> "GUILD_CREATE".equals(n.path("t").asText())
                && "9100".equals(n.path("d").path("id").asText())).get("d");
        assertEquals(61, big.get("member_count").asInt());
        assertTrue(big.get("large").asBoolean());
        assertEquals(1, big.get("members").size(), "only online members (here: the user itself)");
        a.ws.close(1000);
    }

    // ------------------------------------------------------------------ close codes for faults

    static int closeAfter(String... payloads) throws Exception {
        TestClient c = client();
        c.hello();
        for (String p : payloads) {
            c.send(p);
        }
        return c.closeCode();
    }

    @Test
    void unknownOpcodeCloses4001() throws Exception {
        assertEquals(4001, closeAfter("{\"op\":5,\"d\":null}"));
        assertEquals(4001, closeAfter("{\"op\":10,\"d\":null}"), "an opcode only the server sends");
        assertEquals(4001, closeAfter(TestClient.identifyJson("t1037", null, "web", 1),
                "{\"op\":3,\"d\":{\"since\":null,\"activities\":[],\"status\":\"busy\",\"afk\":false}}"),
                "an invalid payload for an opcode");
    }

    @Test
    void decodeErrorsClose4002() throws Exception {
        assertEquals(4002, closeAfter("not json"));
        assertEquals(4002, closeAfter("[1,2]"));
        assertEquals(4002, closeAfter("{\"op\":1,\"d\":\"" + "x".repeat(4100) + "\"}"), "over 4096 bytes");
        TestClient c = client();
        c.hello();
        c.ws.sendBinary(new byte[] {1, 2, 3});
        assertEquals(4002, c.closeCode());
    }

    @Test
    void payloadBeforeIdentifyCloses4003() throws Exception {
        assertEquals(4003, closeAfter(TestClient.status("online")));
    }

    @Test
    void badTokenCloses4004() throws Exception {
        assertEquals(4004, closeAfter(TestClient.identifyJson("no-such-token", "online", "web", 1)));
    }

    @Test
    void secondIdentifyCloses4005() throws Exception {
        String id = TestClient.identifyJson("t1039", "online", "web", 1);
        assertEquals(4005, closeAfter(id, id));
    }

    /**
     * A second Identify is 4005 whatever its body: sending it at all is the fault ("more than one identify
     * payload"); a malformed one got 4001. A malformed first Identify or Resume is still 4001.
     */
    @Test
    void aSecondMalformedIdentifyOrResumeCloses4005() throws Exception {
        String id = TestClient.identifyJson("t1039", "online", "web", 1);
        String malformed = "{\"op\":2,\"d\":{\"token\":\"t1039\",\"properties\":{},\"intents\":\"many\"}}";
        String badResume = "{\"op\":6,\"d\":{\"token\":\"t1039\",\"session_id\":7,\"seq\":\"x\"}}";
        assertEquals(4005, closeAfter(id, malformed));
        assertEquals(4005, closeAfter(id, badResume));
        assertEquals(4001, closeAfter(malformed));
        assertEquals(4001, closeAfter(badResume));
    }

    @Test
    void identifyTimeoutCloses4009() throws Exception {
        TestClient c = client(timed);
        c.hello();
        assertEquals(4009, c.closeCode());
    }

    @Test
    void invalidShardCloses4010() throws Exception {
        assertEquals(4010, closeAfter("{\"op\":2,\"d\":{\"token\":\"t1002\",\"properties\":{},\"intents\":1,"
                + "\"shard\":[1,2]}}"));
    }

    @Test
    void badApiVersionCloses4012() throws Exception {
        TestClient c = TestClient.connect(clients, server.gatewayUrl() + "?v=9&encoding=json");
        assertEquals(4012, c.closeCode());
    }

    @Test
    void undefinedIntentsClose4013AndDisallowedClose4014() throws Exception {
        assertEquals(4013, closeAfter(TestClient.identifyJson("t1004", null, "web", 1 << 19)));
        assertEquals(4014, closeAfter(TestClient.identifyJson("t1099", null, "web", 1 << 8)));
    }

    @Test
    void serverSentCloseCodesAreCounted() {
        assertFalse(server.stats().closes().isEmpty());
    }
}
