package org.sysmodels.presence.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.sysmodels.core.testing.Props;
import static org.quicktheories.generators.SourceDSL.integers;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.testing.TestFlags;
import org.sysmodels.presence.gateway.load.LoadConfig;
import org.sysmodels.presence.gateway.load.LoadGenerator;
import org.sysmodels.presence.gateway.load.LoadResult;
import org.sysmodels.presence.gateway.users.UserDirectory;
import org.sysmodels.presence.model.store.SocialGraph;

/** The users file's errors say what and where; the load generator holds its sessions and times deliveries. */
class UsersAndLoadTest {

    @Test
    void aUsersFileIsReadAndItsMistakesAreNamed(@TempDir Path dir) throws Exception {
        Path ok = dir.resolve("users.json");
        Files.writeString(ok, """
                {"users": [
                  {"id": "1", "name": "ada", "token": "a", "friends": ["2"], "guilds": ["9"]},
                  {"id": "2", "name": "bob", "token": "b", "guilds": ["9"], "presence_intent": false}
                ]}
                """);
        UserDirectory d = UserDirectory.load(ok);
        assertEquals(2, d.users());
        assertEquals(1, d.graph().friendCount(1), "friendship is mutual");
        assertEquals(2, d.graph().memberCount(0));
        assertTrue(!d.presenceIntentAllowed(1));

        Path unknownFriend = dir.resolve("f.json");
        Files.writeString(unknownFriend, "{\"users\": [{\"id\": \"1\", \"name\": \"a\", \"token\": \"a\", "
                + "\"friends\": [\"7\"]}]}");
        UserInputException e = assertThrows(UserInputException.class, () -> UserDirectory.load(unknownFriend));
        assertTrue(e.getMessage().contains("users[0].friends[0]") && e.getMessage().contains("\"7\""),
                e.getMessage());

        Path dupToken = dir.resolve("t.json");
        Files.writeString(dupToken, "{\"users\": [{\"id\": \"1\", \"token\": \"x\"}, {\"id\": \"2\", \"token\": "
                + "\"x\"}]}");
        e = assertThrows(UserInputException.class, () -> UserDirectory.load(dupToken));
        assertTrue(e.getMessage().contains("users[1].token"), e.getMessage());

        Path unknownField = dir.resolve("u.json");
        Files.writeString(unknownField, "{\"users\": [\n  {\"id\": \"1\", \"token\": \"x\", \"tokn\": \"y\"}]}");
        e = assertThrows(UserInputException.class, () -> UserDirectory.load(unknownField));
        assertTrue(e.getMessage().contains(":2:") && e.getMessage().contains("tokn"), e.getMessage());

        e = assertThrows(UserInputException.class, () -> UserDirectory.load(dir.resolve("missing.json")));
        assertTrue(e.getMessage().contains("no such users file"), e.getMessage());

        e = assertThrows(UserInputException.class, () -> UserDirectory.load(dir));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }

    /**
     * A fault across entries (a duplicate id or token, a friend nobody is, a user befriending itself, a guild listed
     * twice, no user at all) or an id that is no snowflake is located like a syntax fault: {@code file:line:col} at the value, and a duplicate names
     * the entry that had it first.
     */
    @Test
    void aUsersFileConflictIsLocatedAtItsValue(@TempDir Path dir) throws Exception {
        String ada = "\n  {\"id\": \"1\", \"name\": \"a\", \"token\": \"x\"";
        String[][] cases = {
                {"{\"users\": [" + ada + "},\n  {\"id\": \"1\", \"token\": \"y\"}]}", ":3:10: users[1].id: ",
                        "\"1\" is used by users[0] already"},
                {"{\"users\": [" + ada + "},\n  {\"id\": \"2\", \"token\": \"x\"}]}", ":3:24: users[1].token: ",
                        "users[0] has the same token"},
                {"{\"users\": [" + ada + ", \"friends\": [\n  \"7\"]}]}", ":3:3: users[0].friends[0]: ",
                        "no user has id \"7\""},
                {"{\"users\": [" + ada + ", \"friends\": [\n  \"1\"]}]}", ":3:3: users[0].friends[0]: ",
                        "their own friend"},
                {"{\"users\": [" + ada + "}],\n \"guilds\": [{\"id\": \"9\"}, {\"id\": \"9\"}]}",
                        ":3:33: guilds[1].id: ", "listed twice"},
                {"{\n \"users\": []}", ":2:11: users: ", "names no user; each needs id and token (name is optional"},
                {"{\"users\": [\n  {\"id\": \"ada\", \"token\": \"x\"}]}", ":2:10: users[0].id: ",
                        "\"ada\" is not a snowflake"},
                {"{\"users\": [" + ada + ", \"guilds\": [\"9\",\n \"-9\"]}]}", ":3:2: users[0].guilds[1]: ",
                        "\"-9\" is not a snowflake"},
                {"{\"users\": [" + ada + "}],\n \"guilds\": [{\"id\": \"18446744073709551616\"}]}",
                        ":3:20: guilds[0].id: ", "is not a snowflake"}};
        for (String[] c : cases) {
            Path f = dir.resolve("conflict.json");
            Files.writeString(f, c[0]);
            UserInputException e = assertThrows(UserInputException.class, () -> UserDirectory.load(f), c[0]);
            assertTrue(e.getMessage().startsWith(f + c[1]) && e.getMessage().contains(c[2]),
                    c[0] + " -> " + e.getMessage());
        }
    }

    /** A null where the file needs a user, a friend's id or a guild's id is named by its place, with no Java names. */
    @Test
    void aNullInAUsersFileIsNamedByItsPlace(@TempDir Path dir) throws Exception {
        String[][] cases = {
                {"{\"users\": [null]}", "users[0]"},
                {"{\"users\": [{\"id\": \"1\", \"token\": \"a\", \"friends\": [null]}]}", "users[0].friends[0]"},
                {"{\"users\": [{\"id\": \"1\", \"token\": \"a\", \"guilds\": [\"9\", null]}]}",
                        "users[0].guilds[1]"},
                {"{\"users\": [{\"id\": \"1\", \"token\": \"a\"}], \"guilds\": [null]}", "guilds[0]"}};
        for (String[] c : cases) {
            Path f = dir.resolve("nulls.json");
            Files.writeString(f, c[0]);
            UserInputException e = assertThrows(UserInputException.class, () -> UserDirectory.load(f), c[0]);
            assertTrue(e.getMessage().contains(c[1] + ": ") && e.getMessage().contains("null")
                    && !e.getMessage().contains("Exception") && !e.getMessage().contains("UsersFile"),
                    c[0] + " -> " + e.getMessage());
        }
    }

    /**
     * A number (or another value) where the users file needs a string is refused with its file, line and field, not
     * read as "1"; content after the file's object is named as such, in a users file's words.
     */
    @Test
    void aUsersFileIsReadAsStrictlyAsDocumented(@TempDir Path dir) throws Exception {
        String[][] cases = {
                {"{\"users\": [\n  {\"id\": \"1\", \"name\": 1, \"token\": \"t\"}]}", ":2:", "users[0].name"},
                {"{\"users\": [\n  {\"id\": \"1\", \"name\": \"a\", \"token\": 1}]}", ":2:", "users[0].token"},
                {"{\"users\": [\n  {\"id\": 1, \"token\": \"t\"}]}", ":2:", "users[0].id"},
                {"{\"users\": [\n  {\"id\": \"1\", \"token\": \"t\", \"friends\": [2]}]}", ":2:",
                        "users[0].friends[0]"},
                {"{\"users\": [{\"id\": \"1\", \"token\": \"t\"}],\n \"guilds\": [{\"id\": \"9\", \"name\": true}]}",
                        ":2:", "guilds[0].name"}};
        for (String[] c : cases) {
            Path f = dir.resolve("types.json");
            Files.writeString(f, c[0]);
            UserInputException e = assertThrows(UserInputException.class, () -> UserDirectory.load(f), c[0]);
            assertTrue(e.getMessage().startsWith(f + c[1]) && e.getMessage().contains(c[2] + ": expected a string"),
                    c[0] + " -> " + e.getMessage());
        }
        Path trailing = dir.resolve("trailing.json");
        Files.writeString(trailing, "{\"users\": [{\"id\": \"1\", \"token\": \"t\"}]}\n{}\n");
        UserInputException e = assertThrows(UserInputException.class, () -> UserDirectory.load(trailing));
        assertTrue(e.getMessage().startsWith(trailing + ":2:") && e.getMessage().endsWith(
                "unexpected content after the closing } of the file's JSON object"), e.getMessage());
    }

    /**
     * The mixed-pairs load world (issue 15's same-run ratio): every user shares a guild with exactly one other user
     * (a lone last user with nobody), and with users placed on node {@code i % 2}, half the pairs of every full eight
     * are on one node and half span both.
     */
    @Test
    void theMixedPairsWorldPairsEveryUserOnceHalfOnOneNode() {
        Props.property().forAll(integers().between(1, 400)).checkAssert(users -> {
            UserDirectory d = UserDirectory.loadWorldMixedPairs(users);
            SocialGraph g = d.graph();
            int[] partner = new int[users];
            java.util.Arrays.fill(partner, -1);
            int same = 0;
            int cross = 0;
            for (int guild = 0; guild < g.guilds(); guild++) {
                int from = g.memberStart()[guild];
                int to = g.memberStart()[guild + 1];
                assertTrue(to - from <= 2, "guild " + guild + " of " + users + " has " + (to - from) + " members");
                if (to - from == 2) {
                    int a = g.members()[from];
                    int b = g.members()[from + 1];
                    partner[a] = b;
                    partner[b] = a;
                    if (a % 2 == b % 2) {
                        same++;
                    } else {
                        cross++;
                    }
                }
            }
            for (int u = 0; u < users; u++) {
                assertEquals(1, g.guildStart()[u + 1] - g.guildStart()[u], "user " + u + " of " + users);
                assertTrue(partner[u] >= 0 || (u == users - 1 && users % 2 == 1), "user " + u + " of " + users
                        + " has no partner");
            }
            if (users % 8 == 0) {
                assertEquals(users / 4, same, users + " users");
                assertEquals(users / 4, cross, users + " users");
            }
        });
    }

    @Test
    void theLoadGeneratorHoldsItsSessionsAndTimesDeliveries() throws Exception {
        LoadCommand load = new LoadCommand();
        StringWriter text = new StringWriter();
        int rc = load.run(TestFlags.parse(load.options(), "--connections", "60", "--watchers", "5",
                "--updates-per-second", "40", "--duration", "3s", "--heartbeat-interval", "10s"),
                new PrintWriter(text, true), new PrintWriter(text, true));
        String out = text.toString();
        assertEquals(0, rc, out);
        assertTrue(out.contains("60 of 60 held"), out);
        assertTrue(out.contains("result: no session lost"), out);
        assertTrue(out.matches("(?s).*deliveries received: [1-9].*"), out);
        assertTrue(out.contains("delivery latency: p50"), out);
    }

    /**
     * The gateway stops once the load is under way: every session is lost, and the load stops at the end of that
     * second with its report and exit status 1, instead of printing empty seconds until its duration (60 s here) is
     * over.
     */
    @Test
    void aLoadWhoseGatewayGoesAwayStopsWithItsReport() throws Exception {
        GatewayServer server = GatewayServer.start(GatewayConfig.defaults().withIoThreads(1),
                UserDirectory.loadWorld(6, 2));
        StringWriter text = new StringWriter();
        LoadConfig cfg = new LoadConfig(java.net.URI.create(server.gatewayUrl()), 6, 2, 20,
                java.time.Duration.ofSeconds(60), java.time.Duration.ZERO, 8, 1);
        LoadResult r = assertTimeoutPreemptively(java.time.Duration.ofSeconds(50),
                () -> new LoadGenerator(cfg, new PrintWriter(text, true)).run(server::close));
        String out = text.toString();
        assertTrue(out.matches("(?s).*every session was lost by t=\\d+s: the load stops.*"), out);
        assertTrue(r.perSecond().size() < 60, out);
        assertFalse(r.noSessionLost(), out);
        assertEquals(0, r.heldAtEnd(), out);
    }

    /**
     * Loading a gateway that serves another world: every Identify closes 4004, and the load stops after the opening
     * with one line saying what to do (exit 2), not after its duration with "sessions were lost".
     */
    @Test
    void aLoadOnAGatewayWithoutTheLoadWorldSaysSo() throws Exception {
        try (GatewayServer demo = GatewayServer.start(GatewayConfig.defaults().withIoThreads(1),
                org.sysmodels.presence.gateway.users.DemoWorld.create())) {
            String out = refused("--url " + demo.gatewayUrl() + ": the gateway closed 2 of 2 connections with 4004",
                    "--url", demo.gatewayUrl(), "--connections", "2", "--duration", "60s");
            assertTrue(out.contains("serve --load-world 2 --watchers 100"), out);
            refused("with 4012 (Invalid API version)", "--url", demo.gatewayUrl() + "?v=9", "--connections", "2",
                    "--duration", "60s");
            // the demo page's address, not the gateway's: Netty's "Invalid handshake response getStatus: 200 OK"
            String page = demo.gatewayUrl().replace("/gateway", "/");
            refused("no connection could be made (the server answered HTTP 200 OK, not a WebSocket upgrade: is the "
                    + "path the gateway's, /gateway?)", "--url", page, "--connections", "2", "--duration", "60s");
        }
    }

    /**
     * A flag for the gateway this command would start is refused with {@code --url} (it was silently ignored: the
     * gateway's Hello sets the interval), and an empty entry in {@code --nodes} is named as such (it read
     * "--nodes : a ws:// URL").
     */
    @Test
    void aLoadRefusesFlagsItWouldIgnore() throws Exception {
        refused("--heartbeat-interval sets the gateway this command starts; with --url the gateway's Hello sets it",
                "--url", "ws://127.0.0.1:9/gateway", "--heartbeat-interval", "5s", "--duration", "60s");
        refused("--nodes ws://127.0.0.1:9/gateway,: an empty entry", "--nodes", "ws://127.0.0.1:9/gateway,",
                "--duration", "60s");
    }

    /** Nothing listens at the URL: the load stops at once, exit 2, with the connection's error and no NaN. */
    @Test
    void aLoadWithNoGatewayToConnectToStopsAtOnce() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "ws://127.0.0.1:" + port + "/gateway";
        refused("--url " + url + ": no connection could be made (", "--url", url, "--connections", "10",
                "--duration", "60s");
    }

    /**
     * Runs {@code sim presence load} with {@code flags}, which must be refused with a message starting with or
     * containing {@code expected}, before any second of the load (a 60 s duration would otherwise be held); returns
     * what it printed.
     */
    private static String refused(String expected, String... flags) throws Exception {
        LoadCommand load = new LoadCommand();
        StringWriter text = new StringWriter();
        UserInputException e = assertThrows(UserInputException.class, () -> load.run(TestFlags.parse(load.options(),
                flags), new PrintWriter(text, true), new PrintWriter(text, true)));
        String out = text + e.getMessage();
        assertTrue(e.getMessage().contains(expected) && !e.getMessage().contains("\n"), out);
        assertTrue(!out.contains("NaN") && !out.contains("ready:") && !out.contains("sessions were lost"), out);
        return out;
    }

    @Test
    void serveStopsAfterForAndRefusesABadUsersFile() throws Exception {
        ServeCommand serve = new ServeCommand();
        StringWriter text = new StringWriter();
        assertEquals(0, serve.run(TestFlags.parse(serve.options(), "--port", "0", "--for", "500ms"),
                new PrintWriter(text, true), new PrintWriter(text, true)));
        assertTrue(text.toString().contains("tokens: ada=demo-ada"), text.toString());
        assertThrows(UserInputException.class, () -> serve.run(TestFlags.parse(serve.options(), "--users",
                "/no/such.json"), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
    }

    /** {@code --watchers} shapes only the load world: without {@code --load-world} it is refused, not ignored. */
    @Test
    void serveRefusesWatchersWithoutTheLoadWorld() throws Exception {
        ServeCommand serve = new ServeCommand();
        StringWriter text = new StringWriter();
        UserInputException e = assertThrows(UserInputException.class, () -> serve.run(TestFlags.parse(
                serve.options(), "--port", "0", "--for", "100ms", "--watchers", "5"), new PrintWriter(text, true),
                new PrintWriter(text, true)));
        assertTrue(e.getMessage().startsWith("--watchers needs --load-world"), e.getMessage());
        assertEquals("", text.toString(), "refused before the gateway started");
    }
}
