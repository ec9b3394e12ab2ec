package org.sysmodels.presence.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that has not become a WebSocket within the identify timeout of connecting (then leaves the
 * pipeline). Netty's own {@code handshakeTimeoutMillis} starts only when an upgrade request has arrived whole, so a
 * connection that sends nothing, or a request's headers a byte at a time, would otherwise hold its socket (a file
 * descriptor) for ever; after the handshake {@link GatewayConnection}'s identify timer and the heartbeat deadline take
 * over. A page request's keep-alive connection is closed at the same deadline (a browser opens another).
 */
final class HandshakeDeadline extends ChannelInboundHandlerAdapter {

    private final long nanos;
    private ScheduledFuture<?> timer;

    HandshakeDeadline(long nanos) {
        this.nanos = nanos;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        timer = ctx.executor().schedule(() -> ctx.channel().close(), nanos, TimeUnit.NANOSECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            cancel();
            ctx.pipeline().remove(this);
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
