package org.sysmodels.compositor.app;

import org.sysmodels.compositor.model.BufferQueue;
import org.sysmodels.compositor.model.Fence;
import org.sysmodels.compositor.model.FrameTimeline;
import org.sysmodels.compositor.model.QueueOutcome;
import org.sysmodels.compositor.model.QueueStatus;
import org.sysmodels.compositor.model.SlotState;
import org.sysmodels.compositor.model.VsyncSchedule;
import org.sysmodels.compositor.pixel.Rect;
import org.sysmodels.compositor.pixel.Region;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.core.trace.Track;

/**
 * The producer end of your layer's BufferQueue, as a {@link SurfaceApp} sees it (AOSP's {@code Surface}, an
 * {@code ANativeWindow}): dequeue a buffer, wait on its release fence, draw, queue it with the part that changed.
 * Each call goes to the BufferQueue model at the current virtual time; a call the queue refuses (queueing a buffer
 * twice, dequeuing more than maxDequeuedBufferCount once a buffer was queued) is reported to the checks and the run
 * goes on.
 */
public final class Surface {

    private final String name;
    private final BufferQueue queue;
    private final boolean straightAlpha;
    private final Scheduler scheduler;
    private final VsyncSchedule vsync;
    private final FrameTimeline timeline;
    private final AppContext context;
    private final RandomStream random;
    private final Producer.Timing timing;
    private final Track renderTrack;
    private final Track queueTrack;
    private final Tracer tracer;

    /** More waits on signalled fences at one virtual time than any frame needs: callbacks rescheduling forever. */
    static final int MAX_WAITS_AT_ONE_TIME = 10_000;

    private long sameTimeAt = Long.MIN_VALUE;
    private int sameTimeWaits;
    private boolean blocked;
    private long blockedSince;
    private long frames;
    private long frameVsync;
    private long frameStart;

    Surface(String name, BufferQueue queue, boolean straightAlpha, RandomStream random, Producer.Timing timing,
            AppContext context) {
        this.name = name;
        this.queue = queue;
        this.straightAlpha = straightAlpha;
        this.scheduler = context.scheduler();
        this.vsync = context.vsync();
        this.timeline = context.timeline();
        this.context = context;
        this.random = random;
        this.timing = timing;
        this.tracer = context.tracer();
        this.renderTrack = tracer.track("app " + name, "your app");
        this.queueTrack = tracer.track("BufferQueue " + name, "slots");
    }

    /** The layer's name. */
    public String name() {
        return name;
    }

    /** The buffer width the next dequeued buffer will have (it changes when the layer is resized or rotated). */
    public int width() {
        return queue.width();
    }

    public int height() {
        return queue.height();
    }

    /** Virtual time now, in ns. */
    public long now() {
        return scheduler.now();
    }

    /** Frames queued so far. */
    public long framesQueued() {
        return frames;
    }

    /**
     * dequeueBuffer: a FREE buffer for your frame, or null when none is FREE (you will hear
     * {@link SurfaceApp#onBufferReleased} when one comes back) or when, having queued a buffer before, you already
     * hold maxDequeuedBufferCount buffers (a mistake: INVALID_OPERATION, reported to the checks). Before your first
     * queueBuffer the limit does not apply, as in AOSP's {@code BufferQueueProducer::waitForFreeSlotThenRelock}: you
     * may take every FREE slot, but none comes back until you queue or cancel one.
     */
    public DequeuedBuffer dequeueBuffer() {
        long now = scheduler.now();
        QueueOutcome o = queue.dequeue();
        if (o instanceof QueueOutcome.Dequeued d) {
            endBlocked(now);
            return new DequeuedBuffer(d.buffer(), d.slot(), d.releaseFence(), d.bufferAge(), straightAlpha, this,
                    frameVsync, frameStart);
        }
        QueueOutcome.Refused r = (QueueOutcome.Refused) o;
        if (r.status() == QueueStatus.WOULD_BLOCK) {
            if (!blocked) {
                blocked = true;
                blockedSince = now;
                watchBlocked();
            }
        } else {
            context.observer().onQueueCallRefused(name, r, now);
        }
        return null;
    }

    /**
     * Runs {@code then} once {@code fence} has signalled: at once (after the current callback) if it has, else at
     * its signal time. This is waiting on a fence ({@code sync_wait}) without stopping the simulation.
     */
    public void waitFor(Fence fence, Runnable then) {
        long now = scheduler.now();
        if (fence.signalTime() <= now) {
            if (now != sameTimeAt) {
                sameTimeAt = now;
                sameTimeWaits = 0;
            }
            if (++sameTimeWaits > MAX_WAITS_AT_ONE_TIME) {
                throw new IllegalStateException(String.format(java.util.Locale.ROOT, "waitFor called %,d times at "
                        + "%s without virtual time passing: a callback that waits on a signalled fence and waits "
                        + "again never lets the next vsync come", sameTimeWaits - 1, SimTime.format(now)));
            }
        }
        scheduler.at(Math.max(now, fence.signalTime()), then);
    }

    /**
     * queueBuffer: hands {@code buffer} to SurfaceFlinger with its surface damage (the buffer pixels that changed
     * since the previous frame; null = all of them). Its acquire fence signals after your layer's render and GPU
     * time: that is when the drawing counts as done.
     */
    public void queueBuffer(DequeuedBuffer buffer, Rect damage) {
        long now = scheduler.now();
        if (!handBack(buffer, "queueBuffer", now)) {
            return;
        }
        long acquireAt = now + timing.render().sample(random) + timing.gpu().sample(random);
        Rect all = Rect.ofSize(buffer.width(), buffer.height());
        Region changed = Region.of(damage == null ? all : damage.intersect(all));
        QueueOutcome o = queue.queue(buffer.slot(), Fence.at(name + " drawn", acquireAt), changed, now,
                buffer.vsyncId);
        if (!(o instanceof QueueOutcome.Queued q)) {
            context.observer().onQueueCallRefused(name, (QueueOutcome.Refused) o, now);
            return;
        }
        frames++;
        long id = buffer.vsyncId;
        timeline.onQueued(new FrameTimeline.Queued(name, id, q.frameNumber(), vsync.appStart(id),
                vsync.appDeadline(id), vsync.vsync(id), buffer.frameStart, Math.max(now, acquireAt)));
        if (q.droppedFrameNumber() > 0) {
            timeline.onDropped(name, q.droppedFrameNumber());
        }
        tracer.complete(renderTrack, "frame " + q.frameNumber(), buffer.frameStart, now, "vsync", id);
        tracer.instant(queueTrack, "queueBuffer", now, "frame", q.frameNumber());
        tracer.counter(queueTrack, "queued buffers", now, queue.count(SlotState.Queued.class));
    }

    /** cancelBuffer: gives {@code buffer} back without showing it. */
    public void cancelBuffer(DequeuedBuffer buffer) {
        long now = scheduler.now();
        if (!handBack(buffer, "cancelBuffer", now)) {
            return;
        }
        QueueOutcome o = queue.cancel(buffer.slot());
        if (o instanceof QueueOutcome.Refused r) {
            context.observer().onQueueCallRefused(name, r, now);
        }
    }

    /** A new frame starts: buffers dequeued from now on belong to it. */
    void startFrame(long vsyncId, long start) {
        frameVsync = vsyncId;
        frameStart = start;
    }

    /** A slot came back FREE: a waiting dequeue may succeed now. */
    void released() {
        endBlocked(scheduler.now());
    }

    /** Marks a buffer handed back; reports its writes. False (and a refusal reported) when it was handed back before. */
    private boolean handBack(DequeuedBuffer buffer, String call, long now) {
        if (buffer.returnedBy != null) {
            context.observer().onQueueCallRefused(name, new QueueOutcome.Refused(QueueStatus.BAD_VALUE, name + ": "
                    + call + "(" + buffer.slot() + "): this buffer was already queued or cancelled; dequeue a new "
                    + "one"), now);
            return false;
        }
        buffer.returnedBy = call;
        if (buffer.writtenAt != Long.MIN_VALUE) {
            context.writes().onWrite(name, buffer.graphicBuffer(), buffer.writtenAt, buffer.releaseFence());
        }
        return true;
    }

    /**
     * The app drew {@code buffer} after handing it back: a broken contract, and a tear if the display is scanning
     * that buffer out right now.
     */
    void writtenAfterHandBack(DequeuedBuffer buffer) {
        long now = scheduler.now();
        context.observer().onWrittenAfterHandBack(name, buffer.graphicBuffer(), buffer.returnedBy, now);
        context.writes().onWrite(name, buffer.graphicBuffer(), now, buffer.releaseFence());
    }

    private void endBlocked(long now) {
        if (blocked) {
            tracer.complete(renderTrack, "dequeueBuffer (blocked)", blockedSince, now);
            blocked = false;
        }
    }

    private void watchBlocked() {
        scheduler.after(vsync.period(), () -> {
            if (blocked) {
                context.observer().onDequeueBlocked(name, queue, blockedSince, scheduler.now());
                watchBlocked();
            }
        });
    }
}
