package org.sysmodels.presence.gateway;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The plain HTTP side of the gateway: the browser demo page and its script from the classpath, {@code /demo.json}
 * (the demo world's names and tokens, only when no users file was given), 400 for what is not an HTTP request, and
 * 404 for anything else. A request to {@code /gateway} goes on to the WebSocket handshake. HEAD is answered as GET
 * without the body ("All general-purpose servers MUST support the methods GET and HEAD", RFC 9110 §9.1; its
 * Content-Length is GET's, §8.6); another method gets 405 with {@code Allow: GET, HEAD} (RFC 9110 §15.5.6: "MUST
 * generate an Allow header field").
 */
final class HttpPages extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String GATEWAY_PATH = "/gateway";

    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"web/index.html", "text/html; charset=utf-8"},
            "/index.html", new String[] {"web/index.html", "text/html; charset=utf-8"},
            "/app.js", new String[] {"web/app.js", "text/javascript; charset=utf-8"},
            "/style.css", new String[] {"web/style.css", "text/css; charset=utf-8"});

    private final String demoJson;

    /** @param demoJson the body of /demo.json, or null when the server runs a users file */
    HttpPages(String demoJson) {
        super(false);
        this.demoJson = demoJson;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (req.decoderResult().isFailure()) {
            // Netty hands on what it could not parse as a GET of "/bad-request" (RFC 9110 §15.5.1: 400)
            try {
                HttpUtil.setKeepAlive(req, false);
                respond(ctx, req, HttpResponseStatus.BAD_REQUEST, "text/plain", "not an HTTP request: "
                        + req.decoderResult().cause().getMessage() + "\n");
            } finally {
                req.release();
            }
            return;
        }
        String path = new QueryStringDecoder(req.uri()).path();
        if (path.equals(GATEWAY_PATH)) {
            ctx.fireChannelRead(req);
            return;
        }
        try {
            if (!req.method().equals(HttpMethod.GET) && !req.method().equals(HttpMethod.HEAD)) {
                respond(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain", "GET or HEAD only\n");
                return;
            }
            String[] file = FILES.get(path);
            if (file != null) {
                respond(ctx, req, HttpResponseStatus.OK, file[1], resource(file[0]));
            } else if (path.equals("/demo.json") && demoJson != null) {
                respond(ctx, req, HttpResponseStatus.OK, "application/json", demoJson);
            } else {
                respond(ctx, req, HttpResponseStatus.NOT_FOUND, "text/plain", "no page at " + path + "\n");
            }
        } finally {
            req.release();
        }
    }

    private static String resource(String name) {
        try (InputStream in = HttpPages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("page resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status,
                                String type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        boolean head = req.method().equals(HttpMethod.HEAD);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        if (status.equals(HttpResponseStatus.METHOD_NOT_ALLOWED)) {
            res.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
        }
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        res.headers().set("X-Content-Type-Options", "nosniff");
        HttpUtil.setContentLength(res, bytes.length);
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res);
        } else {
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
