package org.sysmodels.bench.presence;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sysmodels.presence.gateway.GatewayConfig;
import org.sysmodels.presence.gateway.GatewayServer;
import org.sysmodels.presence.gateway.load.LoadConfig;
import org.sysmodels.presence.gateway.load.LoadGenerator;
import org.sysmodels.presence.gateway.users.UserDirectory;
import org.sysmodels.presence.model.core.PresenceObserver;
import org.sysmodels.presence.run.StoreMemory;
import org.sysmodels.presence.scenario.PresenceScenario;

/**
 * The presence figures that are not JMH throughputs, as bench/run rows ({@code ROW} lines):
 * <ul>
 *   <li>{@code memory}: heap bytes per user of the compact and the object store (graph, 1-3 sessions, presences),
 *       and their ratio, measured in the same JVM; with {@code --long} the compact store at 5 M users (the
 *       target's heap) and the object store at 1 M (it would not fit 5 M in 6 GiB);</li>
 *   <li>{@code load}: a gateway in its own process (its own file descriptors) and the load generator in this one,
 *       over loopback: sessions held, deliveries per second, p99 delivery latency. The figure is 20,000
 *       sessions; a process here may hold at most RLIMIT_NOFILE descriptors, so the run takes as many as both
 *       processes can open and says so.</li>
 * </ul>
 */
public final class PresenceFigures {

    private PresenceFigures() {
    }

    public static void main(String[] args) throws Exception {
        boolean longRun = List.of(args).contains("--long");
        switch (args.length == 0 ? "" : args[0]) {
            case "memory" -> memory(longRun);
            case "load" -> load(longRun);
            case "serve" -> serve(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            default -> {
                System.err.println("usage: PresenceFigures memory|load [--long] | serve USERS WATCHERS");
                System.exit(2);
            }
        }
    }

    private static void row(String label, String figure, String unit, String peer, String peerFigure, String ratio,
                            String target) {
        System.out.println(String.join("\t", "ROW", label, figure, unit, peer, peerFigure, ratio, target));
    }

    static void memory(boolean longRun) {
        int compactUsers = longRun ? 5_000_000 : 200_000;
        int objectUsers = longRun ? 1_000_000 : 200_000;
        PresenceScenario base = PresenceScenario.DEFAULT.withGuilds(10_000);
        StoreMemory.Measured compact = StoreMemory.measure(base.withUsers(compactUsers).withGuilds(
                Math.max(10_000, compactUsers / 50)).withStore("compact"), 1);
        System.out.printf(Locale.ROOT, "compact store, %,d users: %,d bytes (%.1f MiB)%n", compactUsers,
                compact.bytes(), compact.bytes() / 1048576.0);
        StoreMemory.Measured object = StoreMemory.measure(base.withUsers(objectUsers).withGuilds(
                Math.max(10_000, objectUsers / 50)).withStore("object"), 1);
        System.out.printf(Locale.ROOT, "object store, %,d users: %,d bytes (%.1f MiB)%n", objectUsers,
                object.bytes(), object.bytes() / 1048576.0);
        row(String.format(Locale.ROOT, "presence compact store, %,d users", compactUsers),
                String.format(Locale.ROOT, "%.0f", compact.perUser()), "B/user",
                String.format(Locale.ROOT, "object per entity, %,d users", objectUsers),
                String.format(Locale.ROOT, "%.0f", object.perUser()),
                String.format(Locale.ROOT, "%.2fx", compact.perUser() / object.perUser()),
                "report both and the ratio (the myth: \"45% saved\")");
        if (longRun) {
            row("presence compact store, 5 M users, heap", String.format(Locale.ROOT, "%.2f", compact.bytes()
                    / (double) (1L << 30)), "GiB", "-", "-", "-", "5 M users on ≤ 6 GiB (store only)");
        }
    }

    static void serve(int users, int watchers) throws Exception {
        GatewayConfig cfg = GatewayConfig.defaults().withHeartbeat(Duration.ofSeconds(10))
                .withRateLimit(600, Duration.ofSeconds(60)).withIdentifyConcurrency(1_000_000).withIoThreads(1);
        try (GatewayServer server = GatewayServer.start(cfg, UserDirectory.loadWorld(users, watchers), null,
                PresenceObserver.NONE)) {
            System.out.println("URL " + server.gatewayUrl());
            System.out.flush();
            // until the parent closes our stdin
            while (System.in.read() >= 0) {
                // nothing
            }
        }
    }

    static void load(boolean longRun) throws Exception {
        int want = longRun ? 20_000 : 2_000;
        long fds = maxFileDescriptors();
        int n = fds > 0 ? (int) Math.min(want, fds - 400) : want;
        int watchers = 100;
        double rate = 500;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx2g", "-XX:+UseParallelGC", "-cp",
                System.getProperty("java.class.path"), PresenceFigures.class.getName(), "serve", String.valueOf(n),
                String.valueOf(watchers)));
        Process server = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8));
            String url = null;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("URL ")) {
                    url = line.substring(4);
                    break;
                }
                System.out.println("server: " + line);
            }
            if (url == null) {
                throw new IllegalStateException("the gateway process did not start");
            }
            PrintWriter out = new PrintWriter(System.out, true);
            LoadGenerator.Result res = new LoadGenerator(new LoadConfig(URI.create(url), n, watchers, rate,
                    Duration.ofSeconds(longRun ? 60 : 10), Duration.ZERO, 256, 1), out).run();
            res.lines().forEach(System.out::println);
            String note = n < want ? String.format(Locale.ROOT, " (RLIMIT_NOFILE %,d allows %,d of %,d)", fds, n,
                    want) : "";
            row(String.format(Locale.ROOT, "presence gateway: %,d sessions, %d watchers", n, watchers),
                    String.format(Locale.ROOT, "%.0f", res.deliveriesPerSecond()), "deliv/s", "p99 delivery "
                    + "latency", String.format(Locale.ROOT, "%.1f ms", res.latencyUs().getValueAtPercentile(99)
                    / 1e3), "-", "≥ 50,000/s, p99 < 50 ms, 20,000 sessions, none lost" + note
                    + (res.noSessionLost() ? "" : "; SESSIONS LOST"));
        } finally {
            server.getOutputStream().close();
            server.destroy();
            server.waitFor();
        }
    }

    private static long maxFileDescriptors() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }
}
