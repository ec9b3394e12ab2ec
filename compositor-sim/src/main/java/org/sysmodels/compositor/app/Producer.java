package org.sysmodels.compositor.app;

import java.util.HashMap;
import java.util.Map;
import org.sysmodels.compositor.model.BufferQueue;
import org.sysmodels.compositor.model.CompositorObserver;
import org.sysmodels.compositor.model.Fence;
import org.sysmodels.compositor.model.FrameTimeline;
import org.sysmodels.compositor.model.QueueOutcome;
import org.sysmodels.compositor.model.QueueStatus;
import org.sysmodels.compositor.model.VsyncSchedule;
import org.sysmodels.compositor.pixel.Image;
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
 * buffer's age (EGL_EXT_buffer_age), everything for a new buffer. It draws premultiplied colour, or straight colour
 * for a layer that blends as COVERAGE. Bug labs subclass it ({@code host/labs}) through {@link #writeTime},
 * {@link #acquireTime} and {@link #canvas}.
 */
public class Producer implements LayerProducer {

    /** Time costs of one frame and, for timer mode, the frame interval (0: driven by Choreographer). */
    public record Timing(Distribution ui, Distribution render, Distribution gpu, long timerInterval,
                         int spikeEvery, long spike) {
    }

    private final String name;
    private final App app;
    private final BufferQueue queue;
    private final Scheduler scheduler;
    private final VsyncSchedule vsync;
    private final RandomStream random;
    private final Timing timing;
    private final boolean straightAlpha;
    private final FrameTimeline timeline;
    private final CompositorObserver observer;
    private final AppContext.WriteListener writes;
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

    /**
     * @param straightAlpha the app draws straight (not premultiplied) colour: right for a COVERAGE layer
     */
    public Producer(String name, App app, BufferQueue queue, RandomStream random, Timing timing,
                    boolean straightAlpha, AppContext context) {
        this.name = name;
        this.app = app;
        this.queue = queue;
        this.scheduler = context.scheduler();
        this.vsync = context.vsync();
        this.random = random;
        this.timing = timing;
        this.straightAlpha = straightAlpha;
        this.timeline = context.timeline();
        this.observer = context.observer();
        this.writes = context.writes();
        this.tracer = context.tracer();
        this.renderTrack = tracer.track("app " + name, "RenderThread");
        this.queueTrack = tracer.track("BufferQueue " + name, "slots");
        queue.setProducerListener(() -> {
            if (blocked) {
                scheduler.at(scheduler.now(), this::dequeue);
            }
        });
    }

    /**
     * When the frame's pixels are written into the dequeued buffer: when the GPU starts, which is after the
     * buffer's release fence has signalled ({@code gpuStart} = max(commands flushed, release fence)).
     */
    protected long writeTime(long dequeuedAt, long gpuStart) {
        return gpuStart;
    }

    /** When the queued buffer's acquire fence signals: when the GPU has finished drawing. */
    protected long acquireTime(long flushedAt, long gpuEnd) {
        return gpuEnd;
    }

    /** The canvas the app draws a frame with, clipped to the part that must be redrawn. */
    protected Canvas canvas(Image buffer, Rect dirty) {
        return new Canvas(buffer, dirty, straightAlpha);
    }

    /** Timer-mode producers start themselves; Choreographer-driven ones wait for {@link #onAppVsync}. */
    @Override
    public void start(long at) {
        if (timing.timerInterval() > 0) {
            scheduler.at(at, this::timerTick);
        }
    }

    @Override
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
            observer.onQueueCallRefused(name, (QueueOutcome.Refused) o, now);
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
        long writeAt = writeTime(now, gpuStart);
        gpuEnd = acquireTime(post, gpuEnd);
        long timeNs = vsync.vsync(vsyncId);
        scheduler.at(writeAt, () -> {
            app.draw(canvas(d.buffer().image(), dirty), frame, timeNs);
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
            observer.onQueueCallRefused(name, (QueueOutcome.Refused) o, now);
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
