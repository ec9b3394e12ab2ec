package org.sysmodels.presence.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;

/**
 * WebSocket pings, taken before Netty's protocol handler, which would answer every ping with a flushed pong whether or
 * not the client reads them, and not tell the connection (discord-api-docs do not mention pings; this is the model's
 * rule): a ping counts against the connection's rate limit like a gateway event (over it: 4008), and is answered only
 * while the connection's outbound buffer is under its high-water mark, so a client that pings and never reads cannot
 * make the server hold pongs for it. RFC 6455 §5.5.3 allows that: an endpoint that has not answered earlier pings may
 * answer only the latest one. An unsolicited pong (RFC 6455 §5.5.3 allows it, as a one-way heartbeat) counts against
 * the limit too and is dropped.
 */
final class PingPolicy extends ChannelInboundHandlerAdapter {

    private final GatewayConnection connection;

    PingPolicy(GatewayConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof PingWebSocketFrame ping) {
            try {
                connection.ping(ping);
            } finally {
                ping.release();
            }
        } else if (msg instanceof PongWebSocketFrame pong) {
            try {
                connection.pong();
            } finally {
                pong.release();
            }
        } else {
            ctx.fireChannelRead(msg);
        }
    }
}
