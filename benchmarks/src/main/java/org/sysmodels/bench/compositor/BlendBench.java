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
import org.openjdk.jmh.infra.Blackhole;
import org.sysmodels.compositor.model.CompositionEngine;
import org.sysmodels.compositor.model.CompositionLayer;
import org.sysmodels.compositor.pixel.Image;

/**
 * SRC_OVER of 8 full-screen 1920×1080 premultiplied layers on one core (issue: ≥ 1.0× pixman's Mpix/s and ≥ 5×
 * Java2D's AlphaComposite.SrcOver). The score is layer-pixels per second: one operation is one layer-pixel, so a frame
 * counts 8 × 1920 × 1080. compositor-sim's engine (Vector API kernels, tiled pass), pixman through JNI and Java2D run
 * the same workload ({@link BlendWorkload}) in the same JMH run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC", "--add-modules", "jdk.incubator.vector",
        "-Djava.awt.headless=true"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BlendBench {

    private static final int PER_FRAME = (int) BlendWorkload.LAYER_PIXELS;

    /** One kind of content with its three compositors. */
    public abstract static class Content {
        BlendWorkload workload;
        List<CompositionLayer> layers;
        CompositionEngine engine;
        Image target;
        PixmanPeer pixman;
        Java2dPeer java2d;

        abstract boolean translucent();

        @Setup(Level.Trial)
        public void setUp() {
            workload = new BlendWorkload(translucent());
            layers = workload.compositionLayers();
            engine = new CompositionEngine();
            target = new Image(BlendWorkload.WIDTH, BlendWorkload.HEIGHT);
            java2d = new Java2dPeer(workload);
        }

        PixmanPeer pixman() {
            if (pixman == null) {
                pixman = new PixmanPeer(workload);
            }
            return pixman;
        }
    }

    @State(Scope.Thread)
    public static class Ui extends Content {
        @Override
        boolean translucent() {
            return false;
        }
    }

    @State(Scope.Thread)
    public static class Translucent extends Content {
        @Override
        boolean translucent() {
            return true;
        }
    }

    private static int[] engineFrame(Content c) {
        c.engine.compose(c.layers, c.target, BlendWorkload.BACKGROUND);
        return c.target.pixels();
    }

    @Benchmark
    @OperationsPerInvocation(PER_FRAME)
    public void engineUi(Ui c, Blackhole bh) {
        bh.consume(engineFrame(c));
    }

    @Benchmark
    @OperationsPerInvocation(PER_FRAME)
    public void pixmanUi(Ui c) {
        c.pixman().frame();
    }

    @Benchmark
    @OperationsPerInvocation(PER_FRAME)
    public void java2dUi(Ui c) {
        c.java2d.frame();
    }

    @Benchmark
    @OperationsPerInvocation(PER_FRAME)
    public void engineTranslucent(Translucent c, Blackhole bh) {
        bh.consume(engineFrame(c));
    }

    @Benchmark
    @OperationsPerInvocation(PER_FRAME)
    public void pixmanTranslucent(Translucent c) {
        c.pixman().frame();
    }

    @Benchmark
    @OperationsPerInvocation(PER_FRAME)
    public void java2dTranslucent(Translucent c) {
        c.java2d.frame();
    }
}
