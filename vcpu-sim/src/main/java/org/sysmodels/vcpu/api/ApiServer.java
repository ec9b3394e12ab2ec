package org.sysmodels.vcpu.api;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The API server: HTTP/1.1 over a Unix domain socket (and optionally a loopback TCP port), with Netty's HTTP codec on
 * epoll, one API thread as in Firecracker. Requests go to the {@link ApiController}; the HTTP layer itself answers what
 * micro_http answers itself (Firecracker's HTTP library, micro_http 7975fe0): a method other than GET, PUT, PATCH or
 * DELETE, a request it cannot parse, and a body over {@link #MAX_PAYLOAD} bytes (HTTP_MAX_PAYLOAD_SIZE) get 400 with
 * the body <code>{ "error": "...\nAll previous unanswered requests will be dropped." }</code>, whose raw newline
 * makes it invalid JSON, exactly as micro_http writes it (server.rs l. 126-137). Responses carry micro_http's headers:
 * {@code Server: Firecracker API}, {@code Connection: keep-alive}, and for a body {@code Content-Type:
 * application/json} with its length.
 */
public final class ApiServer implements AutoCloseable {

    /** HTTP_MAX_PAYLOAD_SIZE (Firecracker src/vmm/src/lib.rs l. 213). */
    public static final int MAX_PAYLOAD = 51_200;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    private final ApiController controller;
    private final BiConsumer<String, Long> onRequest;
    private final Path socket;
    private Channel unix;
    private Channel tcp;

    /**
     * @param onRequest told each request line and how long it took (ns), for the trace and the summary
     */
    public ApiServer(ApiController controller, Path socket, BiConsumer<String, Long> onRequest) {
        this.controller = controller;
        this.socket = socket;
        this.onRequest = onRequest;
    }

    /** Binds the socket (and the TCP port if {@code tcpPort > 0}). @throws IOException if it cannot */
    public void start(int tcpPort) throws IOException {
        if (Files.isDirectory(socket)) {
            throw new IOException(socket + ": is a folder; give a path for a new socket file, such as "
                    + "/tmp/firecracker.socket");
        }
        if (Files.exists(socket)) {
            throw new IOException(socket + ": the file exists (Address in use); remove it first, as the "
                    + "getting-started guide does with rm -f");
        }
        Path folder = socket.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new IOException(socket + ": cannot create the socket: no such folder " + folder);
        }
        try {
            unix = new ServerBootstrap().group(group).channel(EpollServerDomainSocketChannel.class)
                    .childHandler(initializer()).bind(new DomainSocketAddress(socket.toFile())).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + socket);
        } catch (Exception e) {
            // sync() rethrows Netty's bind failure, an IOException its signature does not declare
            throw new IOException(socket + ": cannot create the socket: " + bindReason(e), e);
        }
        try {
            if (tcpPort > 0) {
                tcp = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                        .childHandler(initializer()).bind(new InetSocketAddress("127.0.0.1", tcpPort)).sync()
                        .channel();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + socket);
        } catch (RuntimeException e) {
            throw new IOException("cannot bind " + socket + ": " + e.getMessage(), e);
        }
    }

    /** "bind(..) failed with error(-2): No such file or directory" → "no such file or directory". */
    static String bindReason(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.replaceFirst("^\\w+\\(\\.\\.\\) failed(?: with error\\(-?\\d+\\))?: ", "");
        return m.isEmpty() ? m : Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    private ChannelInitializer<Channel> initializer() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpServerCodec(4096, 8192, 8192))
                        .addLast(new Gate())
                        .addLast(new HttpServerExpectContinueHandler())
                        .addLast(new HttpObjectAggregator(MAX_PAYLOAD) {
                            @Override
                            protected void handleOversizedMessage(ChannelHandlerContext ctx,
                                                                  io.netty.handler.codec.http.HttpMessage oversized) {
                                long size = HttpUtil.getContentLength(oversized, -1L);
                                httpError(ctx, "Request payload with size " + (size < 0 ? "more than " + MAX_PAYLOAD
                                        : size) + " is larger than the limit of " + MAX_PAYLOAD
                                        + " allowed by server.");
                            }
                        })
                        .addLast(new Handler());
            }
        };
    }

    /** What micro_http refuses before a request reaches Firecracker: bad requests, methods, sizes. */
    private static final class Gate extends ChannelInboundHandlerAdapter {
        private boolean dropping;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (dropping) {
                io.netty.util.ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpRequest r) {
                String error = null;
                if (r.decoderResult().isFailure()) {
                    error = "Invalid request.";
                } else if (!List.of("GET", "PUT", "PATCH", "DELETE").contains(r.method().name())) {
                    error = "Invalid HTTP Method: Unsupported HTTP method.";
                } else if (utf8(r.uri()) == null) {
                    error = "Invalid URI: Cannot parse URI as UTF-8.";
                } else if (r.protocolVersion() != HttpVersion.HTTP_1_1 && r.protocolVersion() != HttpVersion.HTTP_1_0) {
                    error = "Invalid HTTP Version: Unsupported HTTP version.";
                } else if (HttpUtil.getContentLength(r, 0L) > MAX_PAYLOAD) {
                    error = "Request payload with size " + HttpUtil.getContentLength(r, 0L)
                            + " is larger than the limit of " + MAX_PAYLOAD + " allowed by server.";
                }
                if (error != null) {
                    dropping = true;
                    io.netty.util.ReferenceCountUtil.release(msg);
                    httpError(ctx, error);
                    return;
                }
            }
            ctx.fireChannelRead(msg);
        }
    }

    /**
     * The request-target as micro_http reads it ({@code request.rs} {@code Uri::try_from}: UTF-8, else "Cannot parse
     * URI as UTF-8."), or null. Netty keeps each byte of the request line as one char (ISO-8859-1).
     */
    static String utf8(String nettyUri) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(nettyUri.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** micro_http's own 400: not a fault_message, and the connection's pending requests are dropped. */
    private static void httpError(ChannelHandlerContext ctx, String error) {
        String body = "{ \"error\": \"" + error + "\nAll previous unanswered requests will be dropped.\" }";
        ctx.writeAndFlush(response(400, body)).addListener(ChannelFutureListener.CLOSE);
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            long t0 = System.nanoTime();
            ByteBuf content = req.content();
            byte[] body = null;
            if (content.readableBytes() > 0) {
                body = new byte[content.readableBytes()];
                content.getBytes(content.readerIndex(), body);
            }
            ApiController.Response r = controller.handle(req.method().name(), utf8(req.uri()), body);
            FullHttpResponse resp = response(r.status(), r.body());
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            if (keepAlive) {
                ctx.writeAndFlush(resp);
            } else {
                ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
            }
            onRequest.accept(req.method().name() + " " + req.uri() + " → " + r.status(), System.nanoTime() - t0);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a client that went away (reset) ends its connection, nothing else
        }
    }

    static FullHttpResponse response(int status, String body) {
        FullHttpResponse resp;
        if (body == null) {
            resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
        } else {
            resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            resp.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            resp.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, resp.content().readableBytes());
        }
        resp.headers().set(HttpHeaderNames.SERVER, "Firecracker API");
        resp.headers().set(HttpHeaderNames.CONNECTION, "keep-alive");
        return resp;
    }

    public Path socket() {
        return socket;
    }

    @Override
    public void close() {
        if (unix != null) {
            unix.close().syncUninterruptibly();
            unix = null;
        }
        if (tcp != null) {
            tcp.close().syncUninterruptibly();
            tcp = null;
        }
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // the socket file stays; the next start says so
        }
    }
}
