package org.sysmodels.bench.presence;

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
 * {@link SimulationBench}'s world (the packaged {@code large}, communities of 1,000, every check on) run as two shards
 * side by side, one thread each ({@code --shards 2}: users and gateway nodes split in two, windows of
 * {@code backboneMin}), for the target's "on 2 cores". The same deliveries per simulated second; with communities a
 * change reaches only its own shard's nodes, so node messages halve (docs/presence.md, "Shards").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-XX:+UseParallelGC", "-XX:+UseTransparentHugePages"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class SimulationTwoShardsBench {

    @Param("5000000")
    int users;

    PresenceSimulation.Live live;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        live = SimulationBench.prepare(users, -1, 2);
    }

    @Benchmark
    @OperationsPerInvocation(SimulationBench.STEP_S)
    public long simulatedSeconds() {
        live.runUntil(live.now() + SimulationBench.STEP_S * 1_000_000_000L);
        return live.now();
    }
}
