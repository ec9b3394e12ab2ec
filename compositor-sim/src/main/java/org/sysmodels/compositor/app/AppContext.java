package org.sysmodels.compositor.app;

import org.sysmodels.compositor.model.CompositorObserver;
import org.sysmodels.compositor.model.FrameTimeline;
import org.sysmodels.compositor.model.GraphicBuffer;
import org.sysmodels.compositor.model.Fence;
import org.sysmodels.compositor.model.VsyncSchedule;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.trace.Tracer;

/**
 * What every producer of a run shares: the scheduler (virtual time), the display's VSYNC, FrameTimeline (told of
 * every queued frame), the observers (checks and recorders), whom to tell when a buffer is written, and the tracer.
 */
public record AppContext(Scheduler scheduler, VsyncSchedule vsync, FrameTimeline timeline,
                         CompositorObserver observer, WriteListener writes, Tracer tracer) {

    /** Told when a buffer is written, so the display can paint a tear and the checks can judge the fence. */
    @FunctionalInterface
    public interface WriteListener {
        /** {@code buffer} of {@code layer} was written at {@code when}; it was free once {@code fence} signalled. */
        void onWrite(String layer, GraphicBuffer buffer, long when, Fence fence);
    }
}
