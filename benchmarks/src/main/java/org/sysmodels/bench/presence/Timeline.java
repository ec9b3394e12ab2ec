package org.sysmodels.bench.presence;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.sysmodels.presence.gateway.GatewayServer;
import org.sysmodels.presence.gateway.GatewayStats;

/**
 * A gateway child's per-second timeline, for finding where a latency burst comes from: with
 * {@code -Dpresence.timeline=FILE} (through {@code PRESENCE_CHILD_JAVA_OPTS}) the child writes one line a second with
 * the wall clock (ms since the epoch, to line up with the load's seconds and the GC log's {@code time} decoration),
 * the counters' increments (identifies, heartbeats, updates, dispatches, deliveries queued in outboxes), the queue
 * depths ({@link GatewayServer#queueDepths}), collections and their time, and the CPU time of the busiest threads.
 * Off unless asked; its own cost is one sample a second.
 */
final class Timeline implements Runnable {

    private final GatewayServer server;
    private final PrintWriter out;

    private Timeline(GatewayServer server, PrintWriter out) {
        this.server = server;
        this.out = out;
    }

    /** Starts the timeline thread when {@code -Dpresence.timeline=FILE} is set. */
    static void startIfAsked(GatewayServer server) throws IOException {
        String file = System.getProperty("presence.timeline");
        if (file == null || file.isBlank()) {
            return;
        }
        PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(file)), true);
        w.println("epochMs identifies heartbeats updates dispatches queued | engineTasks [loopTasks loopItems]... "
                + "| gcCount gcMs | threads cpu ms");
        Thread t = new Thread(new Timeline(server, w), "presence-timeline");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        GatewayStats s = server.stats();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] last = new long[5];
        long lastGcCount = 0;
        long lastGcMs = 0;
        Map<Long, Long> lastCpu = new HashMap<>();
        long next = System.currentTimeMillis() / 1000 * 1000 + 1000;
        try {
            while (true) {
                Thread.sleep(Math.max(1, next - System.currentTimeMillis()));
                next += 1000;
                long[] now = {s.identifies.get(), s.heartbeats.get(), s.updates.get(), s.dispatches.get(),
                        s.queued.get()};
                long gcCount = 0;
                long gcMs = 0;
                for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                    gcCount += gc.getCollectionCount();
                    gcMs += gc.getCollectionTime();
                }
                StringBuilder b = new StringBuilder();
                b.append(System.currentTimeMillis());
                for (int i = 0; i < now.length; i++) {
                    b.append(' ').append(now[i] - last[i]);
                }
                b.append(" |");
                for (int d : server.queueDepths()) {
                    b.append(' ').append(d);
                }
                b.append(" | ").append(gcCount - lastGcCount).append(' ').append(gcMs - lastGcMs).append(" |");
                for (ThreadInfo ti : threads.getThreadInfo(threads.getAllThreadIds())) {
                    if (ti == null) {
                        continue;
                    }
                    long cpu = threads.getThreadCpuTime(ti.getThreadId());
                    Long before = lastCpu.put(ti.getThreadId(), cpu);
                    long ms = (cpu - (before == null ? 0 : before)) / 1_000_000;
                    if (ms >= 20) {
                        b.append(' ').append(ti.getThreadName().replace(' ', '_')).append('=').append(ms);
                    }
                }
                out.println(b);
                System.arraycopy(now, 0, last, 0, now.length);
                lastGcCount = gcCount;
                lastGcMs = gcMs;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
