package org.sysmodels.presence.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sysmodels.presence.gateway.users.DemoWorld;

/** Limits that need their own server settings: the rate limit (4008) and Identify's concurrency limit (op 9). */
class GatewayLimitsTest {

    @Test
    void overTheRateLimitCloses4008() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        GatewayConfig cfg = GatewayConfig.defaults().withRateLimit(5, Duration.ofSeconds(30)).withIoThreads(1);
        try (GatewayServer server = GatewayServer.start(cfg, DemoWorld.create())) {
            TestClient c = TestClient.connect(group, server.gatewayUrl());
            c.hello();
            for (int i = 0; i < 5; i++) {
                c.send(TestClient.heartbeat(null));
                assertEquals(11, c.next().get("op").asInt());
            }
            c.send(TestClient.heartbeat(null));
            assertEquals(4008, c.closeCode());
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void identifiesOverTheConcurrencyLimitGetInvalidSession() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        GatewayConfig cfg = GatewayConfig.defaults().withIdentifyConcurrency(2).withIoThreads(1);
        try (GatewayServer server = GatewayServer.start(cfg, DemoWorld.create())) {
            for (int i = 0; i < 2; i++) {
                TestClient ok = TestClient.connect(group, server.gatewayUrl());
                ok.identify("demo-ada", "online", "web");
            }
            TestClient third = TestClient.connect(group, server.gatewayUrl());
            third.hello();
            third.send(TestClient.identifyJson("demo-ada", "online", "web", 1));
            JsonNode n = third.next();
            assertEquals(9, n.get("op").asInt(), "op 9 over the per-5-s identify limit: " + n);
            assertFalse(n.get("d").asBoolean());
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }
}
