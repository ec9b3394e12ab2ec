package org.sysmodels.presence.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sysmodels.presence.gateway.protocol.Intents;
import org.sysmodels.presence.gateway.users.UserDirectory;

/**
 * Request Guild Members (op 8) against discord-api-docs, gateway-events.mdx "Request Guild Members": "Requesting a
 * prefix (query parameter) will return a maximum of 100 members"; "a limit of 0 can be used with an empty string
 * query to return all members"; "GUILD_MEMBERS intent is required to request the entire member list"; "Requesting
 * user_ids will continue to be limited to returning 100 members"; "Nonce can only be up to 32 bytes. If you send an invalid nonce it will be ignored".
 */
class GuildMembersRequestTest {

    /** A load world whose guild 900000 has 151 members, all named {@code load<i>}. */
    private static final UserDirectory WORLD = UserDirectory.loadWorld(151, 150);

    private static JsonNode chunk(TestClient c, String request) throws Exception {
        c.send("{\"op\":8,\"d\":" + request + "}");
        return c.nextDispatch("GUILD_MEMBERS_CHUNK").get("d");
    }

    /** A prefix query with limit 0 returned every match (151 here): limit 0 means "all" only with an empty query. */
    @Test
    void aPrefixQueryReturnsAtMost100MembersEvenWithLimitZero() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (GatewayServer server = GatewayServer.start(GatewayConfig.defaults().withIoThreads(1), WORLD)) {
            TestClient c = TestClient.connect(group, server.gatewayUrl());
            c.identify(UserDirectory.loadToken(0), "online", "web");
            assertEquals(100, chunk(c, "{\"guild_id\":\"900000\",\"query\":\"load\",\"limit\":0}")
                    .get("members").size(), "a prefix returns at most 100");
            assertEquals(100, chunk(c, "{\"guild_id\":\"900000\",\"query\":\"load\",\"limit\":500}")
                    .get("members").size(), "a prefix returns at most 100, whatever the limit");
            assertEquals(7, chunk(c, "{\"guild_id\":\"900000\",\"query\":\"load\",\"limit\":7}")
                    .get("members").size());
            assertEquals(151, chunk(c, "{\"guild_id\":\"900000\",\"query\":\"\",\"limit\":0}")
                    .get("members").size(), "an empty query with limit 0 is every member");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    /** A nonce of 20 characters but 40 UTF-8 bytes was echoed: the limit is in bytes. */
    @Test
    void aNonceOver32BytesIsIgnoredEvenWhenUnder32Characters() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (GatewayServer server = GatewayServer.start(GatewayConfig.defaults().withIoThreads(1), WORLD)) {
            TestClient c = TestClient.connect(group, server.gatewayUrl());
            c.identify(UserDirectory.loadToken(0), "online", "web");
            String wide = "é".repeat(20);
            JsonNode d = chunk(c, "{\"guild_id\":\"900000\",\"user_ids\":[\"100001\"],\"nonce\":\"" + wide + "\"}");
            assertFalse(d.has("nonce"), "a 40-byte nonce is invalid and ignored: " + d);
            String fits = "é".repeat(16);
            d = chunk(c, "{\"guild_id\":\"900000\",\"user_ids\":[\"100001\"],\"nonce\":\"" + fits + "\"}");
            assertEquals(fits, d.path("nonce").asText(), "a 32-byte nonce is kept: " + d);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    /** Without GUILD_MEMBERS the whole member list was sent all the same; now the request is refused with 4001. */
    @Test
    void theWholeMemberListNeedsTheGuildMembersIntent() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (GatewayServer server = GatewayServer.start(GatewayConfig.defaults().withIoThreads(1), WORLD)) {
            TestClient with = TestClient.connect(group, server.gatewayUrl());
            with.identify(UserDirectory.loadToken(1), "online", "web", Intents.GUILDS | Intents.GUILD_MEMBERS);
            assertEquals(151, chunk(with, "{\"guild_id\":\"900000\",\"query\":\"\",\"limit\":0}")
                    .get("members").size(), "with the intent: every member");
            TestClient without = TestClient.connect(group, server.gatewayUrl());
            without.identify(UserDirectory.loadToken(0), "online", "web", Intents.GUILDS | Intents.GUILD_PRESENCES);
            assertEquals(11, chunk(without, "{\"guild_id\":\"900000\",\"query\":\"load10\",\"limit\":0}")
                    .get("members").size(), "a name prefix needs no intent (load10, load100 to load109 is 11)");
            without.send("{\"op\":8,\"d\":{\"guild_id\":\"900000\",\"query\":\"\",\"limit\":0}}");
            for (JsonNode n = without.nextOrClosed(); n != null; n = without.nextOrClosed()) {
                assertFalse("GUILD_MEMBERS_CHUNK".equals(n.path("t").asText()), "a chunk without the intent: " + n);
            }
            assertEquals(4001, without.closeCode());
            assertTrue(without.closeReason.contains("GUILD_MEMBERS"), without.closeReason);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    /** 150 user_ids closed the connection with 4001; Discord answers with at most 100 members. */
    @Test
    void moreThan100UserIdsAreAnsweredWith100Members() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (GatewayServer server = GatewayServer.start(GatewayConfig.defaults().withIoThreads(1), WORLD)) {
            TestClient c = TestClient.connect(group, server.gatewayUrl());
            c.identify(UserDirectory.loadToken(0), "online", "web");
            StringJoiner ids = new StringJoiner(",", "[", "]");
            ids.add("\"7\"");
            for (int i = 0; i < 150; i++) {
                ids.add("\"" + (100000 + i) + "\"");
            }
            JsonNode d = chunk(c, "{\"guild_id\":\"900000\",\"user_ids\":" + ids + "}");
            assertEquals(100, d.get("members").size(), d.toString());
            assertEquals("100000", d.get("members").get(0).path("user").path("id").asText(), "in the request's order");
            assertEquals("[\"7\"]", d.get("not_found").toString(), "an id that is no member is reported");
            c.send(TestClient.heartbeat(null));
            c.next(n -> n.path("op").asInt() == 11);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }
}
