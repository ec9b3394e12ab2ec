package org.sysmodels.compositor.app;

import org.sysmodels.compositor.model.BufferQueue;
import org.sysmodels.compositor.model.VsyncSchedule;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.sched.Scheduler;

/**
 * Runs a {@link SurfaceApp} (a student's) on a layer in place of the reference {@link Producer}: Choreographer's
 * callback (or the layer's own frame clock) becomes {@link SurfaceApp#onFrame} after the layer's UI-thread time, and
 * a buffer coming back FREE becomes {@link SurfaceApp#onBufferReleased}. What the app's code throws propagates to
 * the run, which reports it as a finding on the app's line.
 */
public final class SurfaceProducer implements LayerProducer {

    private final SurfaceApp app;
    private final Surface surface;
    private final Scheduler scheduler;
    private final VsyncSchedule vsync;
    private final RandomStream random;
    private final Producer.Timing timing;
    private long callbacks;

    public SurfaceProducer(String name, SurfaceApp app, BufferQueue queue, RandomStream random,
                           Producer.Timing timing, boolean straightAlpha, AppContext context) {
        this.app = app;
        this.surface = new Surface(name, queue, straightAlpha, random, timing, context);
        this.scheduler = context.scheduler();
        this.vsync = context.vsync();
        this.random = random;
        this.timing = timing;
        queue.setProducerListener(() -> scheduler.at(scheduler.now(), () -> {
            surface.released();
            app.onBufferReleased(surface);
        }));
    }

    public Surface surface() {
        return surface;
    }

    @Override
    public long framesQueued() {
        return surface.framesQueued();
    }

    /** A layer with its own frame rate starts its clock; others wait for {@link #onAppVsync}. */
    @Override
    public void start(long at) {
        if (timing.timerInterval() > 0) {
            scheduler.at(at, this::timerTick);
        }
    }

    @Override
    public void onAppVsync(long targetVsync) {
        if (timing.timerInterval() == 0) {
            frame(targetVsync);
        }
    }

    private void timerTick() {
        long now = scheduler.now();
        frame(vsync.vsyncAtOrAfter(now + vsync.appDuration() + vsync.sfDuration()));
        scheduler.at(now + timing.timerInterval(), this::timerTick);
    }

    private void frame(long target) {
        long start = scheduler.now();
        long ui = timing.ui().sample(random);
        callbacks++;
        if (timing.spikeEvery() > 0 && callbacks % timing.spikeEvery() == 0) {
            ui += timing.spike();
        }
        VsyncFrame f = new VsyncFrame(target, vsync.vsync(target), vsync.appDeadline(target));
        scheduler.at(start + ui, () -> {
            surface.startFrame(target, start);
            app.onFrame(surface, f);
        });
    }
}
