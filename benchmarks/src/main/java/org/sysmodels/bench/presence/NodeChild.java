package org.sysmodels.bench.presence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.sysmodels.presence.cluster.redis.Hops;
import org.sysmodels.presence.cluster.redis.RedisCluster;
import org.sysmodels.presence.gateway.GatewayServer;

/**
 * A gateway process of a row, seen from the row: its URL, its output (the last 40 lines kept for the end), and its
 * counters on request. The parent writes {@code STATS} on the child's stdin; the child answers one line
 * {@code STATS cpuNs javaCpuNs updates applied dispatches heartbeats} ({@link #answer}); closing stdin stops the
 * child. {@code cpuNs} is the process's CPU time; {@code javaCpuNs} that of its Java threads only (without the JIT
 * compiler and GC threads: on a freshly started JVM over a short run the compiler's share is large and says nothing
 * about the code).
 */
final class NodeChild {

    /** A gateway's counters and its process's CPU time at one moment. */
    record Sample(long cpuNs, long javaCpuNs, long updates, long applied, long dispatches, long heartbeats) {

        static final Sample ZERO = new Sample(0, 0, 0, 0, 0, 0);

        Sample minus(Sample o) {
            return new Sample(cpuNs - o.cpuNs, javaCpuNs - o.javaCpuNs, updates - o.updates, applied - o.applied,
                    dispatches - o.dispatches, heartbeats - o.heartbeats);
        }

        Sample plus(Sample o) {
            return new Sample(cpuNs + o.cpuNs, javaCpuNs + o.javaCpuNs, updates + o.updates, applied + o.applied,
                    dispatches + o.dispatches, heartbeats + o.heartbeats);
        }

        /** The work counted (a gateway that has caught up counts no more between two samples). */
        long work() {
            return updates + applied + dispatches;
        }
    }

    final Process process;
    final String url;
    private final String who;
    private final PrintWriter in;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final List<String> keep = new ArrayList<>();

    NodeChild(Process process, String who) throws IOException {
        this.process = process;
        this.who = who;
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.US_ASCII);
        BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String u = null;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.startsWith("URL ")) {
                u = line.substring(4);
                break;
            }
            System.out.println(who + ": " + line);
        }
        if (u == null) {
            throw new IllegalStateException(who + " did not start");
        }
        url = u;
        Thread drain = new Thread(() -> {
            try {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    if (l.startsWith("STATS ") || l.startsWith("GC ")) {
                        answers.add(l);
                        continue;
                    }
                    synchronized (keep) {
                        keep.add(who + ": " + l);
                        if (keep.size() > 40) {
                            keep.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // the node is gone
            }
        }, who + " output");
        drain.setDaemon(true);
        drain.start();
    }

    /** The child's counters now (waits up to 30 s for its answer). */
    Sample sample() throws InterruptedException {
        in.println("STATS");
        String a = answers.poll(30, TimeUnit.SECONDS);
        if (a == null) {
            throw new IllegalStateException(who + " did not answer STATS within 30 s");
        }
        String[] f = a.split(" ");
        return new Sample(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
                Long.parseLong(f[5]), Long.parseLong(f[6]));
    }

    /**
     * Asks the child to write its per-hop histograms since the last ask, headed {@code label}, to its hops file
     * ({@code -Dpresence.hops=FILE} in {@code PRESENCE_CHILD_JAVA_OPTS}; nothing without it). No answer.
     */
    void hops(String label) {
        in.println("HOPS " + label);
    }

    /** Asks the child to collect once (its ramp's state to the old generation) and waits (up to 60 s). */
    void collect() throws InterruptedException {
        in.println("GC");
        String a = answers.poll(60, TimeUnit.SECONDS);
        if (a == null || !a.startsWith("GC ")) {
            throw new IllegalStateException(who + " did not answer GC within 60 s");
        }
        System.out.println(who + ": " + a);
    }

    /** The sum over {@code nodes} once none counts more work for half a second (at most {@code limitS} s). */
    static Sample settled(List<NodeChild> nodes, int limitS) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(limitS);
        Sample last = sum(nodes);
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            Sample now = sum(nodes);
            if (now.work() == last.work()) {
                return now;
            }
            last = now;
        }
        System.out.println("(the gateways were still busy " + limitS + " s after the load stopped)");
        return last;
    }

    static Sample sum(List<NodeChild> nodes) throws InterruptedException {
        Sample s = Sample.ZERO;
        for (NodeChild n : nodes) {
            s = s.plus(n.sample());
        }
        return s;
    }

    void printKept() {
        synchronized (keep) {
            keep.forEach(System.out::println);
        }
    }

    /** CPU time of this JVM's live Java threads (not the JIT compiler's, not the GC's), ns. */
    static long javaThreadsCpuNs() {
        java.lang.management.ThreadMXBean t = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : t.getAllThreadIds()) {
            sum += Math.max(0, t.getThreadCpuTime(id));
        }
        return sum;
    }

    /**
     * The child's side: answers {@code STATS} lines on stdin until stdin closes. Runs on the calling thread.
     */
    static void answer(GatewayServer server) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        HeapUse heap = new HeapUse();
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.equals("GC")) {
                long t0 = System.nanoTime();
                System.gc();
                System.out.printf(java.util.Locale.ROOT, "GC collected after the ramp in %.0f ms%n",
                        (System.nanoTime() - t0) / 1e6);
                System.out.flush();
            } else if (line.startsWith("HOPS ")) {
                // only when the hops are recorded: the heading's first reading loads the management classes of the
                // collectors (cold code on a core the node's event loop needs, at the measured phase's first second)
                if (Hops.ON) {
                    Hops.dump(line.substring(5) + "; " + heap.since(server));
                }
            } else if (line.equals("STATS")) {
                long applied = server.cluster() instanceof RedisCluster c ? c.stats().applied.get() : 0;
                long cpu = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
                System.out.println("STATS " + cpu + " " + javaThreadsCpuNs() + " " + server.stats().updates.get()
                        + " " + applied + " "
                        + server.stats().dispatches.get() + " " + server.stats().heartbeats.get());
                System.out.flush();
            }
        }
    }

    /** Bytes allocated and collections since the last look, per update handled (the hops file's heading). */
    private static final class HeapUse {
        private long bytes;
        private long collections;
        private long collectionMs;
        private long work;

        String since(GatewayServer server) {
            long b = java.lang.management.ManagementFactory.getThreadMXBean()
                    instanceof com.sun.management.ThreadMXBean t ? t.getTotalThreadAllocatedBytes() : -1;
            long n = 0;
            long ms = 0;
            for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
                n += Math.max(0, gc.getCollectionCount());
                ms += Math.max(0, gc.getCollectionTime());
            }
            long w = server.stats().updates.get()
                    + (server.cluster() instanceof RedisCluster c ? c.stats().applied.get() : 0);
            String line = String.format(java.util.Locale.ROOT, "%,d updates + applied, %.0f B allocated per one, "
                    + "%d collections, %d ms", w - work, (b - bytes) / (double) Math.max(1, w - work),
                    n - collections, ms - collectionMs);
            bytes = b;
            collections = n;
            collectionMs = ms;
            work = w;
            return line;
        }
    }
}
