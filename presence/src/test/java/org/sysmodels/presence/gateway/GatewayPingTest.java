package org.sysmodels.presence.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sysmodels.presence.gateway.users.DemoWorld;

/** WebSocket pings and pongs ({@link PingPolicy}): pings answered with their payload; both count against the rate limit. */
class GatewayPingTest {

    @Test
    void aPingIsAnsweredAndPingsCountAgainstTheRateLimit() throws Exception {
        withClient(5, (server, c) -> {
            LinkedBlockingQueue<String> pongs = new LinkedBlockingQueue<>();
            var pipeline = c.ws.channel().pipeline();
            // before the client's protocol handler, which drops pongs
            pipeline.addBefore(pipeline.context(WebSocketClientProtocolHandler.class).name(), "pongs",
                    new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            if (msg instanceof PongWebSocketFrame p) {
                                pongs.add(p.content().toString(StandardCharsets.UTF_8));
                            }
                            ctx.fireChannelRead(msg);
                        }
                    });
            for (int i = 0; i < 5; i++) {
                c.ws.channel().writeAndFlush(new PingWebSocketFrame(
                        Unpooled.copiedBuffer("ping " + i, StandardCharsets.UTF_8)));
                assertEquals("ping " + i, pongs.poll(TestClient.WAIT_S, TimeUnit.SECONDS), "pong " + i);
            }
            c.ws.channel().writeAndFlush(new PongWebSocketFrame(Unpooled.copiedBuffer("one more", StandardCharsets.UTF_8)));
            assertEquals(4008, c.closeCode(), "a sixth control frame (an unsolicited pong) is over the limit of 5");
            assertTrue(server.stats().closes().containsKey(4008));
        });
    }

    /**
     * A client that pings and never reads: the server stops answering once the connection's outbound buffer is over
     * its high-water mark, instead of queueing a pong per ping without bound.
     */
    @Test
    void aClientThatDoesNotReadGetsNoMorePongs() throws Exception {
        withClient(1_000_000, (server, c) -> {
            c.ws.channel().config().setAutoRead(false);
            byte[] payload = new byte[125];
            // at most 1,000 batches of 1,000 pings (131 MB of pongs owed): loopback's socket buffers, a few MB, fill
            // long before
            int sent = 0;
            for (int batch = 0; batch < 1000 && server.stats().pongsSkipped.get() == 0; batch++) {
                for (int i = 0; i < 999; i++) {
                    c.ws.channel().write(new PingWebSocketFrame(Unpooled.wrappedBuffer(payload)));
                }
                var flushed = c.ws.channel().writeAndFlush(new PingWebSocketFrame(Unpooled.wrappedBuffer(payload)));
                assertTrue(flushed.await(TestClient.WAIT_S, TimeUnit.SECONDS), "the server stopped reading pings");
                sent += 1000;
            }
            assertTrue(server.stats().pongsSkipped.get() > 0, "no pong was skipped after " + sent + " pings");
        });
    }

    private interface Body {
        void run(GatewayServer server, TestClient client) throws Exception;
    }

    /** A gateway allowing {@code limit} events per 30 s, and one client past Hello. */
    private static void withClient(int limit, Body body) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        GatewayConfig cfg = GatewayConfig.defaults().withRateLimit(limit, Duration.ofSeconds(30)).withIoThreads(1);
        try (GatewayServer server = GatewayServer.start(cfg, DemoWorld.create())) {
            TestClient c = TestClient.connect(group, server.gatewayUrl());
            c.hello();
            body.run(server, c);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }
}
