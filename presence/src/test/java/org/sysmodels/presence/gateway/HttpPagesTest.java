package org.sysmodels.presence.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sysmodels.presence.gateway.users.DemoWorld;

/** The demo page's HTTP side against RFC 9110: HEAD served as GET without a body, and 405 naming what is allowed. */
class HttpPagesTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static HttpResponse<String> send(String method, String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** RFC 9110 §9.1: "All general-purpose servers MUST support the methods GET and HEAD"; HEAD was 405. */
    @Test
    void headGetsTheHeadersOfGetWithoutTheBody() throws Exception {
        try (GatewayServer server = GatewayServer.start(GatewayConfig.defaults().withIoThreads(1),
                DemoWorld.create())) {
            String page = server.pageUrl() + "app.js";
            HttpResponse<String> get = send("GET", page);
            HttpResponse<String> head = send("HEAD", page);
            assertEquals(200, head.statusCode(), "HEAD " + page);
            assertEquals("", head.body());
            assertEquals(get.headers().firstValue("content-type"), head.headers().firstValue("content-type"));
            // RFC 9110 §8.6: a HEAD response's Content-Length is the one a GET would have sent
            assertEquals(get.headers().firstValueAsLong("content-length"),
                    head.headers().firstValueAsLong("content-length"));
            assertEquals(404, send("HEAD", server.pageUrl() + "nope").statusCode());
        }
    }

    /** RFC 9110 §15.5.6: "The origin server MUST generate an Allow header field in a 405 response". */
    @Test
    void methodNotAllowedSaysWhichAre() throws Exception {
        try (GatewayServer server = GatewayServer.start(GatewayConfig.defaults().withIoThreads(1),
                DemoWorld.create())) {
            HttpResponse<String> post = send("POST", server.pageUrl());
            assertEquals(405, post.statusCode());
            assertEquals("GET, HEAD", post.headers().firstValue("allow").orElse("(none)"));
        }
    }
}
