package org.sysmodels.compositor.run;

import java.util.List;
import org.sysmodels.compositor.app.AppContext;
import org.sysmodels.compositor.app.LayerProducer;
import org.sysmodels.compositor.app.Producer;
import org.sysmodels.compositor.check.PremultipliedCheck;
import org.sysmodels.compositor.check.ReleaseFenceCheck;
import org.sysmodels.compositor.check.StarvationCheck;
import org.sysmodels.compositor.host.labs.DrawsStraightAlpha;
import org.sysmodels.compositor.host.labs.NeverReleases;
import org.sysmodels.compositor.host.labs.WritesBeforeReleaseFence;
import org.sysmodels.compositor.model.BlendMode;
import org.sysmodels.compositor.model.BufferQueue;
import org.sysmodels.compositor.model.CompositionEngine;
import org.sysmodels.compositor.model.CompositorObserver;
import org.sysmodels.compositor.model.CostModel;
import org.sysmodels.compositor.model.FrameTimeline;
import org.sysmodels.compositor.model.Hwc2Display;
import org.sysmodels.compositor.model.Layer;
import org.sysmodels.compositor.model.SurfaceFlinger;
import org.sysmodels.compositor.model.VsyncSchedule;
import org.sysmodels.compositor.scenario.LayerSpec;
import org.sysmodels.core.lab.BugLab;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.trace.Tracer;

/**
 * A bug lab of {@code sim compositor}: a variant of the host code beside the reference (a producer
 * subclass or a consumer that never releases, in {@code host/labs}), the packaged scenario made to show it, and the
 * rule that must catch it ({@link #ALL} lists them).
 *
 * @param scenario the packaged scenario the lab runs unless the user gives another
 * @param layer    the layer whose producer is the buggy one, or null when the bug is in the consumer
 */
public record CompositorLab(BugLab lab, String scenario, String layer, Hosts hosts) {

    public static final CompositorLab TEARING = new CompositorLab(new BugLab("tearing",
            "the app writes its buffer with the CPU right after dequeueBuffer, without waiting for the release "
                    + "fence: the display is still scanning that buffer out and the screen tears",
            ReleaseFenceCheck.RULE, "wait on the release fence returned by dequeueBuffer before writing the buffer "
            + "(Surface::lock does; a GPU driver waits for it before the first draw)",
            List.of("scenario lab-tearing: the list is double buffered, so the buffer it gets back is the one just "
                    + "on screen")), "lab-tearing", "list",
            (spec, queue, random, timing, context) -> spec.name().equals("list")
                    ? new WritesBeforeReleaseFence(spec.name(), Apps.create(spec), queue, random, timing,
                    spec.blend() == BlendMode.COVERAGE, context)
                    : Hosts.reference(spec, queue, random, timing, context));

    public static final CompositorLab STARVATION = new CompositorLab(new BugLab("starvation",
            "SurfaceFlinger never calls releaseBuffer: slots pile up ACQUIRED and the producer starves in "
                    + "dequeueBuffer", StarvationCheck.RULE,
            "release the buffer a newly latched one replaces, with the fence of its last reader (the present "
                    + "fence for a plane, the GPU's for client composition)"), "home-screen", null,
            new Hosts() {
                @Override
                public LayerProducer producer(LayerSpec spec, BufferQueue queue, RandomStream random,
                                              Producer.Timing timing, AppContext context) {
                    return Hosts.reference(spec, queue, random, timing, context);
                }

                @Override
                public SurfaceFlinger surfaceFlinger(Scheduler scheduler, VsyncSchedule vsync, Hwc2Display hwc,
                                                     List<Layer> layers, CostModel cost, RandomStream random,
                                                     SurfaceFlinger.Options options, CompositionEngine engine,
                                                     FrameTimeline timeline, CompositorObserver observer,
                                                     Tracer tracer) {
                    return new NeverReleases(scheduler, vsync, hwc, layers, cost, random, options, engine, timeline,
                            observer, tracer);
                }
            });

    public static final CompositorLab HALO = new CompositorLab(new BugLab("halo",
            "an app draws straight (non-premultiplied) colours into a layer whose blend mode is PREMULTIPLIED: soft "
                    + "edges get too much colour and glow", PremultipliedCheck.RULE,
            "multiply each colour channel by alpha before writing, or declare the layer COVERAGE",
            List.of("scenario lab-halo: soft-edged icons over a dark wallpaper")), "lab-halo", "icons",
            (spec, queue, random, timing, context) -> spec.name().equals("icons")
                    ? new DrawsStraightAlpha(spec.name(), Apps.create(spec), queue, random, timing, context)
                    : Hosts.reference(spec, queue, random, timing, context));

    public static final List<CompositorLab> ALL = List.of(TEARING, STARVATION, HALO);

    public static List<BugLab> labs() {
        return ALL.stream().map(CompositorLab::lab).toList();
    }

    public static CompositorLab byName(String name) {
        return ALL.stream().filter(l -> l.lab().name().equals(name)).findFirst().orElseThrow();
    }
}
