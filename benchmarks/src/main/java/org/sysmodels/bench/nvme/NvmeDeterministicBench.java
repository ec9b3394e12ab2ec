package org.sysmodels.bench.nvme;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Simulated NVMe commands per second of one core, deterministic mode (issue target: ≥ 10 M commands/s with 0 bytes
 * allocated per command in steady state). One operation = one command completed end to end: fio job → blk-mq →
 * driver → SQE in host memory → doorbell → controller fetch, PRP walk, DMA, CQE → MSI-X → completion → next I/O.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class NvmeDeterministicBench {

    static final int BATCH = 10_000;

    /** Each benchmark builds only its own rig, so the JIT profiles one configuration per fork. */
    @State(Scope.Thread)
    public static class Checked {
        DeterministicRig rig;

        @Setup(Level.Trial)
        public void setUp() {
            rig = new DeterministicRig(true);
            rig.commands(2_000_000);
        }
    }

    @State(Scope.Thread)
    public static class Unchecked {
        DeterministicRig rig;

        @Setup(Level.Trial)
        public void setUp() {
            rig = new DeterministicRig(false);
            rig.commands(2_000_000);
        }
    }

    /** With the run-time checks and read-after-write verification every run has. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void randRead4kQd64(Checked s, Blackhole bh) {
        s.rig.commands(BATCH);
        bh.consume(s.rig.completed());
    }

    /** The same with checks and verification off: what the checks cost. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void randRead4kQd64Unchecked(Unchecked s, Blackhole bh) {
        s.rig.commands(BATCH);
        bh.consume(s.rig.completed());
    }
}
