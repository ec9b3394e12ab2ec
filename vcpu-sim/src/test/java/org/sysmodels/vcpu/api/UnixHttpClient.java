package org.sysmodels.vcpu.api;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An HTTP client over a Unix domain socket for the API tests (Netty's codec; one keep-alive connection). */
final class UnixHttpClient implements AutoCloseable {

    record Reply(int status, String body, String server) {
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    private final LinkedBlockingQueue<CompletableFuture<Reply>> waiting = new LinkedBlockingQueue<>();
    private final Path socket;
    private Channel channel;

    UnixHttpClient(Path socket) {
        this.socket = socket;
    }

    private Channel channel() throws InterruptedException {
        if (channel == null || !channel.isActive()) {
            channel = new Bootstrap().group(group).channel(EpollDomainSocketChannel.class)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new HttpClientCodec()).addLast(new HttpObjectAggregator(1 << 20))
                                    .addLast(new SimpleChannelInboundHandler<FullHttpResponse>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
                                            CompletableFuture<Reply> f = waiting.poll();
                                            if (f != null) {
                                                f.complete(new Reply(r.status().code(),
                                                        r.content().toString(StandardCharsets.UTF_8),
                                                        r.headers().get(HttpHeaderNames.SERVER)));
                                            }
                                        }
                                    });
                        }
                    }).connect(new DomainSocketAddress(socket.toFile())).sync().channel();
        }
        return channel;
    }

    /** Sends a request and waits (bounded) for its reply. */
    Reply send(String method, String path, String body) throws Exception {
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), path,
                body == null ? Unpooled.EMPTY_BUFFER : Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        req.headers().set(HttpHeaderNames.HOST, "localhost");
        if (body != null) {
            req.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, req.content().readableBytes());
        }
        CompletableFuture<Reply> f = new CompletableFuture<>();
        waiting.add(f);
        channel().writeAndFlush(req).sync();
        try {
            return f.get(60, TimeUnit.SECONDS);
        } finally {
            if (!f.isDone()) {
                waiting.remove(f);
            }
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
