package org.sysmodels.presence.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.File;
import java.io.BufferedReader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sysmodels.presence.gateway.users.DemoWorld;
import org.sysmodels.presence.gateway.users.UserDirectory;
import org.sysmodels.presence.model.core.PresenceObserver;
import org.sysmodels.presence.model.presence.Status;

/**
 * The browser demo in headless Chromium (Debian's chromium, from scripts/install-test-deps.sh), driven over the
 * Chrome DevTools Protocol: a real click signs in as ada; a friend's status change made by another client shows up
 * in the page; a real click on "Do Not Disturb" and on "Invisible" reaches that friend as dnd and then offline.
 * Every wait is on a signal (Chromium's DevTools line, a CDP event, a DOM mutation reported by an injected observer,
 * the core's PresenceObserver), bounded, and fails saying what it awaited and what it last saw.
 */
class BrowserDemoTest {

    static String chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        fail("no chromium on PATH: install it with scripts/install-test-deps.sh (Debian package chromium)");
        return null;
    }

    /**
     * Headless Chromium with a profile of its own, and the event loop the test's DevTools and WebSocket clients run
     * on; closing stops the browser and the loop and deletes the profile.
     */
    private static final class Browser implements AutoCloseable {
        final EventLoopGroup group;
        private final Path profile;
        private Process process;

        Browser() throws Exception {
            String chrome = chromium();
            group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
            profile = Files.createTempDirectory("presence-chromium-");
            try {
                process = startChromium(chrome, profile);
            } catch (Exception e) {
                close();
                throw e;
            }
        }

        /** A new tab on {@code url}, with {@code initScript} (or null) run before the page's own scripts. */
        Cdp open(String url, String initScript) throws Exception {
            return Cdp.openPage(group, devToolsUrl(process, profile.resolve("chromium.log")), url, initScript);
        }

        @Override
        public void close() throws Exception {
            stop(process, group, profile);
        }
    }

    @Test
    void aRealClickSetsTheStatusAndFriendsUpdateLive() throws Exception {
        UserDirectory world = DemoWorld.create();
        GatewayConfig cfg = GatewayConfig.defaults().withHeartbeat(Duration.ofSeconds(5)).withIoThreads(1);
        PublishedPresences published = new PublishedPresences(world, Cdp.TIMEOUT_S);
        try (Browser browser = new Browser();
             GatewayServer server = GatewayServer.start(cfg, world, DemoWorld.json(world), published)) {
            EventLoopGroup group = browser.group;
            Cdp page = browser.open(server.pageUrl(), null);

            // sign in as ada with a real click
            page.click("login-ada");
            page.await("document.getElementById('me').textContent", v -> "ada".equals(v.asText()),
                    "signed in as ada");
            page.await("document.querySelectorAll('#friends li').length", v -> v.asInt() == 4, "ada's 4 friends");
            published.await(server, "1001", Status.ONLINE, "ada online after the click");

            // grace (ada's friend) comes online from another client and sets dnd: the page shows it live
            TestClient grace = TestClient.connect(group, server.gatewayUrl());
            grace.identify("demo-grace", "online", "mobile");
            grace.send(TestClient.status("dnd"));
            page.await("document.querySelector('#friends li[data-user-id=\"1002\"] .status').textContent",
                    v -> "dnd".equals(v.asText()), "grace shown as dnd");
            assertEquals("mobile", page.eval("document.querySelector('#friends li[data-user-id=\"1002\"] "
                    + ".platforms').textContent").asText());

            // a real click on "Do Not Disturb": grace receives ada's dnd
            page.click("set-dnd");
            JsonNode dnd = grace.next(n -> "PRESENCE_UPDATE".equals(n.path("t").asText())
                    && "1001".equals(n.path("d").path("user").path("id").asText())
                    && "dnd".equals(n.path("d").path("status").asText()));
            assertEquals("dnd", dnd.path("d").path("client_status").path("web").asText());
            assertEquals("dnd", page.eval("document.getElementById('my-status').textContent").asText());

            // a real click on "Invisible": grace sees ada offline, with no platform
            page.click("set-invisible");
            JsonNode off = grace.next(n -> "1001".equals(n.path("d").path("user").path("id").asText())
                    && "offline".equals(n.path("d").path("status").asText()));
            assertEquals(0, off.path("d").path("client_status").size());
            published.await(server, "1001", Status.OFFLINE, "ada offline after \"Invisible\"");
            page.close();
            grace.ws.close(1000);
        }
    }

    /**
     * The page's zombie detection recovers (gateway.mdx, "Sending Heartbeats": no ACK between two heartbeats, close
     * with a code other than 1000 and resume). A hook in the page drops the heartbeat ACKs of its first connection
     * only; the page must close it (4000), open one more connection, resume, and then heartbeat normally on it: three
     * ACKs received on that second connection and no third connection. (Before the fix, the missed ACK was never
     * forgotten, so every later connection closed itself at its first heartbeat.)
     */
    @Test
    void aZombieConnectionIsReplacedOnceAndHeartbeatsResume() throws Exception {
        UserDirectory world = DemoWorld.create();
        GatewayConfig cfg = GatewayConfig.defaults().withHeartbeat(Duration.ofSeconds(1)).withIoThreads(1);
        try (Browser browser = new Browser();
             GatewayServer server = GatewayServer.start(cfg, world, DemoWorld.json(world), PresenceObserver.NONE)) {
            Cdp page = browser.open(server.pageUrl(), DROP_FIRST_CONNECTIONS_ACKS);
            page.click("login-ada");
            page.await("document.getElementById('me').textContent", v -> "ada".equals(v.asText()),
                    "signed in as ada");
            page.await("[...document.querySelectorAll('#log li')].some((li) => li.textContent.includes("
                    + "'no heartbeat ACK'))", JsonNode::asBoolean, "the first connection found to be a zombie");
            JsonNode after = page.await("(() => { const d = document.documentElement.dataset; return "
                    + "{opens: Number(d.opens), acks: Number(d.acks)}; })()",
                    v -> v.path("opens").asInt() > 2 || (v.path("opens").asInt() == 2 && v.path("acks").asInt() >= 3),
                    "three ACKs on the second connection, or a third connection");
            assertEquals(2, after.path("opens").asInt(), "connections opened: " + after);
            assertEquals("connected (resumed)", page.eval("document.getElementById('conn').textContent").asText());
            page.close();
        }
    }

    /**
     * The page heartbeats as gateway.mdx says: the first after interval × jitter, then every interval from that
     * first one. Its interval timer started at Hello, so with a jitter near 1 the second heartbeat followed the
     * first at once, before its ACK could come, and the page took its own connection for a zombie. A hook records
     * how many heartbeats were sent when the page set its interval timer: at least the first.
     */
    @Test
    void theHeartbeatIntervalRunsFromTheFirstHeartbeat() throws Exception {
        UserDirectory world = DemoWorld.create();
        GatewayConfig cfg = GatewayConfig.defaults().withHeartbeat(Duration.ofSeconds(1)).withIoThreads(1);
        try (Browser browser = new Browser();
             GatewayServer server = GatewayServer.start(cfg, world, DemoWorld.json(world), PresenceObserver.NONE)) {
            Cdp page = browser.open(server.pageUrl(), COUNT_BEATS_AT_SET_INTERVAL);
            page.click("login-ada");
            JsonNode at = page.await("document.documentElement.dataset.intervalAfter ?? null",
                    v -> !v.isNull(), "the page setting its heartbeat interval timer");
            assertEquals(1, at.asInt(), "heartbeats sent when the interval timer was set");
            page.close();
        }
    }

    /**
     * The test hook: the heartbeats (op 1) the page sends are counted, and when it first calls setInterval the count
     * is written to {@code <html data-interval-after>}.
     */
    private static final String COUNT_BEATS_AT_SET_INTERVAL = """
            (() => {
              let beats = 0;
              const send = WebSocket.prototype.send;
              WebSocket.prototype.send = function (data) {
                if (JSON.parse(data).op === 1) { beats++; }
                return send.call(this, data);
              };
              const every = window.setInterval;
              window.setInterval = function (...args) {
                const d = document.documentElement.dataset;
                if (d.intervalAfter === undefined) { d.intervalAfter = beats; }
                return every.apply(window, args);
              };
            })();
            """;

    /**
     * The test hook: WebSocket wrapped so the page's first connection never sees an op 11; the connections opened
     * and the ACKs the current one received are written to {@code <html data-opens data-acks>}, a DOM change the
     * test's observers see.
     */
    private static final String DROP_FIRST_CONNECTIONS_ACKS = """
            (() => {
              const Real = WebSocket;
              let opens = 0;
              window.WebSocket = class extends Real {
                constructor(...args) {
                  super(...args);
                  this.number = ++opens;
                  this.acks = 0;
                  document.documentElement.dataset.opens = opens;
                  document.documentElement.dataset.acks = 0;
                }
                set onmessage(handler) {
                  super.onmessage = (ev) => {
                    if (JSON.parse(ev.data).op === 11) {
                      if (this.number === 1) { return; }
                      document.documentElement.dataset.acks = ++this.acks;
                    }
                    handler(ev);
                  };
                }
              };
            })();
            """;

    static Process startChromium(String chrome, Path profile) throws java.io.IOException {
        return new ProcessBuilder(chrome, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--remote-allow-origins=*", "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true).start();
    }

    /**
     * Stops Chromium and its helper processes (the network service writes into the profile until it ends: deleting
     * the profile while it ran failed now and then on a file it had just renamed away), then deletes the profile.
     */
    static void stop(Process browser, EventLoopGroup group, Path profile) throws Exception {
        if (browser != null) {
            List<ProcessHandle> helpers = browser.descendants().toList();
            browser.destroy();
            if (!browser.waitFor(20, TimeUnit.SECONDS)) {
                browser.destroyForcibly();
            }
            for (ProcessHandle h : helpers) {
                h.destroy();
                try {
                    h.onExit().get(20, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    h.destroyForcibly();
                }
            }
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.UncheckedIOException e) {
            if (!(e.getCause() instanceof java.nio.file.NoSuchFileException)) {
                throw e;
            }
            // a file gone while the walk listed it: what is left goes with the next walk
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * The browser's DevTools endpoint, from the line Chromium prints when it listens ("DevTools listening on
     * ws://..."); everything Chromium prints is copied to {@code log}, which a failure quotes.
     */
    static String devToolsUrl(Process browser, Path log) throws Exception {
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = browser.inputReader(); Writer out = Files.newBufferedWriter(log)) {
                for (String line; (line = in.readLine()) != null; ) {
                    out.write(line + "\n");
                    out.flush();
                    int at = line.indexOf("DevTools listening on ");
                    if (at >= 0) {
                        url.complete(line.substring(at + "DevTools listening on ".length()).strip());
                    }
                }
                url.completeExceptionally(new IllegalStateException("Chromium exited (" + browser.waitFor()
                        + ") before DevTools listened"));
            } catch (Exception e) {
                url.completeExceptionally(e);
            }
        }, "chromium-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return url.get(Cdp.TIMEOUT_S, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            fail("awaited Chromium's \"DevTools listening on\" line: " + (e instanceof TimeoutException
                    ? "not printed in " + Cdp.TIMEOUT_S + " s" : e.getCause().getMessage()) + "; its log: "
                    + Files.readString(log));
            return null;
        }
    }
}
