package org.sysmodels.compositor.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sysmodels.compositor.app.Producer;
import org.sysmodels.compositor.check.FenceCheck;
import org.sysmodels.compositor.check.LayerErrorCheck;
import org.sysmodels.compositor.check.PremultipliedCheck;
import org.sysmodels.compositor.check.QueueInvariantCheck;
import org.sysmodels.compositor.check.StarvationCheck;
import org.sysmodels.compositor.model.BlendMode;
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
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.trace.Tracer;

/**
 * Builds a run from a scenario (display, planes, layers with their BufferQueues and producers, SurfaceFlinger, the
 * checks) and runs it on the sim-core scheduler for the scenario's number of vsyncs. A run is a pure function of the
 * scenario, the seed and the bug lab.
 */
public final class Simulation {

    /** Everything a run leaves behind. */
    public record Outcome(CompositorScenario scenario, VsyncSchedule vsync, FrameTimeline timeline, Findings findings,
                          ValidationLog validations, SurfaceFlinger surfaceFlinger, List<Layer> layers,
                          Map<String, Producer> producers, CompositionEngine engine, long wallNanos) {
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

        public Outcome outcome(long wallNanos) {
            return new Outcome(parts.scenario(), vsync, parts.timeline(), parts.findings(), parts.validations(),
                    parts.surfaceFlinger(), parts.layers(), parts.producers(), parts.engine(), wallNanos);
        }
    }

    private Simulation() {
    }

    /**
     * @param bug       a bug lab to switch on, or null
     * @param observers extra observers (a frame recorder)
     */
    public static Outcome run(CompositorScenario s, long seed, BugLab bug, Tracer tracer,
                              List<CompositorObserver> observers) {
        long t0 = System.nanoTime();
        Running r = start(s, seed, bug, tracer, observers, s.vsyncs());
        r.runThroughVsync(s.vsyncs());
        return r.outcome(System.nanoTime() - t0);
    }

    /** Sets a run up without running it; VSYNC ticks until {@code lastVsync}. */
    public static Running start(CompositorScenario s, long seed, BugLab bug, Tracer tracer,
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
        FenceCheck fence = new FenceCheck(findings);
        List<CompositorObserver> all = new ArrayList<>(List.of(fence, new StarvationCheck(findings,
                4 * vsync.period()), new PremultipliedCheck(findings), new QueueInvariantCheck(findings, queues),
                new LayerErrorCheck(findings), validations));
        all.addAll(observers);
        CompositorObserver observer = CompositorObserver.all(all);

        CostModel d = CostModel.defaults();
        CostModel cost = new CostModel(s.sfCpu() != null ? s.sfCpu() : d.sfCpuBase(), d.sfCpuPerLayer(),
                d.sfCpuClient(), d.gpuFixed(), s.gpuNsPerPixel() != null ? s.gpuNsPerPixel() : d.gpuNsPerPixel(),
                d.hwcLatency(), s.sfSpikeEvery(), s.sfSpike());
        SurfaceFlinger sf = new SurfaceFlinger(scheduler, vsync, hwc, layers, cost, random.stream("surfaceflinger"),
                new SurfaceFlinger.Options(s.damageTracking(), s.colorTransform(), bug == BugLab.STARVATION), engine,
                timeline, observer, tracer);

        Map<String, Producer> producers = new HashMap<>();
        for (LayerSpec spec : s.layers()) {
            Layer l = byName.get(spec.name());
            if (l.queue() == null) {
                continue;
            }
            boolean buggy = bug != null && spec.name().equals(bug.layer());
            boolean straight = spec.blend() == BlendMode.COVERAGE || (buggy && bug == BugLab.HALO);
            Producer.Bugs bugs = new Producer.Bugs(buggy && bug == BugLab.TEARING, straight);
            long interval = spec.fps() == null ? 0 : Math.round(1e9 / spec.fps());
            Producer p = new Producer(spec.name(), Apps.create(spec), l.queue(), scheduler, vsync,
                    random.stream("app/" + spec.name()), new Producer.Timing(spec.ui(), spec.render(), spec.gpu(),
                    interval, spec.spikeEvery(), spec.spike()), bugs, timeline, observer,
                    (layer, buffer, when, releaseFence) -> {
                        observer.onBufferWritten(layer, buffer, when, releaseFence);
                        int row = sf.display().writtenDuringScanout(buffer.image(), when);
                        if (row >= 0) {
                            fence.onTear(layer, buffer, row, s.height(), when);
                        }
                    }, tracer);
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
        return new Running(scheduler, vsync, new Outcome(s, vsync, timeline, findings, validations, sf, layers,
                producers, engine, 0));
    }

    static LayerSettings settings(LayerSpec spec) {
        LayerSettings ls = LayerSettings.at(spec.frame().rect()).withTransform(spec.transform())
                .withBlend(spec.blend()).withPlaneAlpha(spec.planeAlpha());
        ls = new LayerSettings(spec.crop() == null ? null : spec.crop().rect(), ls.frame(), ls.transform(),
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
            s = s.withCrop(e.crop().rect());
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
