package org.sysmodels.presence.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sysmodels.presence.gateway.protocol.Intents;
import org.sysmodels.presence.gateway.users.DemoWorld;

/**
 * GUILD_CREATE is an event of the GUILDS intent (1 << 0), and "if you do not specify an intent when identifying, you
 * will not receive *any* of the Gateway events associated with that intent" (discord-api-docs, gateway.mdx, "Gateway
 * Intents"). READY still lists the guilds (as unavailable): READY belongs to no intent.
 */
class GuildsIntentTest {

    /** What follows READY up to the ACK of a heartbeat sent after it: the GUILD_CREATEs, if any, come first. */
    private static int guildCreatesAfterReady(GatewayServer server, EventLoopGroup group, String token, long intents)
            throws Exception {
        TestClient c = TestClient.connect(group, server.gatewayUrl());
        c.hello();
        c.send(TestClient.identifyJson(token, "online", "web", intents));
        JsonNode ready = c.nextDispatch("READY");
        assertEquals(2, ready.path("d").path("guilds").size(), "READY lists the guilds either way: " + ready);
        c.send(TestClient.heartbeat(null));
        int creates = 0;
        for (JsonNode n = c.next(); n.path("op").asInt() != 11; n = c.next()) {
            if ("GUILD_CREATE".equals(n.path("t").asText())) {
                creates++;
            }
        }
        c.ws.close(1000);
        return creates;
    }

    /** An Identify without GUILDS got one GUILD_CREATE per guild all the same. */
    @Test
    void guildCreateNeedsTheGuildsIntent() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (GatewayServer server = GatewayServer.start(GatewayConfig.defaults().withIoThreads(1),
                DemoWorld.create())) {
            // donald (demo world) is in two guilds
            assertEquals(0, guildCreatesAfterReady(server, group, "demo-donald", Intents.GUILD_PRESENCES));
            assertEquals(2, guildCreatesAfterReady(server, group, "demo-donald",
                    Intents.GUILD_PRESENCES | Intents.GUILDS));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }
}
