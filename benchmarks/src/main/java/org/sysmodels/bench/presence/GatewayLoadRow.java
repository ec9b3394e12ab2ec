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
import org.sysmodels.presence.gateway.client.NettyTransport;
import org.sysmodels.presence.gateway.load.LoadConfig;
import org.sysmodels.presence.gateway.load.LoadGenerator;
import org.sysmodels.presence.gateway.load.LoadResult;
import org.sysmodels.presence.gateway.users.UserDirectory;
import org.sysmodels.presence.model.core.PresenceObserver;

/**
 * Row {@code load}, issue 13's gateway figure: a gateway in its own process and the load generator in one or more
 * others (each process its own file descriptors), over loopback: sessions held, deliveries per second, p99 delivery
 * latency, and the CPU time per delivery of each side.
 */
final class GatewayLoadRow {

    private GatewayLoadRow() {
    }

    static void serve(int users, int watchers) throws Exception {
        GatewayConfig cfg = GatewayConfig.defaults().withHeartbeat(Duration.ofSeconds(10))
                .withRateLimit(600, Duration.ofSeconds(60)).withIdentifyConcurrency(1_000_000).withIoThreads(1);
        try (GatewayServer server = GatewayServer.start(cfg, UserDirectory.loadWorld(users, watchers), null,
                PresenceObserver.NONE)) {
            System.out.println("transport " + cfg.transport());
            System.out.println("URL " + server.gatewayUrl());
            System.out.flush();
            Timeline.startIfAsked(server);
            NodeChild.answer(server);
            System.out.println("gateway: " + server.statusLine());
        }
    }

    /** Connections one load process opens at most (it needs a descriptor per socket, plus its own files). */
    private static final int PER_LOAD_PROCESS = 10_000;

    /**
     * Issue 13's gateway figure, in two shapes measured one after the other. Each process may hold at most
     * RLIMIT_NOFILE descriptors (here 20,000, hard, and no CAP_SYS_RESOURCE to raise it), so:
     * <ul>
     *   <li>one gateway process with presence in process: as many sessions as it can open (19,800 of 20,000 with
     *       {@code --long});</li>
     *   <li>the production shape: two gateway processes listening on one port with SO_REUSEPORT (the kernel spreads
     *       the connections over them) and sharing presence through a redis-server ({@code RedisCluster}), all
     *       20,000 sessions. Each update's 100 watchers are then on both processes, so each process applies every
     *       update (its own, and the other's through Redis) and delivers to its own watchers.</li>
     * </ul>
     * The load runs in processes of at most 10,000 connections that open and identify their connections, then start
     * their measured phases together; their histograms are merged. Besides latency each shape reports the CPU time
     * per delivery of the gateway processes (their Java threads alone too: no JIT compiler, no GC) and of the load
     * processes: on a shared machine the latency is the machine's, the CPU cost is the code's. {@code --rate R} and
     * {@code --seconds S} change the load for a working measurement (the row then says the rate it sent);
     * {@code --one-process-only} and {@code --reuse-port-only} measure one shape; {@code --transport T} the socket
     * transport of every process ({@link #transport}); {@code --warm-up S} (default 10)
     * and {@code --no-settle} choose how the measured phase is reached from the ramp ({@link Settle});
     * {@code --stop-gateways S [--stop-at T]} makes the run a recovery check ({@link GatewayStop}): the gateway
     * processes are stopped for S seconds T seconds into the measured phase (default: a quarter of it), and the row
     * says whether every session was still held at the end.
     */
    static void run(boolean longRun, List<String> args) throws Exception {
        NettyTransport transport = transport(args, longRun);
        System.out.println("transport " + transport + " (gateway and load processes)");
        int want = longRun ? 20_000 : 2_000;
        long fds = Children.maxFileDescriptors();
        int watchers = 100;
        // 505 updates/s to 100 watchers each is 50,500 deliveries/s: 1% above the target's 50,000, so the send
        // timer's jitter and the load world's one partial guild (fewer than 100 watchers) cannot leave it just under.
        double rate = ClusterRow.doubleArg(args, "--rate", 505);
        int seconds = (int) ClusterRow.doubleArg(args, "--seconds", longRun ? 60 : 10);
        int oneProcess = fds > 0 ? (int) Math.min(want, fds - 200) : want;
        Settle settle = args.contains("--no-settle") ? Settle.NONE
                : new Settle(true, (int) ClusterRow.doubleArg(args, "--warm-up", 10));
        Stop stop = Stop.of(args, seconds);
        if (!args.contains("--reuse-port-only")) {
            List<Process> children = new ArrayList<>();
            try {
                Process p = Children.javaChild("-Xmx2g", "serve", String.valueOf(oneProcess),
                        String.valueOf(watchers)).start();
                children.add(p);
                NodeChild gw = new NodeChild(p, "gateway");
                String note = "; transport " + transport + (oneProcess < want ? String.format(Locale.ROOT,
                        "; %,d of %,d sessions: RLIMIT_NOFILE is %,d per process (hard) and the gateway is one "
                        + "process", oneProcess, want, fds) : "");
                measure("presence gateway, 1 process", List.of(gw), gw.url, oneProcess, watchers, rate, seconds,
                        longRun, note, children, settle, stop);
            } finally {
                Children.stopAll(children);
            }
        }
        if (args.contains("--one-process-only")) {
            return;
        }
        Path redisServer = Children.redisServer();
        if (redisServer == null) {
            PresenceFigures.row("presence gateway, 2 processes on one port (SO_REUSEPORT) over Redis", "-",
                    "deliv/s", "p99 delivery latency", "-", "-", "NOT RUN: redis-server not installed "
                    + "(scripts/install-test-deps.sh installs it)", "NOT met");
            return;
        }
        Path dir = java.nio.file.Files.createTempDirectory("sysmodels-bench-redis-");
        List<Process> children = new ArrayList<>();
        try {
            int redisPort = Children.freePort();
            children.add(Children.startRedis(redisServer, redisPort, dir));
            String uri = "redis://127.0.0.1:" + redisPort;
            int port = Children.freePort();
            List<NodeChild> gateways = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Process p = Children.javaChild("-Xmx2g", "serve-node", String.valueOf(want), String.valueOf(watchers),
                        uri, String.valueOf(port)).start();
                children.add(p);
                gateways.add(new NodeChild(p, "gateway " + i));
            }
            measure("presence gateway, 2 processes on one port (SO_REUSEPORT) over Redis", gateways,
                    gateways.get(0).url, want, watchers, rate, seconds, longRun, "; transport " + transport, children,
                    settle, stop);
        } finally {
            Children.stopAll(children);
            Children.deleteTree(dir);
        }
    }

    /**
     * {@code --transport auto|io_uring|epoll|nio}, else {@code -Dpresence.transport=T} in
     * {@code PRESENCE_CHILD_JAVA_OPTS} (how {@code bench/run}, which passes no row arguments, chooses it), else the
     * property {@link NettyTransport#PROPERTY}, else for {@code --long} (the shape: 20,000 sessions, each
     * receiving about 2.5 deliveries/s) io_uring where it works, which measured best there, else auto (the
     * commands' default, epoll; docs/presence.md, "io_uring against epoll"). Set as that property, which
     * {@link Children#javaChild} passes on, so every child process uses it.
     */
    private static NettyTransport transport(List<String> args, boolean longRun) {
        int i = args.indexOf("--transport");
        String word = i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
        if (i >= 0 && word == null) {
            throw new IllegalArgumentException("--transport: give auto, io_uring, epoll or nio");
        }
        String opts = System.getenv("PRESENCE_CHILD_JAVA_OPTS");
        String flag = "-D" + NettyTransport.PROPERTY + "=";
        if (word == null && opts != null) {
            for (String o : opts.trim().split("\\s+")) {
                word = o.startsWith(flag) ? o.substring(flag.length()) : word;
            }
        }
        if (word == null && System.getProperty(NettyTransport.PROPERTY) == null && longRun
                && NettyTransport.IO_URING.isAvailable()) {
            word = NettyTransport.IO_URING.label();
        }
        NettyTransport t = word == null ? NettyTransport.auto() : NettyTransport.choose(word);
        System.setProperty(NettyTransport.PROPERTY, t.label());
        return t;
    }

    /**
     * How the measured phase is reached from the ramp. The ramp (20,000 connections opened and identified in about
     * 20 s) leaves the state of every session it created in the young generation; the next young collections copy
     * it from survivor space to survivor space until it is tenured, each a pause of a few hundred ms with this
     * many sessions (seen in the GC log as the one burst of a run). A gateway holding its sessions for hours has
     * that state in the old generation. So by default the processes collect once after the ramp ({@code gc}: the
     * ramp's state is tenured as it would be by then) and the load sends at the measured rate for
     * {@code warmupSeconds} before measuring (the delivery path is compiled; that phase's latency is printed on its
     * own line). {@code --no-settle}: neither, the measured phase starts as the ramp ends.
     */
    record Settle(boolean gc, int warmupSeconds) {
        static final Settle NONE = new Settle(false, 0);
    }

    /** {@code --stop-gateways S [--stop-at T]}: the recovery check's stop, or none ({@code forSeconds} 0). */
    record Stop(double atSeconds, double forSeconds) {
        static final Stop NONE = new Stop(0, 0);

        static Stop of(List<String> args, int measuredSeconds) {
            if (!args.contains("--stop-gateways") && !args.contains("--stop-at")) {
                return NONE;
            }
            double s = ClusterRow.doubleArg(args, "--stop-gateways", 0);
            double at = ClusterRow.doubleArg(args, "--stop-at", measuredSeconds / 4.0);
            if (!(s > 0) || !(at >= 0) || at + s >= measuredSeconds) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "--stop-gateways %s --stop-at %s: give "
                        + "a stop of more than 0 s that ends inside the %d s measured phase (--seconds), e.g. "
                        + "--stop-gateways 3 --stop-at 15 with --long", fmt(s), fmt(at), measuredSeconds));
            }
            return new Stop(at, s);
        }

        private static String fmt(double d) {
            return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
        }

        boolean asked() {
            return forSeconds > 0;
        }
    }

    /** One shape's measured run and its two rows; the gateways' last lines at the end. */
    private static void measure(String label, List<NodeChild> gateways, String url, int n, int watchers, double rate,
                                int seconds, boolean longRun, String note, List<Process> children, Settle settle,
                                Stop stop) throws Exception {
        int parts = Math.max(1, (n + PER_LOAD_PROCESS - 1) / PER_LOAD_PROCESS);
        List<Process> loads = new ArrayList<>();
        List<BufferedReader> outs = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            int first = (int) ((long) n * k / parts);
            int count = (int) ((long) n * (k + 1) / parts) - first;
            Process p = Children.javaChild("-Xmx1g", "load-part", url, String.valueOf(first),
                    String.valueOf(count), String.valueOf(watchers), String.valueOf(rate * count / n),
                    String.valueOf(seconds), String.valueOf(settle.warmupSeconds()), String.valueOf(settle.gc()))
                    .start();
            children.add(p);
            loads.add(p);
            outs.add(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
        }
        for (int k = 0; k < parts; k++) {
            if (Children.awaitLine(outs.get(k), "load " + k, "READY") == null) {
                throw new IllegalStateException("load process " + k + " ended before it was ready");
            }
        }
        if (settle.gc()) {
            for (NodeChild g : gateways) {
                g.collect();
            }
        }
        NodeChild.Sample before = NodeChild.sum(gateways);
        System.out.println("load starts at " + System.currentTimeMillis() + " ms since the epoch");
        for (Process p : loads) {
            p.getOutputStream().write("GO\n".getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().flush();
        }
        if (settle.warmupSeconds() > 0) {
            for (int k = 0; k < parts; k++) {
                if (Children.awaitLine(outs.get(k), "load " + k, "MEASURING") == null) {
                    throw new IllegalStateException("load process " + k + " ended in its warm-up");
                }
            }
            before = NodeChild.sum(gateways);
            System.out.println("measured phase starts at " + System.currentTimeMillis() + " ms since the epoch");
        }
        GatewayStop stopping = stop.asked() ? GatewayStop.start(gateways, stop.atSeconds(), stop.forSeconds()) : null;
        List<String> results = new ArrayList<>();
        NodeChild.Sample after = null;
        for (int k = 0; k < parts; k++) {
            String r = Children.awaitLine(outs.get(k), "load " + k, "RESULT ");
            if (after == null) {
                after = NodeChild.sum(gateways);
            }
            if (r == null) {
                throw new IllegalStateException("load process " + k + " ended without a result");
            }
            results.add(r);
        }
        Merged m = Merged.of(results);
        NodeChild.Sample d = after.minus(before);
        double gatewayUs = d.cpuNs() / 1e3 / Math.max(1, m.deliveries);
        double gatewayJavaUs = d.javaCpuNs() / 1e3 / Math.max(1, m.deliveries);
        double loadUs = m.cpuNs / 1e3 / Math.max(1, m.deliveries);
        double perSecond = m.deliveries / Math.max(1e-9, m.seconds);
        double p99ms = m.latency.getValueAtPercentile(99) / 1e3;
        System.out.printf(Locale.ROOT, "%s: gateway processes %d, load processes %d; sessions held at the end %,d "
                + "of %,d; updates handled %,d; deliveries %,d in %.1f s%n", label, gateways.size(), parts, m.held, n,
                d.updates(), m.deliveries, m.seconds);
        System.out.printf(Locale.ROOT, "delivery latency: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                m.latency.getValueAtPercentile(50) / 1e3, p99ms, m.latency.getValueAtPercentile(99.9) / 1e3,
                m.latency.getMaxValue() / 1e3);
        System.out.printf(Locale.ROOT, "CPU per delivery: gateways %.2f µs (Java threads alone %.2f µs), load "
                + "generator %.2f µs%n", gatewayUs, gatewayJavaUs, loadUs);
        boolean lost = m.held != n || m.errors > 0;
        String shortRun = longRun ? "" : "; short run (--long: 20,000 sessions, 60 s)";
        boolean met = n >= 20_000 && perSecond >= 50_000 && p99ms < 50 && !lost;
        String verdict = stopping == null ? (met ? "met" : "NOT met")
                : !stopping.happened() ? "NOT RUN: the stop did not happen" : lost ? "NOT recovered" : "recovered";
        String stopNote = stopping == null ? "" : GatewayStop.note(stop.atSeconds(), stop.forSeconds());
        PresenceFigures.row(String.format(Locale.ROOT, "%s: %,d sessions, %d watchers", label, n, watchers),
                String.format(Locale.ROOT, "%.0f", perSecond), "deliv/s", "p99 delivery latency",
                String.format(Locale.ROOT, "%.1f ms", p99ms), "-", "≥ 50,000/s, p99 < 50 ms, 20,000 sessions, "
                + "none lost" + (lost ? String.format(Locale.ROOT, "; SESSIONS LOST (%,d held, %d errors)",
                m.held, m.errors) : "") + note + shortRun + stopNote, verdict);
        PresenceFigures.row(label + ", CPU per delivery", String.format(Locale.ROOT, "%.2f", gatewayUs),
                "µs/deliv", "load generator CPU per delivery", String.format(Locale.ROOT, "%.2f µs", loadUs), "-",
                String.format(Locale.ROOT, "gateway processes together (their Java threads alone: %.2f µs); the "
                        + "code's cost (the latency above is the machine's)", gatewayJavaUs), "reported");
        Children.stopAll(children);
        gateways.forEach(NodeChild::printKept);
    }

    /**
     * One load process: opens its connections (then collects once if {@code gc}), prints READY, waits for GO on
     * stdin, sends for {@code warmupSeconds} unmeasured (then prints MEASURING), runs the measured phase and
     * prints {@code RESULT held target deliveries seconds errors cpuNs histogram(base64)}.
     */
    static void loadPart(String url, int first, int count, int watchers, double rate, int seconds, int warmupSeconds,
                         boolean gc) throws Exception {
        PrintWriter out = new PrintWriter(System.out, true);
        LoadConfig cfg = new LoadConfig(URI.create(url), count, watchers, rate, Duration.ofSeconds(seconds),
                Duration.ZERO, 256, 1).part(first, count, rate);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        LoadGenerator load = new LoadGenerator(cfg, out);
        if (warmupSeconds > 0) {
            load.warmup(Duration.ofSeconds(warmupSeconds), () -> out.println("MEASURING"));
        }
        LoadResult r = load.run(() -> {
            if (gc) {
                // the ramp's connections to the old generation (see Settle)
                System.gc();
            }
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

}
