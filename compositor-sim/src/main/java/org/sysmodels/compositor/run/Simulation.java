package org.sysmodels.compositor.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sysmodels.compositor.app.AppContext;
import org.sysmodels.compositor.app.LayerProducer;
import org.sysmodels.compositor.app.Producer;
import org.sysmodels.compositor.check.CompositorCheck;
import org.sysmodels.compositor.check.LayerErrorCheck;
import org.sysmodels.compositor.check.PremultipliedCheck;
import org.sysmodels.compositor.check.QueueCallCheck;
import org.sysmodels.compositor.check.QueueInvariantCheck;
import org.sysmodels.compositor.check.ReleaseFenceCheck;
import org.sysmodels.compositor.check.StarvationCheck;
import org.sysmodels.compositor.check.TearCheck;
import org.sysmodels.compositor.model.BufferQueue;
import org.sysmodels.compositor.model.Composition;
import org.sysmodels.compositor.model.CompositionEngine;
import org.sysmodels.compositor.model.CompositorObserver;
import org.sysmodels.compositor.model.CostModel;
import org.sysmodels.compositor.model.FrameTimeline;
import org.sysmodels.compositor.model.Hwc2Display;
import org.sysmodels.compositor.model.Layer;
import org.sysmodels.compositor.model.LayerSettings;
import org.sysmodels.compositor.model.Plane;
import org.sysmodels.compositor.model.SurfaceFlinger;
import org.sysmodels.compositor.model.VsyncSchedule;
import org.sysmodels.compositor.scenario.AppKind;
import org.sysmodels.compositor.scenario.CompositorScenario;
import org.sysmodels.compositor.scenario.LayerEvent;
import org.sysmodels.compositor.scenario.LayerSpec;
import org.sysmodels.compositor.scenario.PlaneSpec;
import org.sysmodels.core.check.Checker;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.run.Progress;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.student.StudentFault;
import org.sysmodels.core.trace.Tracer;

/**
 * Builds a run from a scenario (display, planes, layers with their BufferQueues and producers, SurfaceFlinger, the
 * checks) and runs it on the sim-core scheduler for the scenario's number of vsyncs. Who plays the host side (the
 * reference, a bug lab's variant, a student's app) is given as {@link Hosts}. A run is a pure function of the
 * scenario, the seed and the hosts.
 */
public final class Simulation {

    /** Everything a run leaves behind. */
    public record Outcome(CompositorScenario scenario, VsyncSchedule vsync, FrameTimeline timeline,
                          Checker<CompositorCheck> checker, ValidationLog validations, SurfaceFlinger surfaceFlinger,
                          List<Layer> layers, Map<String, LayerProducer> producers, CompositionEngine engine,
                          long wallNanos) {

        public Findings findings() {
            return checker.findings();
        }
    }

    /** A simulation that has been set up and can be advanced vsync by vsync (for benchmarks). */
    public static final class Running {
        private final Scheduler scheduler;
        private final VsyncSchedule vsync;
        private final Outcome parts;

        private Running(Scheduler scheduler, VsyncSchedule vsync, Outcome parts) {
            this.scheduler = scheduler;
            this.vsync = vsync;
            this.parts = parts;
        }

        /** Runs every event up to and including vsync k. */
        public void runThroughVsync(long k) {
            scheduler.runUntil(vsync.vsync(k));
        }

        /** Virtual time now. */
        public long now() {
            return scheduler.now();
        }

        public Outcome outcome(long wallNanos) {
            return new Outcome(parts.scenario(), vsync, parts.timeline(), parts.checker(), parts.validations(),
                    parts.surfaceFlinger(), parts.layers(), parts.producers(), parts.engine(), wallNanos);
        }
    }

    private Simulation() {
    }

    /** The reference run of {@code s}. */
    public static Outcome run(CompositorScenario s, long seed, Tracer tracer, List<CompositorObserver> observers) {
        return run(s, seed, Hosts.REFERENCE, tracer, observers);
    }

    public static Outcome run(CompositorScenario s, long seed, Hosts hosts, Tracer tracer,
                              List<CompositorObserver> observers) {
        return run(s, seed, hosts, tracer, observers, Progress.NONE);
    }

    /**
     * Runs {@code s} to its last vsync with {@code hosts} on the host side, telling {@code progress} how far it has
     * got every hundredth of the run (running in steps changes nothing: each step runs the events up to a vsync). When
     * the hosts' code throws (a student's app), the run ends there: the exception becomes a finding on the code's
     * line and what was measured is kept.
     *
     * @param observers extra observers (a frame recorder)
     */
    public static Outcome run(CompositorScenario s, long seed, Hosts hosts, Tracer tracer,
                              List<CompositorObserver> observers, Progress progress) {
        long t0 = System.nanoTime();
        Running r = start(s, seed, hosts, tracer, observers, s.vsyncs());
        try {
            int step = Math.max(1, s.vsyncs() / 100);
            for (long k = step; k < s.vsyncs(); k += step) {
                r.runThroughVsync(k);
                progress.report((double) k / s.vsyncs(), "vsyncs");
            }
            r.runThroughVsync(s.vsyncs());
            r.parts.checker().finish(r.now());
        } catch (RuntimeException | StackOverflowError | AssertionError e) {
            if (StudentFault.firstFrame(e).isEmpty()) {
                throw e;
            }
            r.parts.findings().add(StudentFault.of(e, "app", r.now()));
        }
        return r.outcome(System.nanoTime() - t0);
    }

    /** Sets a run up without running it; VSYNC ticks until {@code lastVsync}. */
    public static Running start(CompositorScenario s, long seed, Hosts hosts, Tracer tracer,
                                List<CompositorObserver> observers, long lastVsync) {
        Scheduler scheduler = new Scheduler();
        RandomStreams random = new RandomStreams(seed);
        VsyncSchedule vsync = VsyncSchedule.ofRate(s.refreshHz());
        List<Plane> planes = s.planes() == null ? Plane.typical() : s.planes().stream().map(PlaneSpec::plane).toList();
        Hwc2Display hwc = new Hwc2Display(s.width(), s.height(), planes, s.hwcColorTransform());
        CompositionEngine engine = new CompositionEngine();
        FrameTimeline timeline = new FrameTimeline();
        Findings findings = new Findings();
        ValidationLog validations = new ValidationLog();

        List<Layer> layers = new ArrayList<>();
        List<BufferQueue> queues = new ArrayList<>();
        Map<String, Layer> byName = new HashMap<>();
        for (LayerSpec spec : s.layers()) {
            Layer l = spec.app() == AppKind.COLOR
                    ? new Layer(spec.name(), null, settings(spec).withColor(spec.argb()))
                    : new Layer(spec.name(), new BufferQueue(spec.name(), spec.bufferWidth(), spec.bufferHeight(),
                    spec.buffers() - 1, spec.mailbox()), settings(spec));
            layers.add(l);
            byName.put(l.name(), l);
            if (l.queue() != null) {
                queues.add(l.queue());
            }
        }
        List<CompositorCheck> checks = List.of(new ReleaseFenceCheck(findings), new TearCheck(findings),
                new StarvationCheck(findings, 4 * vsync.period()), new PremultipliedCheck(findings),
                new QueueInvariantCheck(findings, queues), new QueueCallCheck(findings),
                new LayerErrorCheck(findings));
        Checker<CompositorCheck> checker = new Checker<>(checks, findings);
        List<CompositorObserver> all = new ArrayList<>(checks);
        all.add(validations);
        all.addAll(observers);
        CompositorObserver observer = CompositorObserver.all(all);

        CostModel d = CostModel.defaults();
        CostModel cost = new CostModel(s.sfCpu() != null ? s.sfCpu() : d.sfCpuBase(), d.sfCpuPerLayer(),
                d.sfCpuClient(), d.gpuFixed(), s.gpuNsPerPixel() != null ? s.gpuNsPerPixel() : d.gpuNsPerPixel(),
                d.hwcLatency(), s.sfSpikeEvery(), s.sfSpike());
        SurfaceFlinger sf = hosts.surfaceFlinger(scheduler, vsync, hwc, layers, cost, random.stream("surfaceflinger"),
                new SurfaceFlinger.Options(s.damageTracking(), s.colorTransform()), engine, timeline, observer,
                tracer);

        AppContext context = new AppContext(scheduler, vsync, timeline, observer,
                (layer, buffer, when, releaseFence) -> {
                    observer.onBufferWritten(layer, buffer, when, releaseFence);
                    int row = sf.display().writtenDuringScanout(buffer.image(), when);
                    if (row >= 0) {
                        observer.onTorn(layer, buffer, row, s.height(), when);
                    }
                }, tracer);
        Map<String, LayerProducer> producers = new HashMap<>();
        for (LayerSpec spec : s.layers()) {
            Layer l = byName.get(spec.name());
            if (l.queue() == null) {
                continue;
            }
            long interval = spec.fps() == null ? 0 : Math.round(1e9 / spec.fps());
            LayerProducer p = hosts.producer(spec, l.queue(), random.stream("app/" + spec.name()),
                    new Producer.Timing(spec.ui(), spec.render(), spec.gpu(), interval, spec.spikeEvery(),
                            spec.spike()), context);
            sf.addApp(p);
            p.start(0);
            producers.put(spec.name(), p);
        }
        for (LayerEvent e : s.events()) {
            Layer l = byName.get(e.layer());
            scheduler.at(vsync.sfWake(e.at()) - 1, () -> {
                apply(e, l);
                sf.invalidate();
            });
        }
        sf.start(lastVsync);
        return new Running(scheduler, vsync, new Outcome(s, vsync, timeline, checker, validations, sf, layers,
                producers, engine, 0));
    }

    static LayerSettings settings(LayerSpec spec) {
        LayerSettings ls = LayerSettings.at(spec.frame().rect()).withTransform(spec.transform())
                .withBlend(spec.blend()).withPlaneAlpha(spec.planeAlpha());
        ls = new LayerSettings(spec.crop() == null ? null : spec.crop().crop(), ls.frame(), ls.transform(),
                ls.blend(), ls.planeAlpha(), spec.filter(), 0, spec.requestClient() ? Composition.CLIENT
                : Composition.DEVICE);
        return ls;
    }

    private static void apply(LayerEvent e, Layer l) {
        LayerSettings s = l.settings();
        if (e.frame() != null) {
            s = s.withFrame(e.frame().rect());
        }
        if (e.crop() != null) {
            s = s.withCrop(e.crop().crop());
        }
        if (e.transform() != null) {
            s = s.withTransform(e.transform());
        }
        if (e.planeAlpha() != null) {
            s = s.withPlaneAlpha(e.planeAlpha());
        }
        if (e.blend() != null) {
            s = s.withBlend(e.blend());
        }
        l.setSettings(s);
        if (e.visible() != null) {
            l.setVisible(e.visible());
        }
        if (e.buffer() != null && l.queue() != null) {
            l.queue().setDefaultBufferSize(e.buffer().w(), e.buffer().h());
        }
    }
}
