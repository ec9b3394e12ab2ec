package org.sysmodels.compositor.host.labs;

import java.util.List;
import org.sysmodels.compositor.model.CompositionEngine;
import org.sysmodels.compositor.model.CompositorObserver;
import org.sysmodels.compositor.model.CostModel;
import org.sysmodels.compositor.model.Fence;
import org.sysmodels.compositor.model.FrameTimeline;
import org.sysmodels.compositor.model.Hwc2Display;
import org.sysmodels.compositor.model.Layer;
import org.sysmodels.compositor.model.SurfaceFlinger;
import org.sysmodels.compositor.model.VsyncSchedule;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.trace.Tracer;

/**
 * Bug lab {@code starvation}: a consumer that never calls releaseBuffer. Every latched buffer stays ACQUIRED, the
 * producer soon finds no FREE slot and waits in dequeueBuffer for ever: the app freezes on its last frame.
 */
public final class NeverReleases extends SurfaceFlinger {

    public NeverReleases(Scheduler scheduler, VsyncSchedule vsync, Hwc2Display hwc, List<Layer> layers,
                         CostModel cost, RandomStream random, Options options, CompositionEngine engine,
                         FrameTimeline timeline, CompositorObserver observer, Tracer tracer) {
        super(scheduler, vsync, hwc, layers, cost, random, options, engine, timeline, observer, tracer);
    }

    @Override
    protected void releaseBuffer(Layer layer, int slot, Fence releaseFence) {
        // The mistake: the buffer the new one replaced is kept, so its slot never comes back FREE.
    }
}
