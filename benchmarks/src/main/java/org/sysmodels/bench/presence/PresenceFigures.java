package org.sysmodels.bench.presence;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.sysmodels.presence.cluster.redis.RedisCluster;
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
 *   <li>{@code load}: a gateway in its own process and the load generator in one or more others (each process
 *       its own file descriptors), over loopback: sessions held, deliveries per second, p99 delivery latency, and
 *       the CPU time per delivery of each side. The figure is 20,000 sessions; a process here may hold at
 *       most RLIMIT_NOFILE descriptors, so the run takes as many as the gateway process can open and says so.</li>
 *   <li>{@code cluster}: issue 15's figure. A redis-server on a free loopback port, two gateway nodes in their own
 *       processes sharing presence through it ({@code RedisCluster}), and the load generator here spreading its
 *       connections over both (connection i on node i mod 2) at 20,000 updates/s: cross-node and same-node delivery
 *       p99 and their ratio, from the same run. Without redis-server installed the row says so.</li>
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
            case "load-part" -> loadPart(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Double.parseDouble(args[5]), Integer.parseInt(args[6]));
            case "serve" -> serve(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "cluster" -> cluster(longRun);
            case "serve-node" -> serveNode(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3]);
            default -> {
                System.err.println("usage: PresenceFigures memory|load|cluster [--long] | serve USERS WATCHERS | "
                        + "serve-node USERS WATCHERS REDIS-URI | load-part URL FIRST COUNT WATCHERS RATE SECONDS");
                System.exit(2);
            }
        }
    }

    private static void row(String label, String figure, String unit, String peer, String peerFigure, String ratio,
                            String target) {
        System.out.println(String.join("\t", "ROW", label, figure, unit, peer, peerFigure, ratio, target));
    }

    /** A row with a verdict ("met", "NOT met", "reported"). */
    private static void row(String label, String figure, String unit, String peer, String peerFigure, String ratio,
                            String target, String verdict) {
        System.out.println(String.join("\t", "ROW", label, figure, unit, peer, peerFigure, ratio, target, verdict));
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

    /** A gateway node of a Redis-backed cluster, until the parent closes this process's stdin. */
    static void serveNode(int users, int watchers, String redis) throws Exception {
        GatewayConfig cfg = GatewayConfig.defaults().withHeartbeat(Duration.ofSeconds(10))
                // 20,000 updates/s over 2,000 connections is 600 per connection per 60 s, plus heartbeats (the limiter keeps a
                // ring of this many times per connection: no bigger than needed)
                .withRateLimit(1_200, Duration.ofSeconds(60)).withIdentifyConcurrency(1_000_000).withIoThreads(1);
        try (GatewayServer server = GatewayServer.start(cfg, UserDirectory.loadWorld(users, watchers), null,
                PresenceObserver.NONE, RedisCluster.factory(RedisCluster.parse(redis), System.out::println))) {
            System.out.println("URL " + server.gatewayUrl());
            System.out.flush();
            while (System.in.read() >= 0) {
                // nothing
            }
            System.out.println("node: " + server.statusLine());
        }
    }

    static void cluster(boolean longRun) throws Exception {
        String label = "presence cluster: 2 nodes over Redis, cross-node delivery";
        String target = "cross-node p99 < 20 ms at ≥ 20,000 updates/s; ratio = cross-node / same-node p99";
        Path redisServer = Stream.of("/usr/bin/redis-server", "/usr/sbin/redis-server", "/usr/local/bin/redis-server")
                .map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        if (redisServer == null) {
            row(label, "-", "ms p99", "same-node p99", "-", "-", target + " (NOT RUN: redis-server not installed; "
                    + "scripts/install-test-deps.sh installs it)");
            return;
        }
        int n = 2_000;
        int watchers = 4;
        double rate = 20_000;
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path dir = Files.createTempDirectory("sysmodels-bench-redis-");
        List<Process> children = new ArrayList<>();
        try {
            // the shell kills redis-server when this JVM's end of its stdin closes, however this JVM ends
            Process redis = new ProcessBuilder("/bin/sh", "-c", "exec 3<&0; b=$1; shift; \"$b\" \"$@\" 3<&- & p=$!; "
                    + "(read -r _ <&3; kill $p 2>/dev/null) & wait $p", "sh", redisServer.toString(), "--port",
                    String.valueOf(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir",
                    dir.toString(), "--loglevel", "warning").redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile()).start();
            children.add(redis);
            String uri = "redis://127.0.0.1:" + port;
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<URI> urls = new ArrayList<>();
            List<String> nodeLines = Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 2; i++) {
                Process node = new ProcessBuilder(java, "-Xmx1g", "-XX:+UseParallelGC",
                        "--enable-native-access=ALL-UNNAMED", "-cp",
                        System.getProperty("java.class.path"), PresenceFigures.class.getName(), "serve-node",
                        String.valueOf(n), String.valueOf(watchers), uri).redirectErrorStream(true).start();
                children.add(node);
                urls.add(URI.create(awaitUrl(node, "node " + i, nodeLines)));
            }
            PrintWriter out = new PrintWriter(System.out, true);
            // fresh node JVMs compile their hot paths during the first seconds of load: a warm-up run, not counted
            System.out.println("warm-up run (not measured):");
            new LoadGenerator(new LoadConfig(urls, n, watchers, rate / 4, Duration.ofSeconds(5), Duration.ZERO, 256,
                    1), new PrintWriter(Writer.nullWriter())).run();
            System.out.println("measured run:");
            LoadGenerator.Result res = new LoadGenerator(new LoadConfig(urls, n, watchers, rate,
                    Duration.ofSeconds(longRun ? 60 : 10), Duration.ZERO, 256, 1), out).run();
            res.lines().forEach(System.out::println);
            double seconds = res.seconds();
            row(String.format(Locale.ROOT, "%s, %,d sessions, %d watchers", label, n, watchers),
                    String.format(Locale.ROOT, "%.1f", res.crossNodeUs().getValueAtPercentile(99) / 1e3), "ms p99",
                    "same-node p99", String.format(Locale.ROOT, "%.1f ms", res.sameNodeUs().getValueAtPercentile(99)
                    / 1e3), String.format(Locale.ROOT, "%.2fx", res.crossToSameP99()), String.format(Locale.ROOT,
                    "%s (sent %,.0f updates/s)%s", target, res.updatesSent() / Math.max(1e-9, seconds),
                    res.noSessionLost() ? "" : "; SESSIONS LOST"));
            stopAll(children);
            synchronized (nodeLines) {
                nodeLines.forEach(System.out::println);
            }
        } finally {
            stopAll(children);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Closes each child's stdin (nodes stop, the redis-server shell kills the server), newest first; waits. */
    private static void stopAll(List<Process> children) {
        for (int i = children.size() - 1; i >= 0; i--) {
            Process p = children.get(i);
            try {
                p.getOutputStream().close();
                if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    /**
     * The URL line a child node prints once it is up (the lines before it are echoed); then a daemon thread keeps
     * reading its output (a full pipe would stall the node) and keeps the last 40 lines for the end.
     */
    private static String awaitUrl(Process p, String who, List<String> keep) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.startsWith("URL ")) {
                Thread drain = new Thread(() -> {
                    try {
                        for (String l = r.readLine(); l != null; l = r.readLine()) {
                            synchronized (keep) {
                                keep.add(who + ": " + l);
                                if (keep.size() > 40) {
                                    keep.removeFirst();
                                }
                            }
                        }
                    } catch (java.io.IOException e) {
                        // the node is gone
                    }
                }, who + " output");
                drain.setDaemon(true);
                drain.start();
                return line.substring(4);
            }
            System.out.println(who + ": " + line);
        }
        throw new IllegalStateException(who + " did not start");
    }

    /** Connections one load process opens at most (it needs a descriptor per socket, plus its own files). */
    private static final int PER_LOAD_PROCESS = 10_000;

    /**
     * Issue 13's gateway figure. The gateway runs in its own process and the load in one or more others (each
     * process may hold at most RLIMIT_NOFILE descriptors, here 20,000 hard: one gateway process holds at most that
     * many sockets less its own files, so 20,000 sessions do not fit one gateway process and the row says so). The
     * load processes open and identify their connections, then start their measured phases together; their
     * histograms are merged. Besides latency the row reports the CPU time per delivery of the gateway process and
     * of the load processes over the measured phase: on a shared machine the latency is the machine's, the CPU cost
     * is the code's.
     */
    static void load(boolean longRun) throws Exception {
        int want = longRun ? 20_000 : 2_000;
        long fds = maxFileDescriptors();
        int n = fds > 0 ? (int) Math.min(want, fds - 200) : want;
        int watchers = 100;
        double rate = 500;
        int seconds = longRun ? 60 : 10;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "-Xmx2g", "-XX:+UseParallelGC",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), PresenceFigures.class.getName(), "serve", String.valueOf(n),
                String.valueOf(watchers)).redirectErrorStream(true).start();
        List<Process> children = new ArrayList<>(List.of(server));
        try {
            List<String> serverLines = Collections.synchronizedList(new ArrayList<>());
            String url = awaitUrl(server, "gateway", serverLines);
            int parts = Math.max(1, (n + PER_LOAD_PROCESS - 1) / PER_LOAD_PROCESS);
            List<Process> loads = new ArrayList<>();
            List<BufferedReader> outs = new ArrayList<>();
            for (int k = 0; k < parts; k++) {
                int first = (int) ((long) n * k / parts);
                int count = (int) ((long) n * (k + 1) / parts) - first;
                Process p = new ProcessBuilder(java, "-Xmx1g", "-XX:+UseParallelGC",
                        "--enable-native-access=ALL-UNNAMED", "-cp",
                        System.getProperty("java.class.path"), PresenceFigures.class.getName(), "load-part", url,
                        String.valueOf(first), String.valueOf(count), String.valueOf(watchers),
                        String.valueOf(rate * count / n), String.valueOf(seconds)).redirectErrorStream(true).start();
                children.add(p);
                loads.add(p);
                outs.add(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
            }
            for (int k = 0; k < parts; k++) {
                if (awaitLine(outs.get(k), "load " + k, "READY") == null) {
                    throw new IllegalStateException("load process " + k + " ended before it was ready");
                }
            }
            long serverCpu0 = cpuNs(server);
            for (Process p : loads) {
                p.getOutputStream().write("GO\n".getBytes(StandardCharsets.US_ASCII));
                p.getOutputStream().flush();
            }
            List<String> results = new ArrayList<>();
            long serverCpu1 = -1;
            for (int k = 0; k < parts; k++) {
                String r = awaitLine(outs.get(k), "load " + k, "RESULT ");
                if (serverCpu1 < 0) {
                    serverCpu1 = cpuNs(server);
                }
                if (r == null) {
                    throw new IllegalStateException("load process " + k + " ended without a result");
                }
                results.add(r);
            }
            Merged m = Merged.of(results);
            double serverUs = serverCpu0 < 0 || serverCpu1 < 0 || m.deliveries == 0 ? Double.NaN
                    : (serverCpu1 - serverCpu0) / 1e3 / m.deliveries;
            double perSecond = m.deliveries / Math.max(1e-9, m.seconds);
            double p99ms = m.latency.getValueAtPercentile(99) / 1e3;
            System.out.printf(Locale.ROOT, "gateway process: 1; load processes: %d; sessions held at the end %,d of "
                    + "%,d; deliveries %,d in %.1f s%n", parts, m.held, n, m.deliveries, m.seconds);
            System.out.printf(Locale.ROOT, "delivery latency: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                    m.latency.getValueAtPercentile(50) / 1e3, p99ms, m.latency.getValueAtPercentile(99.9) / 1e3,
                    m.latency.getMaxValue() / 1e3);
            System.out.printf(Locale.ROOT, "CPU per delivery: gateway %.2f µs, load generator %.2f µs%n", serverUs,
                    m.cpuNs / 1e3 / Math.max(1, m.deliveries));
            boolean lost = m.held != n || m.errors > 0;
            String note = n < want ? String.format(Locale.ROOT, "; %,d of %,d sessions: RLIMIT_NOFILE is %,d per "
                    + "process (hard) and the gateway is one process", n, want, fds) : longRun ? ""
                    : "; short run (--long: 20,000)";
            boolean met = n >= 20_000 && perSecond >= 50_000 && p99ms < 50 && !lost;
            row(String.format(Locale.ROOT, "presence gateway: %,d sessions, %d watchers", n, watchers),
                    String.format(Locale.ROOT, "%.0f", perSecond), "deliv/s", "p99 delivery latency",
                    String.format(Locale.ROOT, "%.1f ms", p99ms), "-", "≥ 50,000/s, p99 < 50 ms, 20,000 sessions, "
                    + "none lost" + (lost ? String.format(Locale.ROOT, "; SESSIONS LOST (%,d held, %d errors)",
                    m.held, m.errors) : "") + note, met ? "met" : "NOT met");
            row("presence gateway CPU per delivery", String.format(Locale.ROOT, "%.2f", serverUs), "µs/deliv",
                    "load generator CPU per delivery", String.format(Locale.ROOT, "%.2f µs", m.cpuNs / 1e3
                    / Math.max(1, m.deliveries)), "-", "the code's cost (latency above is the machine's)", "reported");
            stopAll(children);
            synchronized (serverLines) {
                serverLines.forEach(System.out::println);
            }
        } finally {
            stopAll(children);
        }
    }

    /** The gateway's or a load process's CPU time so far (ns; -1 if unknown). */
    private static long cpuNs(Process p) {
        return p.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /** Echoes a child's lines until one starts with {@code prefix} (returned), or null at its end. */
    private static String awaitLine(BufferedReader r, String who, String prefix) throws java.io.IOException {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
            System.out.println(who + ": " + line);
        }
        return null;
    }

    /**
     * One load process: opens its connections, prints READY, waits for GO on stdin, runs the measured phase and
     * prints {@code RESULT held target deliveries seconds errors cpuNs histogram(base64)}.
     */
    static void loadPart(String url, int first, int count, int watchers, double rate, int seconds) throws Exception {
        PrintWriter out = new PrintWriter(System.out, true);
        LoadConfig cfg = new LoadConfig(URI.create(url), count, watchers, rate, Duration.ofSeconds(seconds),
                Duration.ZERO, 256, 1).part(first, count, rate);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        LoadGenerator.Result r = new LoadGenerator(cfg, out).run(() -> {
            out.println("READY");
            try {
                String go = in.readLine();
                if (go == null) {
                    throw new InterruptedException("the parent went away");
                }
            } catch (java.io.IOException e) {
                throw new InterruptedException("reading GO: " + e);
            }
        });
        r.lines().forEach(out::println);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(r.latencyUs().getNeededByteBufferCapacity());
        int len = r.latencyUs().encodeIntoCompressedByteBuffer(buf);
        long errors = r.failures() + r.closes().values().stream().mapToLong(Long::longValue).sum();
        out.printf(Locale.ROOT, "RESULT %d %d %d %.6f %d %d %s%n", r.heldAtEnd(), r.target(), r.deliveries(),
                r.seconds(), errors, r.cpuNs(), java.util.Base64.getEncoder().encodeToString(
                        java.util.Arrays.copyOf(buf.array(), len)));
        // stay until the parent closes stdin, so every process's connections are held until all have measured
        while (in.readLine() != null) {
            // nothing
        }
    }

    /** The load processes' results together. */
    private record Merged(int held, long deliveries, double seconds, long errors, long cpuNs,
                          org.HdrHistogram.Histogram latency) {
        static Merged of(List<String> lines) throws java.util.zip.DataFormatException {
            int held = 0;
            long deliveries = 0;
            double seconds = 0;
            long errors = 0;
            long cpu = 0;
            org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(3_600_000_000L, 3);
            for (String line : lines) {
                String[] f = line.split(" ");
                held += Integer.parseInt(f[1]);
                deliveries += Long.parseLong(f[3]);
                seconds = Math.max(seconds, Double.parseDouble(f[4]));
                errors += Long.parseLong(f[5]);
                cpu += Math.max(0, Long.parseLong(f[6]));
                h.add(org.HdrHistogram.Histogram.decodeFromCompressedByteBuffer(java.nio.ByteBuffer.wrap(
                        java.util.Base64.getDecoder().decode(f[7])), 0));
            }
            return new Merged(held, deliveries, seconds, errors, cpu, h);
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
