package org.sysmodels.presence.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sysmodels.presence.gateway.protocol.ClientPayload;
import org.sysmodels.presence.gateway.protocol.CloseCode;
import org.sysmodels.presence.gateway.protocol.PayloadDecoder;
import org.sysmodels.presence.gateway.protocol.Payloads;
import org.sysmodels.presence.gateway.protocol.RateLimiter;

/**
 * One WebSocket connection, on its I/O event loop: Hello on connect, decoding and checking every client payload
 * (size, JSON, opcode, rate limit, order), answering heartbeats, and handing what changes presence to the
 * {@link PresenceEngine}. Writes come back from the engine as tasks on this event loop, in order.
 *
 * <p>States (one per value of {@link ConnectionState}):
 * <pre>
 *   Awaiting ---- Identify / Resume ----> Authenticated ---- close ----> Closed
 *   Authenticated ---- Invalid Session d=false after a failed Resume ----> Awaiting
 * </pre>
 */
final class GatewayConnection extends SimpleChannelInboundHandler<WebSocketFrame> {

    /** Heartbeat ACK's bytes, encoded once (every frame gets a duplicate: its own indexes, the same memory). */
    private static final ByteBuf HEARTBEAT_ACK = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer(Payloads.heartbeatAck().getBytes(StandardCharsets.UTF_8)).asReadOnly());

    private final PresenceEngine engine;
    private final GatewayConfig config;
    private final int node;
    private final NodeOutbound outbound;
    private final RateLimiter limiter;
    private Channel channel;
    /** This handler's context: writes start here, below the handlers that only read. */
    private ChannelHandlerContext ctx;
    private ConnectionState state = ConnectionState.AWAITING;
    private int closeCode = 1006;
    private ScheduledFuture<?> identifyTimer;

    /** The session this connection carries; read and written by the engine thread only. */
    int engineSlot = -1;

    /** Written to during the current drain of {@link #outbound} and not yet flushed (event loop only). */
    private boolean unflushed;

    GatewayConnection(PresenceEngine engine, GatewayConfig config, int node, NodeOutbound outbound) {
        this.engine = engine;
        this.config = config;
        this.node = node;
        this.outbound = outbound;
        this.limiter = new RateLimiter(config.rateLimit(), config.rateWindow().toNanos());
    }

    int node() {
        return node;
    }

    /** The queue to this connection's event loop. */
    NodeOutbound outbound() {
        return outbound;
    }

    /** True while the connection is open (any thread). */
    boolean open() {
        Channel c = channel;
        return c != null && c.isActive();
    }

    /** Completes when the connection has closed (any thread; only once the handshake is done). */
    ChannelFuture closeFuture() {
        return channel.closeFuture();
    }

    /** Safe from any thread (Netty's writability flag is volatile). */
    boolean writable() {
        Channel c = channel;
        return c != null && c.isActive() && c.isWritable();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete hs) {
            channel = ctx.channel();
            this.ctx = ctx;
            engine.stats().connections.incrementAndGet();
            GatewayUrl url = GatewayUrl.of(hs.requestUri());
            if (url.refused() != null) {
                close(url.refused().code(), url.refused().reason());
                return;
            }
            if (url.zlibStream()) {
                ctx.pipeline().addBefore(ctx.name(), "zlib-stream", new ZlibStream());
            }
            ctx.writeAndFlush(new TextWebSocketFrame(Payloads.hello(config.heartbeatInterval().toMillis())));
            armIdentifyTimer();
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    private void armIdentifyTimer() {
        identifyTimer = channel.eventLoop().schedule(() -> {
            if (state == ConnectionState.AWAITING) {
                close(CloseCode.SESSION_TIMED_OUT, "no Identify within " + config.identifyTimeout().toMillis()
                        + " ms");
            }
        }, config.identifyTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        switch (frame) {
            case TextWebSocketFrame t -> text(t.content());
            case CloseWebSocketFrame c -> {
                int code = c.statusCode() < 0 ? 1005 : c.statusCode();
                closeCode = code;
                state = ConnectionState.CLOSED;
                ctx.writeAndFlush(new CloseWebSocketFrame(code, null)).addListener(ChannelFutureListener.CLOSE);
            }
            case BinaryWebSocketFrame b -> close(CloseCode.DECODE_ERROR, "binary frames are not served: "
                    + "encoding=json");
            default -> {
                // pings and pongs are PingPolicy's
            }
        }
    }

    /** A WebSocket ping ({@link PingPolicy}): a pong while the client reads what it is sent; 4008 over the limit. */
    void ping(PingWebSocketFrame p) {
        if (!controlFrameAllowed()) {
            return;
        }
        if (channel.isWritable()) {
            ctx.writeAndFlush(new PongWebSocketFrame(p.content().retain()));
        } else {
            engine.stats().pongsSkipped.incrementAndGet();
        }
    }

    /** An unsolicited pong ({@link PingPolicy}): counted, nothing else. */
    void pong() {
        controlFrameAllowed();
    }

    /** A ping or pong inside the rate limit; over it the connection closes 4008. */
    private boolean controlFrameAllowed() {
        if (state == ConnectionState.CLOSED || channel == null) {
            return false;
        }
        return !overRateLimit(" (pings and pongs count)");
    }

    /** Counts one event against the connection's limit; over it, closes 4008 (the reason ends with {@code note}). */
    private boolean overRateLimit(String note) {
        if (limiter.allow(System.nanoTime())) {
            return false;
        }
        close(CloseCode.RATE_LIMITED, "over " + config.rateLimit() + " events per " + config.rateWindow().toMillis()
                + " ms" + note);
        return true;
    }

    private void text(ByteBuf content) {
        int bytes = content.readableBytes();
        if (overRateLimit("")) {
            return;
        }
        if (bytes > PayloadDecoder.MAX_PAYLOAD_BYTES) {
            close(CloseCode.DECODE_ERROR, "payload of " + bytes + " bytes is over 4096");
            return;
        }
        ClientPayload p = PayloadDecoder.decode(content);
        switch (p) {
            case ClientPayload.Refused r -> close(r.code(), r.reason());
            case ClientPayload.RefusedStart r -> {
                if (authenticate()) {
                    close(r.refused().code(), r.refused().reason());
                }
            }
            case ClientPayload.Heartbeat h -> {
                ctx.writeAndFlush(new TextWebSocketFrame(HEARTBEAT_ACK.duplicate()));
                if (state == ConnectionState.AUTHENTICATED) {
                    engine.heartbeat(this);
                }
            }
            case ClientPayload.Identify id -> {
                if (authenticate()) {
                    engine.identify(this, id);
                }
            }
            case ClientPayload.Resume r -> {
                if (authenticate()) {
                    engine.resume(this, r);
                }
            }
            case ClientPayload.UpdatePresence u -> {
                if (requireAuthenticated()) {
                    engine.update(this, u.update());
                }
            }
            case ClientPayload.RequestGuildMembers m -> {
                if (requireAuthenticated()) {
                    engine.requestMembers(this, m);
                }
            }
            case ClientPayload.NotServed n -> {
                if (requireAuthenticated()) {
                    engine.stats().notServed.incrementAndGet();
                }
            }
        }
    }

    private boolean authenticate() {
        if (state == ConnectionState.AUTHENTICATED) {
            close(CloseCode.ALREADY_AUTHENTICATED, "this connection has identified already");
            return false;
        }
        state = ConnectionState.AUTHENTICATED;
        if (identifyTimer != null) {
            identifyTimer.cancel(false);
        }
        return true;
    }

    private boolean requireAuthenticated() {
        if (state != ConnectionState.AUTHENTICATED) {
            close(CloseCode.NOT_AUTHENTICATED, "send Identify first");
            return false;
        }
        return true;
    }

    /** Closes with a gateway close code (on this event loop). */
    void close(CloseCode code, String reason) {
        close(code.code(), reason);
    }

    private void close(int code, String reason) {
        if (state == ConnectionState.CLOSED || channel == null) {
            return;
        }
        state = ConnectionState.CLOSED;
        closeCode = code;
        String r = reason.length() > 120 ? reason.substring(0, 120) : reason;
        engine.stats().countClose(code, r);
        channel.writeAndFlush(new CloseWebSocketFrame(code, r)).addListener(ChannelFutureListener.CLOSE);
    }

    // ------------------------------------------------------------------ called by the engine (any thread)

    /** Runs {@code task} on this connection's event loop, in order with the frames the engine queued before it. */
    void onLoop(Runnable task) {
        if (channel != null) {
            outbound.offer(task);
        }
    }

    /**
     * Writes one PRESENCE_UPDATE without flushing (event loop, from {@link NodeOutbound}): the envelope, the shared
     * body and the digits of {@code seq}, into one pooled buffer; true when this is the connection's first write of
     * the drain (the drain then flushes it once at its end).
     */
    boolean writePresence(byte[] body, long seq) {
        if (state == ConnectionState.CLOSED || !channel.isActive()) {
            return false;
        }
        // the whole frame, header and payload, in one buffer: the frame encoder passes it through
        ctx.write(TextFrames.presenceUpdate(ctx.alloc(), seq, body), ctx.voidPromise());
        if (unflushed) {
            return false;
        }
        unflushed = true;
        return true;
    }

    /** Flushes what {@link #writePresence} wrote (event loop). */
    void flushWritten() {
        unflushed = false;
        ctx.flush();
    }

    /** Writes text frames and flushes (on this event loop). */
    void send(List<String> texts) {
        onLoop(() -> {
            if (state == ConnectionState.CLOSED) {
                return;
            }
            for (String t : texts) {
                channel.write(new TextWebSocketFrame(t));
            }
            channel.flush();
        });
    }

    /** Invalid Session (op 9); with d = false the connection may Identify again (a new identify timer starts). */
    void invalidSession(boolean resumable) {
        onLoop(() -> {
            if (state == ConnectionState.CLOSED) {
                return;
            }
            channel.writeAndFlush(new TextWebSocketFrame(Payloads.invalidSession(resumable)));
            state = ConnectionState.AWAITING;
            armIdentifyTimer();
        });
    }

    /**
     * Sends Reconnect (op 7) and closes with 4000 after {@code delayMs}, leaving the session resumable. With 0 the
     * close follows at once, in the same task: a node that is stopping (its event loops drop scheduled tasks when
     * they shut down), as a gateway that goes down for a restart does ("Discord may send your app a Reconnect...
     * reconnect and resume", gateway.mdx).
     */
    void reconnect(long delayMs, String reason) {
        onLoop(() -> {
            if (state == ConnectionState.CLOSED) {
                return;
            }
            channel.writeAndFlush(new TextWebSocketFrame(Payloads.reconnect()));
            if (delayMs == 0) {
                close(CloseCode.UNKNOWN_ERROR, reason);
            } else {
                channel.eventLoop().schedule(() -> close(CloseCode.UNKNOWN_ERROR, reason), delayMs,
                        TimeUnit.MILLISECONDS);
            }
        });
    }

    void closeFromEngine(CloseCode code, String reason) {
        onLoop(() -> close(code, reason));
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            engine.writable(this);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (identifyTimer != null) {
            identifyTimer.cancel(false);
        }
        state = ConnectionState.CLOSED;
        if (channel != null) {
            engine.stats().connections.decrementAndGet();
            engine.closed(this, closeCode);
        }
        super.channelInactive(ctx);
    }

    /**
     * A reset connection, a frame the codec refused or a message over {@link GatewayServer#MAX_FRAME}: closed without
     * a gateway code (the session stays resumable), with one close frame saying why. The frame decoder has sent its
     * own (1002, 1007, 1009) and closes the connection itself: a {@code ctx.close()} here would make the protocol
     * handler send a second, 1000 "Bye", which the JDK's client reports instead. A fragmented message over the limit
     * is the aggregator's fault: 1009 (RFC 6455 §7.4.1, "a message that is too big for it to process").
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        engine.stats().errors.incrementAndGet();
        switch (cause) {
            case CorruptedWebSocketFrameException c when ctx.channel().isActive() -> {
                // the decoder's close frame is on its way, and the close after it
            }
            case TooLongFrameException t when channel != null -> close(1009, "a message is at most "
                    + GatewayServer.MAX_FRAME + " bytes");
            default -> ctx.close();
        }
    }
}
