package org.sysmodels.bench.nvme;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jctools.queues.SpscArrayQueue;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.run.ThreadedRun;
import org.sysmodels.nvme.scenario.HostSpec;
import org.sysmodels.nvme.scenario.NvmeScenario;
import org.sysmodels.nvme.scenario.WorkloadSpec;

/**
 * Threaded mode (issue targets: ≥ 50% of a JCTools SpscArrayQueue pair, ≥ 3× an ArrayBlockingQueue pair, measured in
 * the same run). The JMH thread is the host; each benchmark starts its own device thread. One operation = one command
 * (or token) submitted, handled by the device thread and completed. 4 queue pairs × 16 = 64 in flight for NVMe, 64
 * tokens in flight for the peers.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// The default collector (G1), not the ParallelGC that `sim` uses: the JCTools peer runs at 19 M/s under G1 but at
// about 7 M/s under ParallelGC (with or without UseCondCardMark), and a peer is measured at its best.
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class NvmeThreadedBench {

    static final int BATCH = 10_000;

    @State(Scope.Thread)
    public static class Nvme {
        ThreadedRun run;

        @Setup(Level.Trial)
        public void setUp() {
            NvmeScenario s = NvmeScenario.DEFAULT.withHost(HostSpec.DEFAULT.withQueues(4, 4).withQueueEntries(256, 0))
                    .withWorkload(WorkloadSpec.DEFAULT.with(null, 4096L, 16, 4, null, null, null).withVerify(false));
            run = new ThreadedRun(s, 42, Tracer.off());
            if (!run.start()) {
                throw new IllegalStateException("device did not come up: " + run.failure());
            }
            run.run(200_000, 30_000_000_000L);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            run.stop();
        }
    }

    @State(Scope.Thread)
    public static class Spsc {
        QueuePairPeer pair;

        @Setup(Level.Trial)
        public void setUp() {
            pair = new QueuePairPeer(new SpscArrayQueue<>(64), new SpscArrayQueue<>(64));
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            pair.stop();
        }
    }

    @State(Scope.Thread)
    public static class Blocking {
        QueuePairPeer pair;

        @Setup(Level.Trial)
        public void setUp() {
            pair = new QueuePairPeer(new ArrayBlockingQueue<>(64), new ArrayBlockingQueue<>(64));
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            pair.stop();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void threaded(Nvme n, Blackhole bh) {
        if (!n.run.run(BATCH, 30_000_000_000L)) {
            throw new IllegalStateException("threaded run stalled");
        }
        bh.consume(n.run.host().completed());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void spscPair(Spsc s, Blackhole bh) {
        s.pair.commands(BATCH);
        bh.consume(s.pair.completed());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void abqPair(Blocking b, Blackhole bh) {
        b.pair.commands(BATCH);
        bh.consume(b.pair.completed());
    }
}
