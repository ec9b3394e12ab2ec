package org.sysmodels.presence.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.sysmodels.presence.gateway.client.WsClient;

/**
 * A gateway client for tests: every received payload goes to a queue (and to {@link #all}), the close code to a
 * future. Waits are bounded (generous, for a loaded machine) and fail with what was received.
 */
final class TestClient implements WsClient.Listener {

    static final ObjectMapper JSON = new ObjectMapper();
    static final long WAIT_S = 30;

    final java.util.concurrent.LinkedBlockingDeque<JsonNode> inbox = new java.util.concurrent.LinkedBlockingDeque<>();
    final List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());
    final CompletableFuture<int[]> closed = new CompletableFuture<>();
    volatile String closeReason = "";
    WsClient ws;
    long lastSeq;

    static TestClient connect(EventLoopGroup group, String url) throws Exception {
        TestClient c = new TestClient();
        c.ws = WsClient.connect(group, URI.create(url), 1 << 20, c).get(WAIT_S, TimeUnit.SECONDS);
        return c;
    }

    /** A client over {@code transport} ({@code group} must be of it). */
    static TestClient connect(org.sysmodels.presence.gateway.client.NettyTransport transport, EventLoopGroup group,
                              String url) throws Exception {
        TestClient c = new TestClient();
        c.ws = WsClient.connect(transport, group, URI.create(url), 1 << 20, true, c).get(WAIT_S, TimeUnit.SECONDS);
        return c;
    }

    /** The highest {@code s} of every payload received so far, read or not: what a client would Resume with. */
    long receivedSeq() {
        long max = 0;
        synchronized (all) {
            for (String text : all) {
                try {
                    JsonNode s = JSON.readTree(text).path("s");
                    if (s.isIntegralNumber()) {
                        max = Math.max(max, s.longValue());
                    }
                } catch (Exception e) {
                    // not JSON: no sequence number
                }
            }
        }
        return max;
    }

    /** Notified (after {@link #all} grew) on every payload received and on the close. */
    private final Object arrived = new Object();

    @Override
    public void text(WsClient client, String text) {
        all.add(text);
        try {
            inbox.add(JSON.readTree(text));
        } catch (Exception e) {
            inbox.add(JSON.createObjectNode().put("unparsable", text));
        }
        synchronized (arrived) {
            arrived.notifyAll();
        }
    }

    /**
     * Waits until {@code holds} is true of this client, looking again each time a payload arrives (no polling), at
     * most {@link #WAIT_S} s; then fails with {@code what} and {@code lastSeen}'s account of what it saw.
     */
    <T> T awaitArrival(java.util.function.Function<TestClient, T> seen, Predicate<T> holds, String what)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        synchronized (arrived) {
            while (true) {
                T now = seen.apply(this);
                if (holds.test(now)) {
                    return now;
                }
                long left = end - System.nanoTime();
                if (left <= 0 || closed.isDone()) {
                    fail(what + " did not happen within " + WAIT_S + " s" + (closed.isDone() ? " (the connection "
                            + "closed)" : "") + "; last seen " + now + "; received " + all);
                }
                TimeUnit.NANOSECONDS.timedWait(arrived, left);
            }
        }
    }

    @Override
    public void closed(WsClient client, int code, String reason) {
        closeReason = reason;
        closed.complete(new int[] {code});
        synchronized (arrived) {
            arrived.notifyAll();
        }
    }

    void send(String json) {
        ws.send(json);
    }

    /** The next payload (bounded wait); fails at once, with the close code, if the connection closed first. */
    JsonNode next() throws InterruptedException {
        JsonNode n = nextOrClosed();
        if (n == null) {
            fail("the connection closed (" + closed.getNow(new int[] {-1})[0] + " " + closeReason
                    + ") with nothing more received; received so far: " + all);
        }
        if (n.path("s").isIntegralNumber()) {
            lastSeq = n.get("s").longValue();
        }
        return n;
    }

    /** The next payload, or null as soon as the connection has closed with nothing more queued (bounded wait). */
    JsonNode nextOrClosed() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (System.nanoTime() < end) {
            JsonNode n = inbox.poll(50, TimeUnit.MILLISECONDS);
            if (n != null) {
                return n;
            }
            if (closed.isDone()) {
                return inbox.poll();
            }
        }
        fail("neither a payload nor a close in " + WAIT_S + " s; received so far: " + all);
        return null;
    }

    /**
     * Skips payloads until one matches, for at most {@link #WAIT_S} s in all: a client that heartbeats gets ACKs
     * forever, so a bound per payload alone would never end the wait.
     */
    JsonNode next(Predicate<JsonNode> want) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (true) {
            JsonNode n = next();
            if (want.test(n)) {
                return n;
            }
            if (System.nanoTime() - end > 0) {
                fail("no payload as wanted in " + WAIT_S + " s; received so far: " + all);
            }
        }
    }

    JsonNode nextDispatch(String type) throws InterruptedException {
        return next(n -> n.path("op").asInt() == 0 && type.equals(n.path("t").asText()));
    }

    /** The next PRESENCE_UPDATE about {@code userId}. */
    JsonNode nextPresence(String userId) throws InterruptedException {
        return next(n -> "PRESENCE_UPDATE".equals(n.path("t").asText())
                && userId.equals(n.path("d").path("user").path("id").asText()));
    }

    /** The close code the server sent (bounded wait). */
    int closeCode() throws Exception {
        try {
            return closed.get(WAIT_S, TimeUnit.SECONDS)[0];
        } catch (java.util.concurrent.TimeoutException e) {
            fail("the connection did not close in " + WAIT_S + " s; received: " + all);
            return -1;
        }
    }

    JsonNode hello() throws InterruptedException {
        JsonNode h = next();
        assertEquals(10, h.get("op").asInt(), "first payload is Hello: " + h);
        return h;
    }

    /** Hello, Identify (GUILDS, GUILD_MEMBERS, GUILD_PRESENCES), READY (returned); GUILD_CREATEs are left queued. */
    JsonNode identify(String token, String status, String device) throws Exception {
        return identify(token, status, device, 1 << 8 | 1 << 1 | 1);
    }

    /** Hello, Identify with {@code intents}, READY (returned); GUILD_CREATEs are left in the queue. */
    JsonNode identify(String token, String status, String device, long intents) throws Exception {
        hello();
        send(identifyJson(token, status, device, intents));
        JsonNode ready = nextDispatch("READY");
        assertNotNull(ready.path("d").path("session_id").textValue(), "READY has a session_id: " + ready);
        return ready;
    }

    static String identifyJson(String token, String status, String device, long intents) {
        String presence = status == null ? "" : ",\"presence\":{\"since\":null,\"activities\":[],\"status\":\""
                + status + "\",\"afk\":false}";
        return "{\"op\":2,\"d\":{\"token\":\"" + token + "\",\"properties\":{\"os\":\"linux\",\"browser\":\"test\","
                + "\"device\":\"" + device + "\"},\"intents\":" + intents + presence + "}}";
    }

    static String status(String status) {
        return "{\"op\":3,\"d\":{\"since\":null,\"activities\":[],\"status\":\"" + status + "\",\"afk\":false}}";
    }

    static String heartbeat(Long seq) {
        return "{\"op\":1,\"d\":" + seq + "}";
    }

    static String resume(String token, String sessionId, long seq) {
        return "{\"op\":6,\"d\":{\"token\":\"" + token + "\",\"session_id\":\"" + sessionId + "\",\"seq\":" + seq
                + "}}";
    }
}
