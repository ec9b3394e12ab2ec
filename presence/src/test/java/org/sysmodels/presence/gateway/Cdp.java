package org.sysmodels.presence.gateway;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.sysmodels.presence.gateway.client.WsClient;

/**
 * A minimal Chrome DevTools Protocol client over the project's Netty WebSocket client: method calls by id
 * (Runtime.evaluate, Input.dispatchMouseEvent), enough to read the page and click like a user.
 */
final class Cdp implements WsClient.Listener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private WsClient ws;

    static Cdp connect(EventLoopGroup group, String url) throws Exception {
        Cdp c = new Cdp();
        c.ws = WsClient.connect(group, URI.create(url), 16 << 20, c).get(60, TimeUnit.SECONDS);
        return c;
    }

    @Override
    public void text(WsClient client, String text) {
        try {
            JsonNode n = JSON.readTree(text);
            if (n.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(n.get("id").asInt());
                if (f != null) {
                    f.complete(n);
                }
            }
        } catch (Exception e) {
            // events we do not use
        }
    }

    @Override
    public void closed(WsClient client, int code, String reason) {
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("DevTools closed " + code)));
    }

    JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", params);
        ws.send(JSON.writeValueAsString(msg));
        JsonNode r = f.get(60, TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new IllegalStateException(method + ": " + r.get("error"));
        }
        return r.get("result");
    }

    /** Evaluates a JavaScript expression in the page; its value as JSON. */
    JsonNode eval(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException(expression + ": " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Waits (bounded) until the expression's value passes {@code ok}. */
    JsonNode await(String expression, Predicate<JsonNode> ok, String what) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode v = null;
        while (System.nanoTime() < end) {
            try {
                v = eval(expression);
                if (ok.test(v)) {
                    return v;
                }
            } catch (IllegalStateException e) {
                v = JSON.getNodeFactory().textNode(e.getMessage());
            }
            Thread.sleep(100);
        }
        fail(what + ": still " + v + " after 60 s");
        return v;
    }

    /** A real click: mouse pressed and released at the centre of the element, as a user's would be. */
    void click(String elementId) throws Exception {
        JsonNode box = await("(() => { const e = document.getElementById('" + elementId + "'); if (!e || "
                + "e.offsetParent === null) return null; e.scrollIntoView({block: 'center'}); const r = "
                + "e.getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()",
                v -> v != null && v.isObject(), "element #" + elementId + " visible");
        for (String type : new String[] {"mouseMoved", "mousePressed", "mouseReleased"}) {
            ObjectNode p = JSON.createObjectNode().put("type", type).put("x", box.get("x").asDouble())
                    .put("y", box.get("y").asDouble()).put("button", type.equals("mouseMoved") ? "none" : "left")
                    .put("clickCount", type.equals("mouseMoved") ? 0 : 1);
            call("Input.dispatchMouseEvent", p);
        }
    }

    void close() {
        ws.drop();
    }
}
