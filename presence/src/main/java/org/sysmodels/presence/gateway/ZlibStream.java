package org.sysmodels.presence.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.zip.Deflater;

/**
 * Discord's zlib-stream transport compression ({@code ?compress=zlib-stream}): every payload the gateway sends goes
 * through one zlib context for the whole connection and is flushed with Z_SYNC_FLUSH, so each WebSocket message is a
 * binary frame ending in {@code 00 00 ff ff}, and a client inflates the bytes it buffered up to that suffix with the
 * connection's one inflater (discord-api-docs, developers/events/gateway.mdx, "Transport Compression"). Sits in front
 * of {@link GatewayConnection} in the pipeline: text frames, and the pre-framed PRESENCE_UPDATE buffers of
 * {@link TextFrames}, leave as compressed binary frames; control frames (close, pong) pass as they are.
 */
final class ZlibStream extends ChannelOutboundHandlerAdapter {

    private final Deflater deflater = new Deflater();
    private final byte[] chunk = new byte[8192];

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        byte[] payload;
        if (msg instanceof TextWebSocketFrame t) {
            payload = ByteBufUtil.getBytes(t.content());
        } else if (msg instanceof ByteBuf b && TextFrames.isFrame(b)) {
            payload = TextFrames.payload(b);
        } else {
            ctx.write(msg, promise);
            return;
        }
        ReferenceCountUtil.release(msg);
        ctx.write(new BinaryWebSocketFrame(deflate(ctx, payload)), promise);
    }

    private ByteBuf deflate(ChannelHandlerContext ctx, byte[] payload) {
        deflater.setInput(payload);
        ByteBuf out = ctx.alloc().buffer(payload.length / 2 + 16);
        int n;
        do {
            n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.writeBytes(chunk, 0, n);
        } while (n == chunk.length);
        return out;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        deflater.end();
    }
}
