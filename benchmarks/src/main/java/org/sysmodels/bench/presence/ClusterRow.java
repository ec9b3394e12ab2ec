package org.sysmodels.bench.presence;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sysmodels.presence.cluster.redis.RedisCluster;
import org.sysmodels.presence.gateway.GatewayConfig;
import org.sysmodels.presence.gateway.GatewayServer;
import org.sysmodels.presence.gateway.load.HostCpu;
import org.sysmodels.presence.gateway.load.LoadConfig;
import org.sysmodels.presence.gateway.load.LoadGenerator;
import org.sysmodels.presence.gateway.load.LoadResult;
import org.sysmodels.presence.gateway.users.UserDirectory;
import org.sysmodels.presence.model.core.PresenceObserver;

/**
 * Row {@code cluster}, issue 15's figure: a redis-server on a free loopback port, two gateway nodes in their own
 * processes sharing presence through it ({@code RedisCluster}), and the load generator here spreading its
 * connections over both (connection i on node i mod 2) at 20,200 updates/s (1% above the target's 20,000, so the
 * timer's rounding cannot leave a run just under it), in three variants ({@link Variant}): 1 watcher per user,
 * every delivery across (the load world puts users 2k and 2k + 1 in one guild, on different nodes: the target's
 * row); 1 watcher, half the pairs on one node ({@link UserDirectory#loadWorldMixedPairs}: cross-node and same-node
 * p99 and their ratio from one run at the same rate); 4 watchers (each update reaches 2 watchers on each node:
 * 80,800 deliveries/s, beyond what this 2-core machine keeps up with, reported), the target's row first (its p99
 * follows the host's steal, which can change within the row's ten minutes). Besides latency, the CPU time of each
 * side per update and per delivery over the measured phase: on a shared machine the latency is the machine's, the
 * CPU cost is the code's. Without redis-server installed the row says so.
 */
final class ClusterRow {

    private ClusterRow() {
    }

    private static final String LABEL = "presence cluster: 2 nodes over Redis, cross-node delivery";
    private static final String TARGET = "cross-node p99 < 20 ms at ≥ 20,000 updates/s; ratio = cross-node / "
            + "same-node p99";

    /**
     * The nodes' heap and collector: the Parallel collector by default, {@code --gc zgc} for generational ZGC (JEP
     * 439). With Parallel each node stops for a young collection every ~5 s at 20,000 updates/s (2.5-3.3 KB allocated
     * per update handled or applied), both nodes at about the same moment, and the backlog of a pause takes several
     * times the pause to clear (docs/presence.md, "Where a cross-node delivery waits"). ZGC avoids the pauses but its
     * concurrent threads want a core this 2-core machine does not have: on the quiet machine (2026-12-02 07:20-07:35)
     * it gave p99 913 ms (4 watchers) and 246 ms (1 watcher) against Parallel's 651 ms and 96 ms the session before,
     * and 7.5 s against 1.1 s in a back-to-back 1-watcher pair. The Parallel nodes' young generation is 800 MB of
     * the 1 GB heap (the default is a third): a node's live set is ~35 MB, so the old generation needs little, and a
     * young collection's pause depends on what survives, not on the eden's size (Oracle's HotSpot GC tuning guide,
     * "Sizing the Generations": the larger the young generation, the less often minor collections occur). The
     * collections come every ~12 s instead of ~5.5 s, with the same 2-8 ms pauses (docs/presence.md, "Fewer young
     * collections").
     */
    /**
     * Steal above this share of the CPUs' time over the measured phase (other guests of the hypervisor running on
     * this machine's CPUs) marks the run as not made on a quiet host. 22 runs of 2026-12-03: at 0.2-1.6% all 14 met
     * (p99 9.0-16.4 ms), at 1.1-7.2% none of 8 (22-76 ms) (docs/presence.md, "The rate limiter's ring and the
     * cluster row's pauses").
     */
    static final double STEAL_QUIET = 0.01;

    /** The nodes' rate-limit window: the gateway's default, Discord's (60 s, {@link GatewayConfig#defaults}). */
    static final Duration RATE_WINDOW = GatewayConfig.defaults().rateWindow();

    /**
     * The {@code --long} warm-up: longer than {@link #RATE_WINDOW}, so every connection's rate limiter has begun to
     * drop events older than the window before the measured phase. That branch first runs one window after a
     * connection's identify; C2 had compiled the frame handler ({@code GatewayConnection.text}, the limiter inlined)
     * with it as an uncommon trap, so both nodes deoptimized it and recompiled a cascade of its callees at once:
     * with a 40 s warm-up that fell at the measured phase's 16th-18th second, a bad second (20-70 ms) in most runs
     * (-Xlog:deoptimization, 2026-12-03: {@code RateLimiter.allow} trap_bci=23 unstable_if at t=17 s on both nodes).
     */
    static final int LONG_WARM_UP_S = (int) RATE_WINDOW.toSeconds() + 15;

    private static final List<String> NODE_ZGC = List.of("-Xmx1g", "-Xms1g", "-XX:+UseZGC");
    private static final List<String> NODE_PARALLEL = List.of("-Xmx1g", "-Xms1g", "-Xmn800m", "-XX:+UseParallelGC");

    /** One shape of the load: watchers per user and whether half the pairs are on one node. */
    record Variant(int watchers, boolean mixedPairs) {

        static final Variant ACROSS = new Variant(1, false);
        static final Variant MIXED = new Variant(1, true);
        static final Variant FOUR = new Variant(4, false);

        String what() {
            return mixedPairs ? "1 watcher, half the pairs on one node"
                    : watchers == 1 ? "1 watcher (each update delivered once)" : watchers + " watchers";
        }

        /** The serve-node argument naming the world. */
        String world() {
            return mixedPairs ? "mixed-pairs" : "guilds";
        }
    }

    /**
     * Every variant; {@code --rate R}, {@code --seconds S}, {@code --warm-up S}, {@code --watchers W} or
     * {@code --mixed-pairs} (one variant) change the load for a working measurement of the CPU cost at a rate a
     * loaded machine sustains (the row then says the rate it sent).
     */
    static void run(boolean longRun, List<String> args) throws Exception {
        double rate = doubleArg(args, "--rate", 20_200);
        int seconds = (int) doubleArg(args, "--seconds", longRun ? 60 : 10);
        int only = (int) doubleArg(args, "--watchers", 0);
        Path redisServer = Children.redisServer();
        if (redisServer == null) {
            PresenceFigures.row(LABEL, "-", "ms p99", "same-node p99", "-", "-", TARGET + " (NOT RUN: redis-server "
                    + "not installed; scripts/install-test-deps.sh installs it)");
            return;
        }
        int gc = args.indexOf("--gc");
        List<String> nodeJvm = gc >= 0 && gc + 1 < args.size() && args.get(gc + 1).equals("zgc") ? NODE_ZGC
                : NODE_PARALLEL;
        List<Variant> variants = args.contains("--mixed-pairs") ? List.of(Variant.MIXED)
                : only > 0 ? List.of(new Variant(only, false)) : List.of(Variant.ACROSS, Variant.MIXED, Variant.FOUR);
        for (Variant v : variants) {
            int warmUp = (int) doubleArg(args, "--warm-up", longRun ? LONG_WARM_UP_S : 10);
            once(redisServer, 2_000, v, rate, seconds, warmUp, nodeJvm);
        }
    }

    static double doubleArg(List<String> args, String name, double otherwise) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? Double.parseDouble(args.get(i + 1)) : otherwise;
    }

    private static void once(Path redisServer, int n, Variant variant, double rate, int seconds, int warmUp,
                             List<String> nodeJvm) throws Exception {
        int watchers = variant.watchers();
        int port = Children.freePort();
        Path dir = Files.createTempDirectory("sysmodels-bench-redis-");
        List<Process> children = new ArrayList<>();
        try {
            Process redis = Children.startRedis(redisServer, port, dir);
            children.add(redis);
            String uri = "redis://127.0.0.1:" + port;
            List<URI> urls = new ArrayList<>();
            List<NodeChild> nodes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Process node = Children.javaChild(nodeJvm, "serve-node", String.valueOf(n),
                        String.valueOf(watchers), uri, "0", variant.world()).start();
                children.add(node);
                NodeChild c = new NodeChild(node, "node " + i);
                nodes.add(c);
                urls.add(URI.create(c.url));
            }
            PrintWriter out = new PrintWriter(System.out, true);
            System.out.println("measured run, " + variant.what() + ", nodes " + String.join(" ", nodeJvm) + ":");
            NodeChild.Sample[] at = new NodeChild.Sample[2];
            long[] redisCpu = new long[2];
            HostCpu[] machine = new HostCpu[2];
            RedisClient admin = RedisClient.create(uri);
            StatefulRedisConnection<String, String> stats = ClusterCpu.connect(admin);
            String[] commandStats = new String[1];
            // the measured phase follows warmUp seconds in the same run (not counted), the rate rising from 0 over
            // the first 10 s (at most half): the fresh node JVMs compile their update path under a light load
            // (without a warm-up, the first ~8 s after the ramp had per-second p99 of 370-740 ms that set the whole
            // run's p99). With 10 s at the full rate after the ramp the nodes still compiled 10-75 methods a second
            // into the measured phase's first 10 s, whose per-second p99 ran about twice the later seconds'; after
            // 30 s it is a few a second (-Xlog:jit+compilation, 2026-12-03). A warm-up run of its own before this
            // one (10 s at 5,000 updates/s, its 2,000 connections then closed) left 2,000 sockets in TIME_WAIT whose
            // expiry 60 s later fell in the measured phase: a bad second (16-68 ms) there in 6 of 8 runs
            // (docs/presence.md, "The rate limiter's ring and the cluster row's pauses"). The --long warm-up also
            // outlasts the rate limiter's window (LONG_WARM_UP_S)
            LoadResult res = new LoadGenerator(new LoadConfig(urls, n, watchers, rate,
                    Duration.ofSeconds(seconds), Duration.ZERO, 256, 1), out).warmup(Duration.ofSeconds(warmUp),
                    Duration.ofSeconds(Math.min(10, warmUp / 2)), () -> {
                        at[0] = NodeChild.sum(nodes);
                        nodes.forEach(c -> c.hops("warm-up and ramp, " + variant.what() + " (not measured)"));
                        redisCpu[0] = Children.cpuNs(redis);
                        machine[0] = ThreadCpu.machine();
                        stats.sync().configResetstat();
                    }).run(() -> {
                        // the ramp's state to the old generation, where a node that has held its sessions for a
                        // while has it: each session's 16 KB replay ring is made at its identify, and without this
                        // the first seven young collections of the measured phase copied the rings (23 MB of
                        // survivors, 10-17 ms pauses) where later ones took about 4 ms (docs/presence.md, "The
                        // ramp's rings and the cluster row's pauses")
                        for (NodeChild c : nodes) {
                            c.collect();
                        }
                        System.gc();
                        // every call the phase's start makes, made once before the warm-up: a node's first STATS
                        // loads its management classes (15-16 ms of CPU, 30-60 ms wall), as this JVM's first Redis
                        // command on this connection does here; at the measured phase's start they made its first
                        // second's p99 25-85 ms in 7 of 10 runs (the sender fell 3,400 updates behind), primed 8-12 ms
                        NodeChild.sum(nodes);
                        Children.cpuNs(redis);
                        ThreadCpu.machine();
                        stats.sync().configResetstat();
                        stats.sync().info("commandstats");
                    }, () -> {
                        // the nodes' backlog (if the machine could not keep up) is part of the phase's work
                        at[1] = NodeChild.settled(nodes, 120);
                        nodes.forEach(c -> c.hops(String.format(Locale.ROOT, "measured, %s, %.0f updates/s",
                                variant.what(), rate)));
                        redisCpu[1] = Children.cpuNs(redis);
                        machine[1] = ThreadCpu.machine();
                        commandStats[0] = stats.sync().info("commandstats");
                    });
            admin.shutdown();
            res.lines().forEach(System.out::println);
            NodeChild.Sample d = at[1].minus(at[0]);
            double updates = Math.max(1, d.updates());
            double deliveries = Math.max(1, d.dispatches());
            double nodesNs = d.cpuNs();
            double nodesJavaNs = d.javaCpuNs();
            double redisNs = redisCpu[1] - redisCpu[0];
            double loadNs = res.cpuNs();
            System.out.printf(Locale.ROOT, "work over the measured phase: %,d updates sent, %,d handled by their "
                    + "nodes, %,d log entries applied, %,d deliveries written, %,d received%n", res.updatesSent(),
                    d.updates(), d.applied(), d.dispatches(), res.deliveries());
            System.out.printf(Locale.ROOT, "CPU over the measured phase: nodes %.2f s, redis-server %.2f s, load "
                    + "generator %.2f s%n", nodesNs / 1e9, redisNs / 1e9, loadNs / 1e9);
            System.out.printf(Locale.ROOT, "nodes' Java threads (no JIT, no GC): %.2f s, %.1f µs per update, %.2f µs "
                    + "per delivery%n", nodesJavaNs / 1e9, nodesJavaNs / 1e3 / updates, nodesJavaNs / 1e3 / deliveries);
            System.out.println("Redis commands over the measured phase, per update handled:");
            ClusterCpu.printCommandStats(commandStats[0], updates);
            System.out.printf(Locale.ROOT, "CPU per update (nodes' CPU / updates handled): nodes %.1f µs, "
                    + "redis-server %.1f µs; per delivery (/ deliveries written): nodes %.2f µs; load generator per "
                    + "delivery received %.2f µs%n", nodesNs / 1e3 / updates, redisNs / 1e3 / updates,
                    nodesNs / 1e3 / deliveries, loadNs / 1e3 / Math.max(1, res.deliveries()));
            String what = variant.what();
            double steal = machine[1].stealShareSince(machine[0]);
            System.out.printf(Locale.ROOT, "the host's steal over the measured phase: %.1f%% of the CPUs' time%n",
                    100 * steal);
            boolean same = res.sameNodeUs().getTotalCount() > 0;
            double sentPerS = res.updatesSent() / Math.max(1e-9, res.seconds());
            double crossP99Ms = res.crossNodeUs().getValueAtPercentile(99) / 1e3;
            // the target's row: every delivery across, at the target's rate; the others are reported
            String verdict = variant.equals(Variant.ACROSS)
                    ? (crossP99Ms < 20 && sentPerS >= 20_000 && res.noSessionLost() ? "met" : "NOT met")
                    : "reported";
            PresenceFigures.row(String.format(Locale.ROOT, "%s, %,d sessions, %s", LABEL, n, what),
                    String.format(Locale.ROOT, "%.1f", crossP99Ms), "ms p99",
                    "same-node p99", same ? String.format(Locale.ROOT, "%.1f ms", res.sameNodeUs()
                    .getValueAtPercentile(99) / 1e3) : "- (every watcher is on the other node)",
                    same ? String.format(Locale.ROOT, "%.2fx", res.crossToSameP99()) : "-",
                    String.format(Locale.ROOT, "%s (sent %,.0f updates/s, %,.0f deliveries/s; the host's steal %.1f%% "
                            + "of the CPUs' time%s)%s", TARGET, sentPerS,
                            res.deliveries() / Math.max(1e-9, res.seconds()), 100 * steal,
                            steal > STEAL_QUIET ? ", NOT A QUIET HOST: other guests took CPU time" : "",
                            res.noSessionLost() ? "" : "; SESSIONS LOST"), verdict);
            PresenceFigures.row(String.format(Locale.ROOT, "presence cluster CPU per update, %s", what),
                    String.format(Locale.ROOT, "%.1f", (nodesNs + redisNs) / 1e3 / updates), "µs/update",
                    "of which redis-server", String.format(Locale.ROOT, "%.1f µs", redisNs / 1e3 / updates), "-",
                    String.format(Locale.ROOT, "both nodes + Redis; per delivery: nodes %.2f µs, load generator "
                            + "%.2f µs (the code's cost; the latency above is the machine's)",
                            nodesNs / 1e3 / deliveries, loadNs / 1e3 / Math.max(1, res.deliveries())), "reported");
            Children.stopAll(children);
            nodes.forEach(NodeChild::printKept);
        } finally {
            Children.stopAll(children);
            Children.deleteTree(dir);
        }
    }

    /**
     * A gateway node of a Redis-backed cluster, until the parent closes this process's stdin; with {@code port} > 0
     * on that port with SO_REUSEPORT (several nodes on one port).
     */
    static void serveNode(int users, int watchers, String redis, int port, String world) throws Exception {
        GatewayConfig cfg = GatewayConfig.defaults().withHeartbeat(Duration.ofSeconds(10))
                .withPort(Math.max(0, port)).withReusePort(port > 0)
                // 20,000 updates/s over 2,000 connections is 600 per connection per 60 s, plus heartbeats (the limiter
                // keeps a ring of this many times per connection: no bigger than needed)
                .withRateLimit(1_200, RATE_WINDOW).withIdentifyConcurrency(1_000_000).withIoThreads(1);
        UserDirectory directory = switch (world) {
            case "guilds" -> UserDirectory.loadWorld(users, watchers);
            case "mixed-pairs" -> UserDirectory.loadWorldMixedPairs(users);
            default -> throw new IllegalArgumentException("serve-node: world is guilds or mixed-pairs, not " + world);
        };
        try (GatewayServer server = GatewayServer.start(cfg, directory, null,
                PresenceObserver.NONE, RedisCluster.factory(RedisCluster.parse(redis), System.out::println))) {
            System.out.println("URL " + server.gatewayUrl());
            System.out.flush();
            NodeChild.answer(server);
            System.out.println("node: " + server.statusLine());
        }
    }
}
