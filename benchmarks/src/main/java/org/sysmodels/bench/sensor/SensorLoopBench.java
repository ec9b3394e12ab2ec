package org.sysmodels.bench.sensor;

import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.sensor.check.FaultClass;
import org.sysmodels.sensor.run.Campaign;
import org.sysmodels.sensor.run.FirmwareSource;
import org.sysmodels.sensor.run.RunSetup;
import org.sysmodels.sensor.scenario.Scenario;

/**
 * Simulated loop iterations per second of one core (issue target: ≥ 10 M/s, deterministic, 0 B per iteration in
 * steady state), the same computation as plain Java as the floor, and fault-campaign throughput on two threads
 * (target: 10,000 faults in under a minute, i.e. ≥ 167 faults/s).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SensorLoopBench {

    /** Loop iterations (ms of device time) per run: long enough that start-up is a small share. */
    static final int ITERATIONS = 20_000;
    /** Twenty faults of each of the 14 classes. */
    static final int CAMPAIGN = 14 * 20;

    @State(Scope.Thread)
    public static class Loop {
        LoopRig rig;

        @Setup(Level.Trial)
        public void setUp() {
            rig = new LoopRig(ITERATIONS);
            rig.run();
        }
    }

    /** One board booted at set-up and continued: no start-up, no board construction in the measurement. */
    @State(Scope.Thread)
    public static class Steady {
        SteadyLoopRig rig;

        @Setup(Level.Trial)
        public void setUp() {
            rig = new SteadyLoopRig(ITERATIONS);
            rig.run();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            rig.close();
        }
    }

    @State(Scope.Thread)
    public static class Plain {
        PlainLoopPeer peer;

        @Setup(Level.Trial)
        public void setUp() {
            peer = new PlainLoopPeer();
        }
    }

    @State(Scope.Thread)
    public static class Faults {
        RunSetup setup;
        long seed = 1;

        @Setup(Level.Trial)
        public void setUp() throws UserInputException {
            setup = RunSetup.of(Scenario.defaults(), "bench", 1);
        }
    }

    /** The reference firmware's 1 kHz loop on the simulated MCU, two sensors, watchdogs, checks on. */
    @Benchmark
    @OperationsPerInvocation(ITERATIONS)
    public void loop1kHz(Loop s, Blackhole bh) {
        bh.consume(s.rig.run());
    }

    /**
     * The same loop on one board kept running (its own thread; the benchmark thread waits while it runs a chunk of
     * {@link #ITERATIONS}): the steady state, where the target asks for 0 B per iteration.
     */
    @Benchmark
    @OperationsPerInvocation(ITERATIONS)
    public void loop1kHzSteady(Steady s, Blackhole bh) {
        bh.consume(s.rig.run());
    }

    /** Compensation + plausibility + 1oo2 vote of two sensors as plain Java. */
    @Benchmark
    @OperationsPerInvocation(ITERATIONS)
    public void plainJava(Plain s, Blackhole bh) {
        boolean on = false;
        for (int i = 0; i < ITERATIONS; i++) {
            on ^= s.peer.iteration();
        }
        bh.consume(on);
    }

    /** A fault campaign on two threads: each operation is one injected fault in its own short run. */
    @Benchmark
    @OperationsPerInvocation(CAMPAIGN)
    public void campaign2Threads(Faults s, Blackhole bh) throws UserInputException {
        Campaign.Result r = Campaign.run(s.setup, new Campaign.Spec(CAMPAIGN, List.of(FaultClass.values()), s.seed++,
                2), FirmwareSource.BARE_METAL, null);
        bh.consume(r.dc());
    }
}
