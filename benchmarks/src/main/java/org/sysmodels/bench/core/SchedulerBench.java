package org.sysmodels.bench.core;

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
import org.openjdk.jmh.infra.Blackhole;

/**
 * sim-core scheduler throughput in the hold model with 10,000 pending events (issue: ≥ 20 M events/s on one core, no
 * allocation per event, ≥ 2× the PriorityQueue peer). One operation = one event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SchedulerBench {

    static final int BATCH = 1000;

    @Param("10000")
    int pending;

    SchedulerHold scheduler;
    PriorityQueueHold priorityQueue;

    @Setup(Level.Trial)
    public void setUp() {
        scheduler = new SchedulerHold(pending, 42);
        priorityQueue = new PriorityQueueHold(pending, 42);
        // Reach steady state (arrays sized, buckets spread) before measuring.
        scheduler.steps(pending * 20);
        priorityQueue.steps(pending * 20);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void holdScheduler(Blackhole bh) {
        scheduler.steps(BATCH);
        bh.consume(scheduler.checksum());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void holdPriorityQueue(Blackhole bh) {
        priorityQueue.steps(BATCH);
        bh.consume(priorityQueue.checksum());
    }
}
