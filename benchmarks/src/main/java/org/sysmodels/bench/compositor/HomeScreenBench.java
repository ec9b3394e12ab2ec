package org.sysmodels.bench.compositor;

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
import org.openjdk.jmh.annotations.Warmup;
import org.sysmodels.compositor.scenario.CompositorScenario;
import org.sysmodels.compositor.scenario.Scenarios;
import org.sysmodels.compositor.run.Hosts;
import org.sysmodels.compositor.run.Simulation;
import org.sysmodels.core.trace.Tracer;

/**
 * Frames per second of the whole model on the home-screen scenario at phone resolution (1080×2400, the packaged
 * scenario scaled ×2): per vsync the apps draw (the launcher's widget, the clock each second), SurfaceFlinger latches,
 * validates and works out the damage, and the display recomposes the screen. With damage tracking only the changed
 * pixels are recomposed; without it the whole screen is, every frame. One operation is one vsync (one frame: the
 * launcher animates every frame).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HomeScreenBench {

    static final int FRAMES = 30;

    /** A home screen running for as long as the benchmark wants frames. */
    public abstract static class Home {
        Simulation.Running sim;
        long vsync;

        abstract boolean damageTracking();

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            CompositorScenario s = Scenarios.load("home-screen").scaled(2).withDamageTracking(damageTracking());
            sim = Simulation.start(s, 1, Hosts.REFERENCE, Tracer.off(), List.of(), 100_000_000L);
            vsync = 10;
            sim.runThroughVsync(vsync);
        }

        void frames(int n) {
            vsync += n;
            sim.runThroughVsync(vsync);
        }
    }

    @State(Scope.Thread)
    public static class WithDamage extends Home {
        @Override
        boolean damageTracking() {
            return true;
        }
    }

    @State(Scope.Thread)
    public static class WithoutDamage extends Home {
        @Override
        boolean damageTracking() {
            return false;
        }
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void withDamageTracking(WithDamage h) {
        h.frames(FRAMES);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void withoutDamageTracking(WithoutDamage h) {
        h.frames(FRAMES);
    }
}
