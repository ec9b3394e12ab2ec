package org.sysmodels.bench.presence;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sysmodels.presence.run.PresenceSimulation;

/**
 * One simulation row: a prepared, warm world ({@link SimulationBench#prepare}) run one step of {@link #STEP_S}
 * simulated seconds per operation, so the score is simulated seconds per wall second (the real-time factor). The
 * subclasses name the world: its community size and its shard count (JMH runs an inherited benchmark method under
 * each concrete subclass's name).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-XX:+UseParallelGC", "-XX:+UseTransparentHugePages"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public abstract class SimulationRow {

    static final int STEP_S = 10;

    @Param("5000000")
    int users;

    PresenceSimulation.Live live;

    /** Users per community, or -1 for the packaged scenario's. */
    abstract int community();

    /** Shards run side by side, one thread each. */
    abstract int shards();

    /**
     * Simulated seconds run in the set-up, before the first warm-up iteration, so that the iterations measure the
     * long run the target is about and not the run's start: 0 (measure from the start) unless a row says otherwise.
     * A row with a start-up also runs on, {@link #STEP_S} at a time, until the run's first collection after the
     * build has come (at most {@link #START_UP_MAX_S}): its time varies between runs.
     */
    int startUpS() {
        return 0;
    }

    /** The longest start-up, in simulated seconds, however late the first collection. */
    static final int START_UP_MAX_S = 900;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        live = SimulationBench.prepare(users, community(), shards());
        startUp(live, startUpS(), STEP_S);
    }

    /**
     * Runs {@code startUpS} simulated seconds, and on, {@code stepS} at a time, until the run's first collection
     * after the build has come (at most {@link #START_UP_MAX_S}); nothing when {@code startUpS} is 0.
     */
    static void startUp(PresenceSimulation.Live live, int startUpS, int stepS) {
        if (startUpS > 0) {
            long collections = collections();
            live.runUntil(startUpS * 1_000_000_000L);
            while (collections() == collections && live.now() < START_UP_MAX_S * 1_000_000_000L) {
                live.runUntil(live.now() + stepS * 1_000_000_000L);
            }
        }
    }

    /** Collections so far, every collector. */
    static long collections() {
        long n = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, b.getCollectionCount());
        }
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(STEP_S)
    public long simulatedSeconds() {
        live.runUntil(live.now() + STEP_S * 1_000_000_000L);
        return live.now();
    }
}
