package org.sysmodels.bench.presence;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.sysmodels.presence.cluster.ClusterParts;
import org.sysmodels.presence.cluster.redis.RedisCluster;
import org.sysmodels.presence.cluster.redis.SharedLoop;
import org.sysmodels.presence.gateway.users.UserDirectory;
import org.sysmodels.presence.model.cluster.NodeSink;
import org.sysmodels.presence.model.core.PresenceObserver;
import org.sysmodels.presence.model.core.Timeouts;
import org.sysmodels.presence.model.expiry.TimingWheel;
import org.sysmodels.presence.model.presence.Activity;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.PresenceUpdate;
import org.sysmodels.presence.model.presence.Status;
import org.sysmodels.presence.model.store.CompactStore;

/**
 * The cluster path alone, in CPU time: a redis-server on loopback and two {@link RedisCluster} nodes in this JVM (no
 * gateway, no WebSocket: each node's presence thread is called directly, with the cluster row's world, sessions,
 * heartbeats and updates, one activity each), at a fixed rate. Prints, per update over the measured phase, the CPU
 * of redis-server (from /proc), of the nodes' presence threads (the cluster path plus the replica's fan-out to a
 * counting sink), of Lettuce's threads (encoding, decoding, the log readers), and Redis's command statistics
 * ({@code INFO commandstats}: calls and µs per call). A working metric for issue 15 on a shared machine: the CPU
 * cost is the code's, whatever the machine's load.
 *
 * <p>{@code java -Xms1g -Xmx1g -XX:+UseParallelGC -cp benchmarks.jar org.sysmodels.bench.presence.ClusterCpu
 * [RATE [SECONDS [WARM_S [WATCHERS [SESSIONS [shared|separate]]]]]]} (defaults 5000 updates/s, 10 s, 5 s, 4, 2000,
 * shared: each presence thread is an I/O event loop that also runs its node's Redis connections, as in the gateway;
 * separate: a plain executor with Lettuce on its own I/O threads, the shape before)
 */
public final class ClusterCpu {

    private ClusterCpu() {
    }

    /** One node: its presence thread and its backend; deliveries counted. */
    private static final class Node implements NodeSink {
        final EventExecutor thread;
        final AtomicLong deliveries = new AtomicLong();
        /** Updates the presence thread has made (the driver's sent ones, once the thread got to them). */
        final AtomicLong updates = new AtomicLong();
        RedisCluster backend;
        final List<Integer> sessions = new ArrayList<>();

        /**
         * {@code shared}: the presence thread is an I/O event loop that also runs the node's Redis connections (as
         * the gateway's is); else a plain executor, Lettuce on its own threads (the shape before).
         */
        Node(boolean shared) {
            thread = shared ? SharedLoop.presenceThread("presence")
                    : new DefaultEventExecutor(new DefaultThreadFactory("presence"));
        }

        @Override
        public void deliver(int node, Presence presence, int[] sessions, int[] via, int count) {
            deliveries.addAndGet(count);
        }

        @Override
        public void heartbeatMissed(int node, int session) {
        }

        @Override
        public void ended(int node, int session) {
        }
    }

    public static void main(String[] args) throws Exception {
        double rate = args.length > 0 ? Double.parseDouble(args[0]) : 5_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int warm = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int watchers = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int n = args.length > 4 ? Integer.parseInt(args[4]) : 2_000;
        boolean shared = args.length <= 5 || !args[5].equals("separate");
        Path server = Children.redisServer();
        if (server == null) {
            System.err.println("redis-server is not installed (scripts/install-test-deps.sh)");
            System.exit(2);
        }
        int port = Children.freePort();
        Path dir = Files.createTempDirectory("sysmodels-cluster-cpu-");
        Process redis = Children.startRedis(server, port, dir);
        String uri = "redis://127.0.0.1:" + port;
        RedisClient admin = RedisClient.create(uri);
        List<Node> nodes = new ArrayList<>();
        try {
            StatefulRedisConnection<String, String> a = connect(admin);
            UserDirectory world = UserDirectory.loadWorld(n, watchers);
            // heartbeats every 10 s as in the cluster row; a long grace, so a loaded machine expires nothing
            Timeouts t = new Timeouts(TimeUnit.SECONDS.toNanos(10), TimeUnit.SECONDS.toNanos(60),
                    TimeUnit.SECONDS.toNanos(60));
            for (int i = 0; i < 2; i++) {
                Node node = new Node(shared);
                ClusterParts parts = new ClusterParts(new CompactStore(world.graph(), 1024), t,
                        TimingWheel.of(10_000_000L, System.nanoTime()), node, PresenceObserver.NONE, 1, node.thread,
                        System::nanoTime);
                node.backend = (RedisCluster) RedisCluster.factory(RedisCluster.parse(uri), System.out::println)
                        .create(parts);
                node.thread.scheduleAtFixedRate(() -> node.backend.advance(System.nanoTime()), 10, 10,
                        TimeUnit.MILLISECONDS);
                nodes.add(node);
            }
            for (int u = 0; u < n; u++) {
                Node node = nodes.get(u % 2);
                int user = u;
                node.sessions.add(node.thread.submit(() -> node.backend.identify(user, Platform.DESKTOP, 0,
                        PresenceUpdate.of(Status.ONLINE), true, System.nanoTime())).get(60, TimeUnit.SECONDS));
            }
            long[] sent = new long[1];
            Thread driver = new Thread(() -> drive(nodes, rate, n, sent), "driver");
            driver.setDaemon(true);
            driver.start();
            Thread.sleep(TimeUnit.SECONDS.toMillis(warm));
            a.sync().configResetstat();
            long[] before = sample(nodes, redis);
            long sentBefore = sent[0];
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            long[] after = sample(nodes, redis);
            long updates = after[6] - before[6];
            long sentNow = sent[0] - sentBefore;
            String stats = a.sync().info("commandstats");
            driver.interrupt();
            driver.join(5_000);
            double per = Math.max(1, updates);
            System.out.printf(Locale.ROOT, "%,d updates made in %d s (%,.0f/s; %,d sent), %,d deliveries, %,d changes "
                    + "applied, %,d write calls%n", updates, seconds, updates / (double) seconds, sentNow,
                    after[4] - before[4], after[5] - before[5], after[7] - before[7]);
            System.out.println(shared ? "Redis I/O on the presence threads (shared event loops)"
                    : "Redis I/O on Lettuce's own threads (separate)");
            System.out.printf(Locale.ROOT, "CPU per update: redis-server %.2f µs; presence threads %.2f µs; Lettuce "
                    + "threads %.2f µs; whole JVM %.2f µs (incl. driver, JIT, GC)%n", (after[0] - before[0]) / 1e3
                    / per, (after[1] - before[1]) / 1e3 / per, (after[2] - before[2]) / 1e3 / per,
                    (after[3] - before[3]) / 1e3 / per);
            System.out.printf(Locale.ROOT, "Context switches per update (voluntary + not; /proc, each a sleep or a "
                    + "preemption): presence threads %.3f; Lettuce threads %.3f; updates per write call %.1f%n",
                    (after[8] - before[8]) / per, (after[9] - before[9]) / per,
                    updates / (double) Math.max(1, after[7] - before[7]));
            System.out.printf(Locale.ROOT, "Allocated per update: presence threads %,.0f bytes; Lettuce threads %,.0f "
                    + "bytes%n", (after[10] - before[10]) / per, (after[11] - before[11]) / per);
            printCommandStats(stats, per);
            System.out.println(nodes.get(0).backend.statusLine());
            System.out.println(nodes.get(1).backend.statusLine());
        } finally {
            for (Node node : nodes) {
                try {
                    if (node.backend != null) {
                        node.backend.close();
                    }
                } finally {
                    node.thread.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                }
            }
            admin.shutdown();
            Children.stopAll(List.of(redis));
            Children.deleteTree(dir);
        }
    }

    /**
     * Redis's {@code INFO commandstats} per update: calls, and the server's own µs per call (wall time inside the
     * command: on a loaded machine it includes time the server waited for a core; the CPU time above does not).
     */
    static void printCommandStats(String info, double updates) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("cmdstat_")) {
                String[] f = line.substring(8).split("[:,=]");
                long calls = Long.parseLong(f[2]);
                long usec = Long.parseLong(f[4]);
                System.out.printf(Locale.ROOT, "  redis %-10s %,10d calls %6.3f per update %8.2f µs/call %6.2f µs per "
                        + "update%n", f[0], calls, calls / updates, usec / (double) Math.max(1, calls), usec / updates);
            }
        }
    }

    static StatefulRedisConnection<String, String> connect(RedisClient c) throws InterruptedException {
        for (int i = 0; ; i++) {
            try {
                return c.connect();
            } catch (RuntimeException e) {
                if (i > 100) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** Every ms: this ms's share of updates (and of heartbeats, one per session per 10 s) on each node's thread. */
    private static void drive(List<Node> nodes, double rate, int n, long[] sent) {
        double perMs = rate / 1000;
        double hbPerMs = n / 10_000.0;
        double owed = 0;
        double hbOwed = 0;
        long k = 0;
        int hb = 0;
        long next = System.nanoTime();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                next += 1_000_000L;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000L, (int) (sleep % 1_000_000L));
                }
                owed += perMs;
                hbOwed += hbPerMs;
                int count = (int) owed;
                owed -= count;
                int beats = (int) hbOwed;
                hbOwed -= beats;
                for (int side = 0; side < 2; side++) {
                    Node node = nodes.get(side);
                    int mine = count / 2 + (side == 0 ? count % 2 : 0);
                    int myBeats = beats / 2 + (side == 0 ? beats % 2 : 0);
                    long base = k;
                    int hbBase = hb;
                    node.thread.execute(() -> {
                        long now = System.nanoTime();
                        int size = node.sessions.size();
                        for (int i = 0; i < mine; i++) {
                            long x = base + i;
                            int s = node.sessions.get((int) ((x * 7919) % size));
                            node.backend.update(s, new PresenceUpdate(null, List.of(new Activity("load " + now + i,
                                    0)), (x & 1) == 0 ? Status.ONLINE : Status.IDLE, false), now);
                        }
                        node.updates.addAndGet(mine);
                        for (int i = 0; i < myBeats; i++) {
                            node.backend.heartbeat(node.sessions.get((hbBase + i) % size), now);
                        }
                    });
                    k += mine;
                    hb += myBeats;
                    sent[0] += mine;
                }
            }
        } catch (InterruptedException e) {
            // done
        }
    }

    /**
     * {redis CPU, presence threads CPU, Lettuce threads CPU, JVM CPU, deliveries, applied, updates, write calls,
     * presence threads' context switches, Lettuce threads' context switches, presence threads' allocated bytes,
     * Lettuce threads' allocated bytes}.
     */
    private static long[] sample(List<Node> nodes, Process redis) {
        ThreadMXBean t = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean alloc = t instanceof com.sun.management.ThreadMXBean a ? a : null;
        long presence = 0;
        long lettuce = 0;
        long presenceBytes = 0;
        long lettuceBytes = 0;
        for (Thread th : Thread.getAllStackTraces().keySet()) {
            long cpu = Math.max(0, t.getThreadCpuTime(th.threadId()));
            long bytes = alloc == null ? 0 : Math.max(0, alloc.getThreadAllocatedBytes(th.threadId()));
            String name = th.getName();
            if (name.startsWith("presence")) {
                presence += cpu;
                presenceBytes += bytes;
            } else if (name.startsWith("lettuce")) {
                lettuce += cpu;
                lettuceBytes += bytes;
            }
        }
        long jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        long deliveries = 0;
        long applied = 0;
        long updates = 0;
        long calls = 0;
        for (Node node : nodes) {
            deliveries += node.deliveries.get();
            applied += node.backend.stats().applied.get();
            updates += node.updates.get();
            calls += node.backend.stats().writeCalls.get();
        }
        long[] switches = contextSwitches();
        return new long[] {Children.cpuNs(redis), presence, lettuce, jvm, deliveries, applied, updates, calls,
                switches[0], switches[1], presenceBytes, lettuceBytes};
    }

    /**
     * {presence threads, Lettuce threads}: context switches so far, from /proc/self/task/TID/status (the kernel's
     * thread names are Java's, cut to 15 characters). Each hand-off between threads costs a wake-up, whatever the
     * machine's load, so these count the per-call work that CPU time on a loaded machine blurs. Zeros off Linux.
     */
    private static long[] contextSwitches() {
        long[] out = new long[2];
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String comm = Files.readString(task.resolve("comm")).trim();
                    int which = comm.startsWith("presence") ? 0 : comm.startsWith("lettuce") ? 1 : -1;
                    if (which < 0) {
                        continue;
                    }
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")
                                || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            out[which] += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (java.io.IOException | NumberFormatException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (java.io.IOException e) {
            // not Linux
        }
        return out;
    }
}
