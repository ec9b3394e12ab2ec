package org.sysmodels.bench.irp;

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
 * IRPs per second on one core (issue targets: ≥ 20 M synchronous IRPs/s through a 3-deep stack with the verifier off,
 * ≥ 10 M/s with it on, 0 B per IRP in steady state; the pended path reported with its ratio to the synchronous one).
 * Peer in the same run: three plain Java calls and a callback doing the same work. The forks take `sim irp`'s JVM
 * flags: ParallelGC, and no bimorphic inlining (the launcher {@code sim} says why).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC", "-XX:-UseBimorphicInlining"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class IrpBench {

    static final int BATCH = 10_000;

    @State(Scope.Thread)
    public static class SyncOff {
        IrpRig rig;

        @Setup(Level.Trial)
        public void setUp() {
            rig = new IrpRig(false, false);
            rig.reads(200_000);
        }
    }

    @State(Scope.Thread)
    public static class SyncOn {
        IrpRig rig;

        @Setup(Level.Trial)
        public void setUp() {
            rig = new IrpRig(true, false);
            rig.reads(200_000);
        }
    }

    @State(Scope.Thread)
    public static class Pended {
        IrpRig rig;

        @Setup(Level.Trial)
        public void setUp() {
            rig = new IrpRig(true, true);
            rig.reads(100_000);
        }
    }

    @State(Scope.Thread)
    public static class Ideal {
        IdealIrpPath path;

        @Setup(Level.Trial)
        public void setUp() {
            path = new IdealIrpPath();
            for (int i = 0; i < 200_000; i++) {
                path.read();
            }
        }
    }

    @State(Scope.Thread)
    public static class Peer {
        PlainCallsPeer peer = new PlainCallsPeer();
    }

    /** Synchronous read through filter (completion routine) and FDO (completes), verifier off. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void syncVerifierOff(SyncOff s, Blackhole bh) {
        s.rig.reads(BATCH);
        bh.consume(s.rig.completed());
    }

    /** The same with every verifier rule on, as every run of sim irp has. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void syncVerifierOn(SyncOn s, Blackhole bh) {
        s.rig.reads(BATCH);
        bh.consume(s.rig.completed());
    }

    /**
     * A read that pends: cancel-safe queue, controller, interrupt, ISR, DPC, completion, completion APC, verifier on.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void pendedFromDpc(Pended s, Blackhole bh) {
        s.rig.reads(BATCH);
        bh.consume(s.rig.completed());
    }

    /**
     * The same read as the bare Windows steps in plain Java ({@link IdealIrpPath}: lookaside, IoInitializeIrp, the
     * thread list, both IofCallDriver levels, the walk, IoFreeIrp; no frames, clock or observers): the floor of this
     * read on this JIT, the second peer of the verifier-off row.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void idealWindowsSteps(Ideal s, Blackhole bh) {
        IdealIrpPath p = s.path;
        for (int i = 0; i < BATCH; i++) {
            p.read();
        }
        bh.consume(p.finished);
    }

    /** Three plain Java calls and a callback. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void plainCallsPeer(Peer s, Blackhole bh) {
        s.peer.reads(BATCH, bh);
    }
}
