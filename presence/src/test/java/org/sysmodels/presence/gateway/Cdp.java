package org.sysmodels.presence.gateway;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.sysmodels.presence.gateway.client.WsClient;

/**
 * A minimal Chrome DevTools Protocol client over the project's Netty WebSocket client: method calls by id
 * (Runtime.evaluate, Input.dispatchMouseEvent), events (Page.loadEventFired, Runtime.bindingCalled), enough to read
 * the page and click like a user. Nothing polls: a wait completes on the protocol event or on the page's own DOM
 * change (a MutationObserver the test injects, reporting through {@code Runtime.addBinding}), and fails after
 * {@link #TIMEOUT_S} seconds naming what it awaited and what it last saw.
 * Protocol: https://chromedevtools.github.io/devtools-protocol/ (Target, Page, Runtime, Input domains).
 */
final class Cdp implements WsClient.Listener {

    /** Generous: the machine is loaded; a wait that ends here is a failure, never the assertion. */
    static final int TIMEOUT_S = 60;

    /** The binding the injected observers call with {@code {"id": watch, "v": value}} or {@code "error"}. */
    private static final String BINDING = "__sysmodelsWatch";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<EventWaiter> events = new CopyOnWriteArrayList<>();
    private final Map<Integer, Watch> watches = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private WsClient ws;
    private Cdp browser;

    /** One awaited protocol event: the first message passing {@code ok} completes it. */
    private record EventWaiter(Predicate<JsonNode> ok, CompletableFuture<JsonNode> done) {
    }

    /** One awaited page value: every report is kept as the last seen; the first passing {@code ok} completes it. */
    private static final class Watch {
        final Predicate<JsonNode> ok;
        final CompletableFuture<JsonNode> done = new CompletableFuture<>();
        volatile JsonNode last;

        Watch(Predicate<JsonNode> ok) {
            this.ok = ok;
        }

        void seen(JsonNode report) {
            last = report;
            if (report.has("v") && ok.test(report.get("v"))) {
                done.complete(report.get("v"));
            }
        }
    }

    static Cdp connect(EventLoopGroup group, String url) throws Exception {
        Cdp c = new Cdp();
        c.ws = WsClient.connect(group, URI.create(url), 16 << 20, c).get(TIMEOUT_S, TimeUnit.SECONDS);
        return c;
    }

    /**
     * Opens {@code url} in a new tab of the browser whose DevTools endpoint is {@code browserUrl}: the tab is
     * created blank, the binding is added, then the page is navigated and this returns on its load event.
     */
    static Cdp openPage(EventLoopGroup group, String browserUrl, String url) throws Exception {
        return openPage(group, browserUrl, url, null);
    }

    /**
     * As {@link #openPage(EventLoopGroup, String, String)}, running {@code initScript} (if not null) in the page
     * before any of its own scripts (Page.addScriptToEvaluateOnNewDocument): a test hook, e.g. around WebSocket.
     */
    static Cdp openPage(EventLoopGroup group, String browserUrl, String url, String initScript) throws Exception {
        Cdp browser = connect(group, browserUrl);
        String target = browser.call("Target.createTarget", JSON.createObjectNode().put("url", "about:blank"))
                .get("targetId").asText();
        URI b = URI.create(browserUrl);
        Cdp page = connect(group, "ws://" + b.getAuthority() + "/devtools/page/" + target);
        page.browser = browser;
        page.call("Page.enable", JSON.createObjectNode());
        page.call("Runtime.enable", JSON.createObjectNode());
        page.call("Runtime.addBinding", JSON.createObjectNode().put("name", BINDING));
        if (initScript != null) {
            page.call("Page.addScriptToEvaluateOnNewDocument", JSON.createObjectNode().put("source", initScript));
        }
        // the load that counts is the one after the main frame navigated to url (not about:blank's)
        AtomicBoolean navigated = new AtomicBoolean();
        CompletableFuture<JsonNode> loaded = page.event(m -> switch (m.path("method").asText()) {
            case "Page.frameNavigated" -> {
                JsonNode frame = m.path("params").path("frame");
                if (!frame.has("parentId") && frame.path("url").asText().startsWith(url)) {
                    navigated.set(true);
                }
                yield false;
            }
            case "Page.loadEventFired" -> navigated.get();
            default -> false;
        });
        JsonNode nav = page.call("Page.navigate", JSON.createObjectNode().put("url", url));
        if (nav.has("errorText")) {
            fail("Page.navigate " + url + ": " + nav.get("errorText"));
        }
        page.awaitEvent(loaded, "Page.loadEventFired after navigating to " + url
                + (navigated.get() ? " (the frame navigated)" : " (no Page.frameNavigated to it seen)"));
        return page;
    }

    @Override
    public void text(WsClient client, String text) {
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (Exception e) {
            return; // DevTools sends JSON only
        }
        if (n.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(n.get("id").asInt());
            if (f != null) {
                f.complete(n);
            }
            return;
        }
        if ("Runtime.bindingCalled".equals(n.path("method").asText())
                && BINDING.equals(n.path("params").path("name").asText())) {
            try {
                JsonNode report = JSON.readTree(n.path("params").path("payload").asText());
                Watch w = watches.get(report.path("id").asInt());
                if (w != null) {
                    w.seen(report);
                }
            } catch (Exception e) {
                watches.values().forEach(w -> w.last = JSON.getNodeFactory().textNode("bad report: " + e));
            }
        }
        for (EventWaiter w : events) {
            if (w.ok().test(n)) {
                w.done().complete(n);
                events.remove(w);
            }
        }
    }

    @Override
    public void closed(WsClient client, int code, String reason) {
        IllegalStateException e = new IllegalStateException("DevTools closed " + code + " " + reason);
        pending.values().forEach(f -> f.completeExceptionally(e));
        events.forEach(w -> w.done().completeExceptionally(e));
        watches.values().forEach(w -> w.done.completeExceptionally(e));
    }

    JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", params);
        ws.send(JSON.writeValueAsString(msg));
        JsonNode r;
        try {
            r = f.get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            pending.remove(id);
            throw new AssertionError("DevTools did not answer " + method + " in " + TIMEOUT_S + " s", e);
        }
        if (r.has("error")) {
            throw new IllegalStateException(method + ": " + r.get("error"));
        }
        return r.get("result");
    }

    /** A future completed by the first protocol event (the whole message) passing {@code ok}; register before acting. */
    CompletableFuture<JsonNode> event(Predicate<JsonNode> ok) {
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        events.add(new EventWaiter(ok, f));
        return f;
    }

    JsonNode awaitEvent(CompletableFuture<JsonNode> event, String what) throws Exception {
        try {
            return event.get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fail("awaited " + what + ": not seen in " + TIMEOUT_S + " s");
            return null;
        }
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

    /**
     * Waits until the value of {@code expression} (which must depend on the DOM only) passes {@code ok}. An
     * observer injected into the page reports the value at once and again after every DOM mutation that changes it
     * (MutationObserver on the whole document), through the binding; nothing is re-evaluated on a timer.
     */
    JsonNode await(String expression, Predicate<JsonNode> ok, String what) throws Exception {
        int id = ids.incrementAndGet();
        Watch w = new Watch(ok);
        watches.put(id, w);
        try {
            eval("(() => {\n"
                    + "  const value = () => { try { const v = (" + expression + ");\n"
                    + "    return JSON.stringify({id: " + id + ", v: v === undefined ? null : v}); }\n"
                    + "    catch (e) { return JSON.stringify({id: " + id + ", error: String(e)}); } };\n"
                    + "  let last = null;\n"
                    + "  const report = () => { const r = value(); if (r !== last) { last = r; "
                    + BINDING + "(r); } };\n"
                    + "  const observer = new MutationObserver(report);\n"
                    + "  observer.observe(document, {subtree: true, childList: true, attributes: true, "
                    + "characterData: true});\n"
                    + "  (window.__sysmodelsStop ||= {})[" + id + "] = () => observer.disconnect();\n"
                    + "  report();\n"
                    + "})()");
            try {
                return w.done.get(TIMEOUT_S, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                fail(what + ": awaited " + expression + " to pass; last seen " + w.last + " (no DOM change "
                        + "brought it in " + TIMEOUT_S + " s)");
                return null;
            }
        } finally {
            watches.remove(id);
            try {
                eval("window.__sysmodelsStop && window.__sysmodelsStop[" + id + "] && window.__sysmodelsStop["
                        + id + "]()");
            } catch (Exception | AssertionError e) {
                // the page is gone: nothing left to disconnect
            }
        }
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
        if (browser != null) {
            browser.ws.drop();
        }
    }
}
