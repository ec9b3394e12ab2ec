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
 * USERS [WARM_S [MEASURE_S [COMMUNITY [SHARDS]]]]} (COMMUNITY: the scenario's {@code community}, default the
 * packaged {@code large}'s, -1 for that; SHARDS: threads side by side, default 1). With more than one shard the thread
 * CPU figure is the calling thread's (shard 0) and the process CPU covers every shard.
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
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long build0 = os.getProcessCpuTime();
        PresenceScenario large = PresenceScenarios.large();
        PresenceScenario s = large.withUsers(users).withGuilds(Math.max(10_000, users / 50))
                .withDuration(86_400_000_000_000L);
        if (community >= 0) {
            s = s.withCommunity(community);
        }
        PresenceSimulation.Live live = PresenceSimulation.prepare(s, 42, SimParts.reference(), Tracer.off(), false,
                shards);
        long build = os.getProcessCpuTime() - build0;
        live.runUntil(warm * 1_000_000_000L);
        PresenceSimulation.Stats a = live.stats();
        long gc0 = gcMillis();
        long cpu0 = os.getProcessCpuTime();
        long thread0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        live.runUntil((long) (warm + measure) * 1_000_000_000L);
        long wall = System.nanoTime() - wall0;
        long thread = threads.getCurrentThreadCpuTime() - thread0;
        long cpu = os.getProcessCpuTime() - cpu0;
        long gc = gcMillis() - gc0;
        PresenceSimulation.Stats b = live.stats();
        double m = measure;
        System.out.printf(Locale.ROOT, "users %,d, community %,d, build %.1f s CPU; simulated %d s after %d s warm-up%n", users, s.community(),
                build / 1e9, measure, warm);
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
        System.out.printf(Locale.ROOT, "garbage collection in the measured part: %d ms (wall, every collector)%n", gc);
    }

    private static long gcMillis() {
        long ms = 0;
        for (java.lang.management.GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, b.getCollectionTime());
        }
        return ms;
    }
}
