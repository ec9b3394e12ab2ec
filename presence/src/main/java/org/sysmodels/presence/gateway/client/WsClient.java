package org.sysmodels.presence.gateway.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A small WebSocket client on Netty (the load generator's connections, the tests' clients, and the Chrome DevTools
 * connection of the browser test). Text frames and the close code go to a {@link Listener} on the client's event
 * loop; the handshake and framing are Netty's.
 */
public final class WsClient {

    /** What the connection tells its owner (on the client's event loop). */
    public interface Listener {
        default void opened(WsClient client) {
        }

        void text(WsClient client, String text);

        /**
         * A text frame's bytes, valid only during the call (the default decodes them for {@link #text}); a listener
         * that parses bytes itself saves a String per frame.
         */
        default void text(WsClient client, ByteBuf utf8) {
            text(client, utf8.toString(StandardCharsets.UTF_8));
        }

        /** The connection closed: the peer's close code (1006 when it dropped without one), and reason. */
        void closed(WsClient client, int code, String reason);
    }

    private final Channel channel;
    private volatile boolean closedSent;

    private WsClient(Channel channel) {
        this.channel = channel;
    }

    /** Connects and completes when the WebSocket handshake is done (or fails). */
    public static CompletableFuture<WsClient> connect(EventLoopGroup group, URI uri, int maxFrame,
                                                      Listener listener) {
        return connect(NettyTransport.NIO, group, uri, maxFrame, true, listener);
    }

    /**
     * Connects over {@code transport} (the group must be of that transport); {@code validateUtf8} false skips
     * checking that text frames are UTF-8 (the load generator trusts the gateway's frames and parses bytes).
     */
    public static CompletableFuture<WsClient> connect(NettyTransport transport, EventLoopGroup group, URI uri,
                                                      int maxFrame, boolean validateUtf8, Listener listener) {
        CompletableFuture<WsClient> done = new CompletableFuture<>();
        WebSocketClientProtocolConfig cfg = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .version(WebSocketVersion.V13)
                .maxFramePayloadLength(maxFrame)
                .handleCloseFrames(false)
                .handshakeTimeoutMillis(30_000)
                .dropPongFrames(true)
                .withUTF8Validator(validateUtf8)
                .sendCloseFrame(null)   // drop() is a lost connection: no close frame on channel close
                .build();
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        Bootstrap b = new Bootstrap().group(group).channel(transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Handler h = new Handler(listener, done);
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                                new WebSocketClientProtocolHandler(cfg),
                                new WebSocketFrameAggregator(maxFrame), h);
                    }
                });
        b.connect(uri.getHost(), port).addListener(f -> {
            if (!f.isSuccess()) {
                done.completeExceptionally(f.cause());
            }
        });
        return done;
    }

    public void send(String text) {
        channel.writeAndFlush(new TextWebSocketFrame(text));
    }

    /** Sends a binary frame (the gateway refuses them: 4002). */
    public void sendBinary(byte[] bytes) {
        channel.writeAndFlush(new io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame(
                io.netty.buffer.Unpooled.wrappedBuffer(bytes)));
    }

    /** Sends a close frame with {@code code}; the connection ends when the server answers or drops. */
    public void close(int code) {
        closedSent = true;
        channel.writeAndFlush(new CloseWebSocketFrame(code, "bye"));
    }

    /**
     * Sends a close frame with {@code code} on every open connection of {@code clients} and waits until they have
     * ended or {@code bound} has passed (a server that does not answer costs at most that).
     */
    public static void closeAll(List<WsClient> clients, int code, Duration bound) {
        List<ChannelFuture> closing = new ArrayList<>();
        for (WsClient c : clients) {
            if (c.isOpen()) {
                c.close(code);
                closing.add(c.channel.closeFuture());
            }
        }
        long closeBy = System.nanoTime() + bound.toNanos();
        for (ChannelFuture f : closing) {
            long left = closeBy - System.nanoTime();
            if (left <= 0 || !f.awaitUninterruptibly(TimeUnit.NANOSECONDS.toMillis(left))) {
                return;
            }
        }
    }

    /** Drops the TCP connection without a close frame (a lost connection). */
    public void drop() {
        channel.close();
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    public Channel channel() {
        return channel;
    }

    private static final class Handler extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final Listener listener;
        private final CompletableFuture<WsClient> done;
        private WsClient client;
        private int code = 1006;
        private String reason = "";

        Handler(Listener listener, CompletableFuture<WsClient> done) {
            this.listener = listener;
            this.done = done;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                client = new WsClient(ctx.channel());
                listener.opened(client);
                done.complete(client);
            } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                done.completeExceptionally(new IllegalStateException("WebSocket handshake timed out"));
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame t) {
                listener.text(client, t.content());
            } else if (frame instanceof CloseWebSocketFrame c) {
                code = c.statusCode() < 0 ? 1005 : c.statusCode();
                reason = c.reasonText();
                if (client != null && !client.closedSent) {
                    client.closedSent = true;
                    ctx.writeAndFlush(new CloseWebSocketFrame(code, null));
                }
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (client != null) {
                listener.closed(client, code, reason);
            } else {
                done.completeExceptionally(new IllegalStateException("connection closed before the handshake"));
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!done.isDone()) {
                done.completeExceptionally(cause);
            }
            ctx.close();
        }
    }
}
