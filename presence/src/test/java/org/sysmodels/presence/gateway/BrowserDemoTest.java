package org.sysmodels.presence.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sysmodels.presence.gateway.users.DemoWorld;
import org.sysmodels.presence.gateway.users.UserDirectory;
import org.sysmodels.presence.model.presence.Status;

/**
 * The browser demo in headless Chromium (Debian's chromium, from scripts/install-test-deps.sh), driven over the
 * Chrome DevTools Protocol: a real click signs in as ada; a friend's status change made by another client shows up
 * in the page; a real click on "Do Not Disturb" and on "Invisible" reaches that friend as dnd and then offline.
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

    @Test
    void aRealClickSetsTheStatusAndFriendsUpdateLive() throws Exception {
        String chrome = chromium();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Path profile = Files.createTempDirectory("presence-chromium-");
        Process browser = null;
        UserDirectory world = DemoWorld.create();
        GatewayConfig cfg = GatewayConfig.defaults().withHeartbeat(Duration.ofSeconds(5)).withIoThreads(1);
        try (GatewayServer server = GatewayServer.start(cfg, world, DemoWorld.json(world),
                org.sysmodels.presence.model.core.PresenceObserver.NONE)) {
            browser = new ProcessBuilder(chrome, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--remote-allow-origins=*", "--remote-debugging-address=127.0.0.1",
                    "--remote-debugging-port=0", "--user-data-dir=" + profile, server.pageUrl())
                    .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
            Cdp page = Cdp.connect(group, pageTarget(profile, server.pageUrl()));

            // sign in as ada with a real click
            page.click("login-ada");
            page.await("document.getElementById('me').textContent", v -> "ada".equals(v.asText()),
                    "signed in as ada");
            page.await("document.querySelectorAll('#friends li').length", v -> v.asInt() == 4, "ada's 4 friends");
            awaitStatus(server, "1001", Status.ONLINE);

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
            awaitStatus(server, "1001", Status.OFFLINE);
            page.close();
            grace.ws.close(1000);
        } finally {
            if (browser != null) {
                browser.destroy();
                if (!browser.waitFor(20, TimeUnit.SECONDS)) {
                    browser.destroyForcibly();
                }
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static void awaitStatus(GatewayServer server, String id, Status want) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (server.statusOf(id) != want) {
            assertTrue(System.nanoTime() < end, id + " never showed " + want);
            Thread.sleep(50);
        }
    }

    /** The DevTools WebSocket of the page, from the port Chromium wrote into DevToolsActivePort. */
    static String pageTarget(Path profile, String pageUrl) throws Exception {
        Path portFile = profile.resolve("DevToolsActivePort");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
            if (System.nanoTime() > end) {
                fail("Chromium did not start DevTools in 60 s; its log: " + Files.readString(
                        profile.resolve("chromium.log")));
            }
            Thread.sleep(100);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
        HttpClient http = HttpClient.newHttpClient();
        while (true) {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
            for (JsonNode t : new ObjectMapper().readTree(body)) {
                if ("page".equals(t.path("type").asText()) && t.path("url").asText().startsWith(pageUrl)) {
                    return t.get("webSocketDebuggerUrl").asText();
                }
            }
            if (System.nanoTime() > end) {
                fail("no page target for " + pageUrl + " in " + body);
            }
            Thread.sleep(200);
        }
    }
}
