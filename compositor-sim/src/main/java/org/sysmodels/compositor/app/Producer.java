package org.sysmodels.compositor.app;

import java.util.HashMap;
import java.util.Map;
import org.sysmodels.compositor.model.BufferQueue;
import org.sysmodels.compositor.model.CompositorObserver;
import org.sysmodels.compositor.model.Fence;
import org.sysmodels.compositor.model.FrameTimeline;
import org.sysmodels.compositor.model.QueueOutcome;
import org.sysmodels.compositor.model.QueueStatus;
import org.sysmodels.compositor.model.SurfaceFlinger;
import org.sysmodels.compositor.model.VsyncSchedule;
import org.sysmodels.compositor.pixel.Rect;
import org.sysmodels.compositor.pixel.Region;
import org.sysmodels.core.random.Distribution;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.core.trace.Track;

/**
 * An app's rendering loop, after Android's Choreographer (UI thread) and HWUI's RenderThread. At its Choreographer
 * callback the app runs doFrame on the UI thread (time {@code ui}), then the RenderThread dequeues a buffer (waiting
 * while none is FREE), records and flushes the GPU commands ({@code render}) and queues the buffer; the GPU starts
 * once the commands are flushed and the buffer's release fence has signalled, and takes {@code gpu}; the acquire
 * fence signals when it is done. Callbacks that arrive while a frame is still in flight are skipped. A producer in
 * timer mode (a video decoder, a game) starts frames at its own rate instead.
 *
 * <p>The app redraws only what changed since the buffer's contents were current: the union of its damage over the
 * buffer's age (EGL_EXT_buffer_age), everything for a new buffer. Two bugs can be switched on: writing the buffer
 * with the CPU right after dequeueBuffer, without waiting for the release fence (tearing), and drawing straight
 * instead of premultiplied colours (the halo).
 */
public final class Producer implements SurfaceFlinger.AppCallback {

    /** Time costs of one frame and, for timer mode, the frame interval (0: driven by Choreographer). */
    public record Timing(Distribution ui, Distribution render, Distribution gpu, long timerInterval,
                         int spikeEvery, long spike) {
    }

    /**
     * How the app draws: straight colour (right for a COVERAGE layer; for a PREMULTIPLIED one it is the halo lab's
     * bug), and whether it writes before the release fence (the tearing lab's bug).
     */
    public record Bugs(boolean writeBeforeReleaseFence, boolean straightAlpha) {
        public static final Bugs NONE = new Bugs(false, false);
    }

    /** Told when a buffer is written, so the display can paint a tear and the checks can judge the fence. */
    public interface WriteListener {
        void onWrite(String layer, org.sysmodels.compositor.model.GraphicBuffer buffer, long when, Fence fence);
    }

    private final String name;
    private final App app;
    private final BufferQueue queue;
    private final Scheduler scheduler;
    private final VsyncSchedule vsync;
    private final RandomStream random;
    private final Timing timing;
    private final Bugs bugs;
    private final FrameTimeline timeline;
    private final CompositorObserver observer;
    private final WriteListener writes;
    private final Tracer tracer;
    private final Track renderTrack;
    private final Track queueTrack;
    private final Map<Long, Rect> damageOf = new HashMap<>();

    private boolean busy;
    private boolean blocked;
    private long blockedSince;
    private long frames;
    private long skipped;
    private long started;
    private long vsyncId;
    private int drawnWidth;
    private int drawnHeight;

    public Producer(String name, App app, BufferQueue queue, Scheduler scheduler, VsyncSchedule vsync,
                    RandomStream random, Timing timing, Bugs bugs, FrameTimeline timeline,
                    CompositorObserver observer, WriteListener writes, Tracer tracer) {
        this.name = name;
        this.app = app;
        this.queue = queue;
        this.scheduler = scheduler;
        this.vsync = vsync;
        this.random = random;
        this.timing = timing;
        this.bugs = bugs;
        this.timeline = timeline;
        this.observer = observer;
        this.writes = writes;
        this.tracer = tracer;
        this.renderTrack = tracer.track("app " + name, "RenderThread");
        this.queueTrack = tracer.track("BufferQueue " + name, "slots");
        queue.setProducerListener(() -> {
            if (blocked) {
                scheduler.at(scheduler.now(), this::dequeue);
            }
        });
    }

    /** Timer-mode producers start themselves; Choreographer-driven ones wait for {@link #onAppVsync}. */
    public void start(long at) {
        if (timing.timerInterval() > 0) {
            scheduler.at(at, this::timerTick);
        }
    }

    public long framesQueued() {
        return frames;
    }

    public long framesSkipped() {
        return skipped;
    }

    @Override
    public void onAppVsync(long targetVsync) {
        if (timing.timerInterval() > 0) {
            return;
        }
        begin(targetVsync);
    }

    private void timerTick() {
        long now = scheduler.now();
        begin(vsync.vsyncAtOrAfter(now + vsync.appDuration() + vsync.sfDuration()));
        scheduler.at(now + timing.timerInterval(), this::timerTick);
    }

    private void begin(long target) {
        long now = scheduler.now();
        if (busy) {
            skipped++;
            return;
        }
        boolean resized = queue.width() != drawnWidth || queue.height() != drawnHeight;
        if (!app.wantsFrame(frames, vsync.vsync(target)) && !resized) {
            return;
        }
        drawnWidth = queue.width();
        drawnHeight = queue.height();
        busy = true;
        started = now;
        vsyncId = target;
        long ui = timing.ui().sample(random);
        if (timing.spikeEvery() > 0 && (frames + 1) % timing.spikeEvery() == 0) {
            ui += timing.spike();
        }
        scheduler.at(now + ui, this::dequeue);
    }

    private void dequeue() {
        long now = scheduler.now();
        QueueOutcome o = queue.dequeue();
        if (o instanceof QueueOutcome.Refused r && r.status() == QueueStatus.WOULD_BLOCK) {
            if (!blocked) {
                blocked = true;
                blockedSince = now;
                watchBlocked();
            }
            return;
        }
        if (blocked) {
            tracer.complete(renderTrack, "dequeueBuffer (blocked)", blockedSince, now);
            blocked = false;
        }
        if (!(o instanceof QueueOutcome.Dequeued d)) {
            observer.onLayerErrors(java.util.List.of(name + ": " + ((QueueOutcome.Refused) o).message()), now);
            busy = false;
            return;
        }
        long frame = frames + 1;
        damageOf.put(frame, app.damage(frame, queue.width(), queue.height()));
        damageOf.remove(frame - 64);
        Rect dirty = dirty(frame, d.bufferAge());
        long post = now + timing.render().sample(random);
        long gpuStart = Math.max(post, d.releaseFence().signalTime());
        long gpuEnd = gpuStart + timing.gpu().sample(random);
        long writeAt = bugs.writeBeforeReleaseFence() ? now : gpuStart;
        if (bugs.writeBeforeReleaseFence()) {
            gpuEnd = post;
        }
        long timeNs = vsync.vsync(vsyncId);
        scheduler.at(writeAt, () -> {
            app.draw(new Canvas(d.buffer().image(), dirty, bugs.straightAlpha()), frame, timeNs);
            writes.onWrite(name, d.buffer(), scheduler.now(), d.releaseFence());
        });
        long acquire = gpuEnd;
        long id = vsyncId;
        scheduler.at(post, () -> queueBuffer(d.slot(), frame, acquire, id));
    }

    private void queueBuffer(int slot, long frame, long acquireAt, long id) {
        long now = scheduler.now();
        Rect damage = damageOf.get(frame);
        QueueOutcome o = queue.queue(slot, Fence.at(name + " GPU done", acquireAt), Region.of(damage), now, id);
        if (o instanceof QueueOutcome.Queued q) {
            frames = q.frameNumber();
            timeline.onQueued(new FrameTimeline.Queued(name, id, q.frameNumber(), vsync.appStart(id),
                    vsync.appDeadline(id), vsync.vsync(id), started, Math.max(now, acquireAt)));
            if (q.droppedFrameNumber() > 0) {
                timeline.onDropped(name, q.droppedFrameNumber());
            }
            tracer.complete(renderTrack, "frame " + q.frameNumber(), started, now, "vsync", id);
            tracer.instant(queueTrack, "queueBuffer", now, "frame", q.frameNumber());
            tracer.counter(queueTrack, "queued buffers", now, queue.count(
                    org.sysmodels.compositor.model.SlotState.Queued.class));
        } else {
            observer.onLayerErrors(java.util.List.of(name + ": " + ((QueueOutcome.Refused) o).message()), now);
        }
        busy = false;
    }

    /** The region to redraw in a buffer whose contents are {@code age} frames old (0: unknown, all of it). */
    private Rect dirty(long frame, int age) {
        Rect all = Rect.ofSize(queue.width(), queue.height());
        if (age <= 0 || age > 60) {
            return all;
        }
        Rect d = Rect.EMPTY;
        for (long f = frame - age + 1; f <= frame; f++) {
            Rect r = damageOf.get(f);
            if (r == null) {
                return all;
            }
            d = d.bounds(r);
        }
        return d;
    }

    private void watchBlocked() {
        scheduler.after(vsync.period(), () -> {
            if (blocked) {
                observer.onDequeueBlocked(name, queue, blockedSince, scheduler.now());
                watchBlocked();
            }
        });
    }
}
