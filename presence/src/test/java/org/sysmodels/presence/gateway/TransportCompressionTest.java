package org.sysmodels.presence.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sysmodels.presence.gateway.users.UserDirectory;

/**
 * {@code ?compress=zlib-stream} over a real socket, read by the JDK's own WebSocket client as discord-api-docs tells a
 * client to: every message binary and ending in the Z_SYNC_FLUSH suffix, all inflated by one inflater for the
 * connection; the pre-framed PRESENCE_UPDATE path compressed too. A compression the gateway does not serve closes.
 */
class TransportCompressionTest {

    private static final byte[] SUFFIX = {0, 0, (byte) 0xff, (byte) 0xff};
    private static final ObjectMapper JSON = new ObjectMapper();

    static EventLoopGroup clients;
    static GatewayServer server;

    @BeforeAll
    static void start() throws Exception {
        clients = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        UserDirectory users = GatewayProtocolTest.world();
        server = GatewayServer.start(GatewayProtocolTest.PATIENT, users, null,
                new PublishedPresences(users, TestClient.WAIT_S));
    }

    @AfterAll
    static void stop() {
        server.close();
        clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    /** A client that keeps whole messages: the bytes of a binary one, or a text one marked as such. */
    static final class Messages implements WebSocket.Listener {
        final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            binary.writeBytes(b);
            if (last) {
                queue.add(binary.toByteArray());
                binary.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            queue.add("text: " + data);
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            closed.complete(code);
            return null;
        }
    }

    private static WebSocket connect(String query, Messages m) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(server.gatewayUrl() + query), m).get(TestClient.WAIT_S, TimeUnit.SECONDS);
    }

    /** The next payload: a binary message ending in the suffix, inflated by the connection's inflater. */
    private static JsonNode next(Messages m, Inflater inflater) throws Exception {
        Object msg = m.queue.poll(TestClient.WAIT_S, TimeUnit.SECONDS);
        assertNotNull(msg, "no message");
        assertTrue(msg instanceof byte[], "a compressed connection got " + msg);
        byte[] z = (byte[]) msg;
        assertArrayEquals(SUFFIX, Arrays.copyOfRange(z, z.length - 4, z.length), "each message ends a sync flush");
        inflater.setInput(z);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        while ((n = inflater.inflate(buf)) > 0) {
            out.write(buf, 0, n);
        }
        return JSON.readTree(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyPayloadIsOneSyncFlushOfTheConnectionsZlibStream() throws Exception {
        Messages m = new Messages();
        WebSocket ws = connect("?v=10&encoding=json&compress=zlib-stream", m);
        Inflater inflater = new Inflater();
        assertEquals(10, next(m, inflater).get("op").asInt());
        ws.sendText(TestClient.identifyJson("t1010", "online", "desktop", 1 << 8), true).get();
        JsonNode ready = next(m, inflater);
        assertEquals("READY", ready.get("t").asText(), ready.toString());
        TestClient friend = TestClient.connect(clients, server.gatewayUrl() + "?v=10&encoding=json");
        friend.identify("t1009", "online", "web");
        friend.send(TestClient.status("dnd"));
        JsonNode update;
        do {
            update = next(m, inflater);
        } while (!("PRESENCE_UPDATE".equals(update.path("t").asText())
                && "1009".equals(update.path("d").path("user").path("id").asText())
                && "dnd".equals(update.path("d").path("status").asText())));
        assertTrue(update.get("s").asLong() > ready.get("s").asLong(), update.toString());
        ws.sendText(TestClient.heartbeat(update.get("s").asLong()), true).get();
        JsonNode ack;
        do {
            ack = next(m, inflater);
        } while (ack.get("op").asInt() != 11);
        ws.sendClose(1000, "bye").get();
        friend.ws.close(1000);
        inflater.end();
    }

    @Test
    void aTransportCompressionNotServedCloses4002() throws Exception {
        Messages m = new Messages();
        connect("?v=10&encoding=json&compress=zstd-stream", m);
        assertEquals(4002, m.closed.get(TestClient.WAIT_S, TimeUnit.SECONDS));
    }
}
