package org.sysmodels.bench.presence;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * The target row (issue: 5 M online users, 1-3 sessions and 20 friends each, in ≥ 10,000 guilds, 30 s heartbeats,
 * a heap of at most 6 GiB, ≥ 20× real time on 2 cores): the packaged {@code large} as it is packaged, in cells of
 * 5,000 users (whole communities, each its own presence cluster) taken in turn by two threads, every check on. One
 * operation is {@link #STEP_S} simulated seconds, the length of one cell's slice (PresenceScenario's {@code cell},
 * run/Cells' {@code SLICE_NS}), so each operation runs every cell once; the score is simulated seconds per wall
 * second. The one-world rows ({@link SimulationBench}, {@link SimulationTwoShardsBench}) run the same users as one
 * world for comparison. The start-up is {@link SimulationTwoShardsBench}'s: past the JIT's compilations and the
 * run's first collection.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-XX:+UseParallelGC", "-XX:+UseTransparentHugePages"})
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
public class SimulationCellsBench {

    static final int STEP_S = 60;

    @Param("5000000")
    int users;

    @Param("2")
    int threads;

    PresenceSimulation.Live live;

    @Setup
    public void setUp() throws Exception {
        live = SimulationBench.prepareCells(users, threads);
        SimulationRow.startUp(live, SimulationTwoShardsBench.START_UP_S, STEP_S);
    }

    @Benchmark
    @OperationsPerInvocation(STEP_S)
    public long simulatedSeconds() {
        live.runUntil(live.now() + STEP_S * 1_000_000_000L);
        return live.now();
    }
}
