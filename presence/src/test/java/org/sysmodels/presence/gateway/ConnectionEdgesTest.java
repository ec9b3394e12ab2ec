package org.sysmodels.presence.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sysmodels.presence.gateway.users.DemoWorld;

/**
 * The edges of a connection, over real sockets: a message over the frame limit, whole or in fragments, is closed 1009
 * and nothing after it (RFC 6455 §7.4.1: 1009 "a message that is too big for it to process"); a connection that never
 * becomes a WebSocket does not hold its socket for ever.
 */
class ConnectionEdgesTest {

    static GatewayServer server;

    @BeforeAll
    static void start() throws Exception {
        server = GatewayServer.start(GatewayConfig.defaults().withIoThreads(1)
                .withIdentifyTimeout(Duration.ofMillis(500)), DemoWorld.create());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The close code the JDK's WebSocket client reports. */
    static final class Closes implements WebSocket.Listener {
        final CompletableFuture<Integer> code = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            code.complete(status);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            code.completeExceptionally(error);
        }
    }

    private static WebSocket connect(Closes c) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(server.gatewayUrl() + "?v=10&encoding=json"), c)
                .get(TestClient.WAIT_S, TimeUnit.SECONDS);
    }

    @Test
    void aFrameOverTheLimitClosesWith1009() throws Exception {
        Closes c = new Closes();
        WebSocket ws = connect(c);
        ws.sendText("{\"op\":1,\"d\":\"" + "x".repeat(70_000) + "\"}", true);
        assertEquals(1009, c.code.get(TestClient.WAIT_S, TimeUnit.SECONDS));
    }

    @Test
    void aMessageOverTheLimitInFragmentsClosesWith1009() throws Exception {
        Closes c = new Closes();
        WebSocket ws = connect(c);
        ws.sendText("{\"op\":1,\"d\":\"" + "x".repeat(30_000), false).get(TestClient.WAIT_S, TimeUnit.SECONDS);
        ws.sendText("x".repeat(30_000), false).get(TestClient.WAIT_S, TimeUnit.SECONDS);
        ws.sendText("x".repeat(30_000) + "\"}", true);
        assertEquals(1009, c.code.get(TestClient.WAIT_S, TimeUnit.SECONDS));
    }

    /** Reads until the server closes the connection; true if it did within {@code seconds}. */
    private static boolean closedByServer(Socket s, int seconds) throws Exception {
        s.setSoTimeout(seconds * 1000);
        InputStream in = s.getInputStream();
        try {
            while (in.read() >= 0) {
                // a 4xx answer, if any, before the close
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    /** What is not an HTTP request is answered 400 and closed; it was "404 no page at /bad-request". */
    @Test
    void aRequestThatIsNotHttpIsABadRequest() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()));
            s.getOutputStream().write("GARBAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(TestClient.WAIT_S));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n") && answer.contains("not an HTTP request"),
                    answer);
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosed() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()));
            assertTrue(closedByServer(s, 10), "a TCP connection that never sent a handshake was still open after 10 s");
        }
    }

    @Test
    void aHandshakeThatNeverEndsIsClosed() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()));
            s.getOutputStream().write("GET /gateway?v=10 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertTrue(closedByServer(s, 10), "a handshake whose headers never ended was still open after 10 s");
        }
    }
}
