package org.sysmodels.compositor.run;

import java.util.List;
import org.sysmodels.compositor.app.AppContext;
import org.sysmodels.compositor.app.LayerProducer;
import org.sysmodels.compositor.app.Producer;
import org.sysmodels.compositor.app.SurfaceApp;
import org.sysmodels.compositor.app.SurfaceProducer;
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
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.trace.Tracer;

/**
 * Who runs the host side of a run: the producer of each layer and the consumer (SurfaceFlinger). The reference
 * puts a {@link Producer} with the layer's drawing code on every layer; a bug lab swaps one producer or the
 * consumer for its buggy variant; a student's app takes one layer.
 */
public interface Hosts {

    /** The producer of a layer with a BufferQueue. */
    LayerProducer producer(LayerSpec spec, BufferQueue queue, RandomStream random, Producer.Timing timing,
                           AppContext context);

    /** SurfaceFlinger for the run (a bug lab may swap in a variant). */
    default SurfaceFlinger surfaceFlinger(Scheduler scheduler, VsyncSchedule vsync, Hwc2Display hwc,
                                          List<Layer> layers, CostModel cost, RandomStream random,
                                          SurfaceFlinger.Options options, CompositionEngine engine,
                                          FrameTimeline timeline, CompositorObserver observer, Tracer tracer) {
        return new SurfaceFlinger(scheduler, vsync, hwc, layers, cost, random, options, engine, timeline, observer,
                tracer);
    }

    /** The reference: every layer's app draws premultiplied colour, or straight colour for a COVERAGE layer. */
    Hosts REFERENCE = Hosts::reference;

    static LayerProducer reference(LayerSpec spec, BufferQueue queue, RandomStream random, Producer.Timing timing,
                                   AppContext context) {
        return new Producer(spec.name(), Apps.create(spec), queue, random, timing,
                spec.blend() == BlendMode.COVERAGE, context);
    }

    /** A student's app on the layer named {@code layer}, the reference everywhere else. */
    static Hosts student(SurfaceApp app, String layer) {
        return (spec, queue, random, timing, context) -> spec.name().equals(layer)
                ? new SurfaceProducer(spec.name(), app, queue, random, timing, spec.blend() == BlendMode.COVERAGE,
                context)
                : reference(spec, queue, random, timing, context);
    }
}
