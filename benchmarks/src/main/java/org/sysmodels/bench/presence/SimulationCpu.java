package org.sysmodels.bench.presence;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.presence.run.PresenceSimulation;
import org.sysmodels.presence.run.SimParts;
import org.sysmodels.presence.scenario.PresenceScenario;
import org.sysmodels.presence.scenario.PresenceScenarios;

/**
 * {@link SimulationBench}'s workload measured in CPU time instead of wall time, for a shared machine where wall time
 * means little: simulated seconds per process CPU second (every thread: simulation, GC, JIT) and per CPU second of
 * the simulating thread, after a warm-up, with the events per simulated second by kind.
 *
 * <p>{@code java -Xms6g -Xmx6g -XX:+UseParallelGC -cp benchmarks.jar org.sysmodels.bench.presence.SimulationCpu
 * USERS [WARM_S [MEASURE_S [COMMUNITY [SHARDS [ROUNDS]]]]]} (COMMUNITY: the scenario's {@code community}, default
 * the packaged {@code large}'s, -1 for that; SHARDS: threads side by side, default 1; ROUNDS: measured phases one
 * after the other, default 1). With more than one shard the thread CPU figure is the calling thread's (shard 0) and
 * the process CPU covers every shard. Each phase also prints where the process's CPU went, thread by thread
 * ({@link ThreadCpu}: shards, garbage collector, JIT compilers, the rest), the collections, the bytes allocated and
 * the JIT's compilation time. Like the JMH rows it collects once after the build ({@link SimulationBench#settleHeap}).
 */
public final class SimulationCpu {

    private SimulationCpu() {
    }

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
        int warm = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int measure = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int community = args.length > 3 ? Integer.parseInt(args[3]) : -1;
        int shards = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long build0 = os.getProcessCpuTime();
        // one world: SimulationCellsBench runs the packaged cells
        PresenceScenario large = PresenceScenarios.large().withCell(0);
        PresenceScenario s = large.withUsers(users).withGuilds(Math.max(10_000, users / 50))
                .withDuration(86_400_000_000_000L);
        if (community >= 0) {
            s = s.withCommunity(community);
        }
        PresenceSimulation.Live live = PresenceSimulation.prepare(s, 42, SimParts.reference(), Tracer.off(), false,
                shards);
        long build = os.getProcessCpuTime() - build0;
        SimulationBench.settleHeap();
        live.runUntil(warm * 1_000_000_000L);
        System.out.printf(Locale.ROOT, "users %,d, community %,d, build %.1f s CPU; %d s warm-up%n", users,
                s.community(), build / 1e9, warm);
        long from = warm;
        for (int r = 0; r < rounds; r++) {
            measure(live, os, threads, users, shards, from, measure);
            from += measure;
        }
    }

    private static void measure(PresenceSimulation.Live live, OperatingSystemMXBean os, ThreadMXBean threads,
                                int users, int shards, long from, int measure) {
        com.sun.management.ThreadMXBean alloc = (com.sun.management.ThreadMXBean) threads;
        java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        PresenceSimulation.Stats a = live.stats();
        PresenceSimulation.Stats[] perShard = new PresenceSimulation.Stats[live.shardCount()];
        for (int k = 0; k < perShard.length; k++) {
            perShard[k] = live.shardStats(k);
        }
        long gc0 = gcMillis();
        long gcCount0 = SimulationRow.collections();
        long bytes0 = alloc.getTotalThreadAllocatedBytes();
        long jit0 = jit.getTotalCompilationTime();
        ThreadCpu tasks0 = ThreadCpu.now();
        long cpu0 = os.getProcessCpuTime();
        long thread0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        live.runUntil((from + measure) * 1_000_000_000L);
        long wall = System.nanoTime() - wall0;
        long thread = threads.getCurrentThreadCpuTime() - thread0;
        long cpu = os.getProcessCpuTime() - cpu0;
        java.util.Map<String, Double> byThread = ThreadCpu.now().since(tasks0);
        long gc = gcMillis() - gc0;
        long gcCount = SimulationRow.collections() - gcCount0;
        long bytes = alloc.getTotalThreadAllocatedBytes() - bytes0;
        long jitMs = jit.getTotalCompilationTime() - jit0;
        PresenceSimulation.Stats b = live.stats();
        double m = measure;
        System.out.printf(Locale.ROOT, "simulated %d s from %d s%n", measure, from);
        System.out.printf(Locale.ROOT, "per simulated second: %,.0f events, %,.0f heartbeats, %,.0f deliveries, "
                + "%,.0f node messages, %,.0f status changes, %,.0f session ends; pending events %,d, expiry "
                + "entries %,d%n", (b.events() - a.events()) / m, (b.heartbeats() - a.heartbeats()) / m,
                (b.deliveries() - a.deliveries()) / m, (b.nodeMessages() - a.nodeMessages()) / m,
                (b.changes() - a.changes()) / m, (b.leaves() - a.leaves()) / m, b.pending(), b.expiryEntries());
        System.out.printf(Locale.ROOT, "shards %d, presences sent between shards %,d, not sent (no watcher there) "
                + "%,d, shards independent (no windows): %s%n", shards, live.crossShardMessages(),
                live.unwatchedReplicas(), live.independentShards());
        System.out.printf(Locale.ROOT, "SIMCPU users=%d sim-s-per-process-cpu-s=%.3f sim-s-per-thread-cpu-s=%.3f "
                + "sim-s-per-wall-s=%.3f process-cpu=%.2fs thread-cpu=%.2fs wall=%.2fs%n", users, m / (cpu / 1e9),
                m / (thread / 1e9), m / (wall / 1e9), cpu / 1e9, thread / 1e9, wall / 1e9);
        System.out.printf(Locale.ROOT, "garbage collection in the measured part: %d collections, %d ms (wall, every "
                + "collector); %,.0f bytes allocated per simulated second; JIT compilation %d ms%n", gcCount, gc,
                bytes / m, jitMs);
        for (int k = 0; k < perShard.length && perShard.length > 1; k++) {
            PresenceSimulation.Stats x = perShard[k];
            PresenceSimulation.Stats y = live.shardStats(k);
            System.out.printf(Locale.ROOT, "shard %d per simulated second: %,.0f events, %,.0f heartbeats, %,.0f "
                    + "deliveries, %,.0f node messages, %,.0f status changes%n", k, (y.events() - x.events()) / m,
                    (y.heartbeats() - x.heartbeats()) / m, (y.deliveries() - x.deliveries()) / m,
                    (y.nodeMessages() - x.nodeMessages()) / m, (y.changes() - x.changes()) / m);
        }
        StringBuilder line = new StringBuilder("THREADCPU");
        byThread.forEach((k, v) -> {
            if (v > 0) {
                line.append(String.format(Locale.ROOT, " [%s]=%.2f", k, v));
            }
        });
        System.out.println(line);
    }

    private static long gcMillis() {
        long ms = 0;
        for (java.lang.management.GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, b.getCollectionTime());
        }
        return ms;
    }
}
