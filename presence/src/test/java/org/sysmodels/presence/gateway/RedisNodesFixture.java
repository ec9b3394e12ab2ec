package org.sysmodels.presence.gateway;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.sysmodels.presence.cluster.redis.RedisServer;

/**
 * Gateway nodes of one cluster in this JVM over a real redis-server on loopback, started once per test class and
 * emptied before each test; the nodes and clients a test opens are closed after it.
 */
abstract class RedisNodesFixture {

    static RedisServer redis;
    static EventLoopGroup clients;

    final List<GatewayServer> nodes = new ArrayList<>();
    final List<TestClient> opened = new ArrayList<>();

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
        clients = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopRedis() {
        if (clients != null) {      // null: skipped, redis-server is not installed
            clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void flush() throws Exception {
        redis.command("FLUSHALL");
    }

    @AfterEach
    void stopNodes() {
        for (TestClient c : opened) {
            if (c.ws.isOpen()) {
                c.ws.close(1000);
            }
        }
        nodes.forEach(GatewayServer::close);
    }
}
