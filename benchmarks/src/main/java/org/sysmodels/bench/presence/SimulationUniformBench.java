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
 * {@link SimulationBench} with the uniform random graph (every friend and guild drawn from all 5 M users, the
 * packaged scenario's world before it grew communities): the same work per change, no locality. Kept so the effect of
 * the generator's choice is measured, not claimed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-XX:+UseParallelGC", "-XX:+UseTransparentHugePages"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class SimulationUniformBench {

    @Param("5000000")
    int users;

    PresenceSimulation.Live live;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        live = SimulationBench.prepare(users, 0);
    }

    @Benchmark
    @OperationsPerInvocation(SimulationBench.STEP_S)
    public long simulatedSeconds() {
        live.runUntil(live.now() + SimulationBench.STEP_S * 1_000_000_000L);
        return live.now();
    }
}
