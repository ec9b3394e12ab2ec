package org.sysmodels.compositor.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.core.trace.Track;

/**
 * SurfaceFlinger's main loop for one display, on simulated time. VSYNC ticks every period; an app's Choreographer
 * callback fires appDuration + sfDuration before the vsync its frame is for; SurfaceFlinger wakes sfDuration before
 * each vsync and, if anything changed: latches (acquires the oldest queued buffer of each layer whose acquire fence
 * has signalled and whose vsync has come; the buffer it replaces is released after present), runs validate and
 * accepts its changes, composes the CLIENT layers on the GPU, and presents. The frame reaches the screen at the first
 * vsync after its CPU and GPU work and the HWC's present latency; the display then blends its planes
 * ({@link DisplayPipeline}) and FrameTimeline classifies the frame. SurfaceFlinger is one thread: a frame that runs
 * long delays the next wake.
 *
 * <p>Sources: AOSP frameworks/native/services/surfaceflinger (SurfaceFlinger::commit/composite, the
 * CompositionEngine, FrameTimeline) and hwcomposer2.h for the HWC calls.
 *
 * <p>The class is open for one reason: a bug lab swaps in a consumer that never gives buffers back, by overriding
 * {@link #releaseBuffer}.
 */
public class SurfaceFlinger {

    /** What a run changes: damage tracking on or off, and a colour transform. */
    public record Options(boolean damageTracking, boolean colorTransform) {
    }

    /** Called at an app's Choreographer time with the vsync its frame is for. */
    public interface AppCallback {
        void onAppVsync(long targetVsync);
    }

    private final Scheduler scheduler;
    private final VsyncSchedule vsync;
    private final Hwc2Display hwc;
    private final List<Layer> layers;
    private final CostModel cost;
    private final RandomStream random;
    private final Options options;
    private final DisplayPipeline display;
    private final ClientComposition client;
    private final CompositionEngine engine;
    private final FrameTimeline timeline;
    private final CompositorObserver observer;
    private final FrameComposer composer;
    private final List<AppCallback> apps = new ArrayList<>();
    private final ArrayDeque<FrameComposer.Frame> pending = new ArrayDeque<>();
    private final Tracer tracer;
    private final Track mainTrack;
    private final Track vsyncTrack;
    private final Track scanTrack;
    private final Map<String, Track> tracks = new HashMap<>();

    private long lastVsync;
    private long busyUntil = Long.MIN_VALUE;
    private boolean geometryChanged = true;
    private long shownFrame = -1;
    private List<String> shownLayerFrames = List.of();
    private Validation lastValidation;
    private long framesComposed;

    public SurfaceFlinger(Scheduler scheduler, VsyncSchedule vsync, Hwc2Display hwc, List<Layer> layers,
                          CostModel cost, RandomStream random, Options options, CompositionEngine engine,
                          FrameTimeline timeline, CompositorObserver observer, Tracer tracer) {
        this.scheduler = scheduler;
        this.vsync = vsync;
        this.hwc = hwc;
        this.layers = List.copyOf(layers);
        this.cost = cost;
        this.random = random;
        this.options = options;
        this.engine = engine;
        this.timeline = timeline;
        this.observer = observer;
        this.tracer = tracer;
        this.display = new DisplayPipeline(engine, hwc.bounds().width(), hwc.bounds().height(), vsync.period());
        this.client = new ClientComposition(engine, hwc.bounds().width(), hwc.bounds().height());
        this.composer = new FrameComposer(hwc, cost, options, client, new DamageTracker(), tracer);
        this.mainTrack = tracer.track("SurfaceFlinger", "main thread");
        this.vsyncTrack = tracer.track("Display", "VSYNC");
        this.scanTrack = tracer.track("Display", "scan-out");
    }

    public void addApp(AppCallback app) {
        apps.add(app);
    }

    /** Schedules VSYNC from vsync 1 to {@code lastVsync}; run the scheduler afterwards. */
    public void start(long lastVsyncIndex) {
        this.lastVsync = lastVsyncIndex;
        scheduleAppCallbacks(0);
        scheduler.at(vsync.sfWake(1), () -> wake(1));
        scheduler.at(vsync.vsync(1), () -> tick(1));
    }

    /** A layer's settings changed (a window-manager transaction): the next wake composes even without buffers. */
    public void invalidate() {
        geometryChanged = true;
    }

    public DisplayPipeline display() {
        return display;
    }

    public Validation lastValidation() {
        return lastValidation;
    }

    public long framesComposed() {
        return framesComposed;
    }

    private void tick(long k) {
        long now = scheduler.now();
        observer.onScanout(k - 1, now, display.screen(), shownFrame, shownLayerFrames);
        tracer.complete(scanTrack, shownFrame < 0 ? "no frame" : "display frame " + shownFrame,
                now - vsync.period(), now, "vsync", k - 1);
        tracer.instant(vsyncTrack, "VSYNC", now, "vsync", k);
        display.vsync(now);
        while (!pending.isEmpty() && pending.peekFirst().presentVsync() <= k) {
            present(pending.removeFirst(), now);
        }
        if (k >= lastVsync) {
            return;
        }
        scheduleAppCallbacks(now);
        scheduler.at(vsync.sfWake(k + 1), () -> wake(k + 1));
        scheduler.at(vsync.vsync(k + 1), () -> tick(k + 1));
    }

    private void scheduleAppCallbacks(long now) {
        long target = vsync.vsyncAtOrAfter(now + vsync.appDuration() + vsync.sfDuration());
        if (vsync.appStart(target) < now) {
            target++;
        }
        long t = target;
        for (AppCallback app : apps) {
            scheduler.at(vsync.appStart(t), () -> app.onAppVsync(t));
        }
    }

    private void wake(long k) {
        long now = scheduler.now();
        if (now < busyUntil) {
            scheduler.at(busyUntil, () -> wake(k));
            return;
        }
        if (!pending.isEmpty()) {
            // The previous frame has not reached the screen yet: SurfaceFlinger does not pile another on top
            // (SurfaceFlinger::commit, "previous frame pending"); apps keep queueing, which is buffer stuffing.
            tracer.instant(mainTrack, "previous frame pending", now, "vsync", k);
            return;
        }
        List<FrameComposer.Latched> latched = latch(k, now);
        if (latched.isEmpty() && (!geometryChanged || layers.stream().noneMatch(Layer::hasContent))) {
            return;
        }
        geometryChanged = false;
        FrameComposer.Frame f = composer.compose(++framesComposed, k, now, layers, latched, random);
        lastValidation = f.validation();
        tracer.instant(mainTrack, "validateDisplay, acceptDisplayChanges", now, "changed types",
                f.validation().changes().size(), "client layers", f.clientCount());
        observer.onValidated(k, f.validation(), now);
        if (!f.validation().errors().isEmpty()) {
            observer.onLayerErrors(f.validation().errors(), now);
        }
        busyUntil = f.cpuEnd();
        long presentVsync = vsync.vsyncAtOrAfter(Math.max(f.cpuEnd(), f.gpuEnd()) + cost.hwcLatency());
        f = f.withPresentVsync(presentVsync, vsync.vsync(presentVsync));
        tracer.complete(mainTrack, "composite vsync " + k, now, f.cpuEnd(), "frame", f.id());
        FrameComposer.Frame frame = f;
        scheduler.at(f.cpuEnd(), () -> releaseReplaced(frame));
        pending.addLast(f);
    }

    private List<FrameComposer.Latched> latch(long k, long now) {
        List<FrameComposer.Latched> out = new ArrayList<>();
        for (Layer l : layers) {
            BufferQueue q = l.queue();
            if (q == null) {
                continue;
            }
            l.newBuffer = false;
            int slot = q.peekSlot();
            if (slot < 0 || !(q.state(slot) instanceof SlotState.Queued head)) {
                continue;
            }
            if (!head.acquireFence().hasSignaled(now) || head.vsyncId() > k) {
                continue;
            }
            QueueOutcome o = q.acquire();
            if (!(o instanceof QueueOutcome.Acquired a)) {
                observer.onQueueCallRefused(l.name(), (QueueOutcome.Refused) o, now);
                continue;
            }
            l.replacedSlot = l.slot;
            l.slot = a.slot();
            l.buffer = a.buffer();
            l.frameNumber = a.frameNumber();
            l.damage = a.damage();
            l.newBuffer = true;
            observer.onLatched(l.name(), a.buffer(), a.damage(), a.frameNumber(),
                    l.settings().blend() == BlendMode.PREMULTIPLIED, now);
            tracer.instant(track("BufferQueue " + l.name(), "slots"), "acquireBuffer", now, "frame", a.frameNumber());
            out.add(new FrameComposer.Latched(l, a.frameNumber()));
        }
        return out;
    }

    /** After presentDisplay: buffers replaced this frame go back, with the fence of their last reader. */
    private void releaseReplaced(FrameComposer.Frame f) {
        for (FrameComposer.Release r : f.releases()) {
            Fence fence = r.readOnPlane() ? Fence.at("present vsync " + f.presentVsync(), f.presentTime())
                    : Fence.at("GPU read", r.gpuRead());
            releaseBuffer(r.layer(), r.slot(), fence);
        }
    }

    /**
     * releaseBuffer: gives {@code slot} back to {@code layer}'s queue; the producer may write it once
     * {@code releaseFence} signals (BufferQueueConsumer::releaseBuffer).
     */
    protected void releaseBuffer(Layer layer, int slot, Fence releaseFence) {
        QueueOutcome o = layer.queue().release(slot, releaseFence);
        tracer.instant(track("BufferQueue " + layer.name(), "slots"), "releaseBuffer", scheduler.now(),
                "slot", slot, "fence at", releaseFence.signalTime());
        if (o instanceof QueueOutcome.Refused bad) {
            observer.onQueueCallRefused(layer.name(), bad, scheduler.now());
        }
    }

    private void present(FrameComposer.Frame f, long now) {
        display.present(f.planes(), f.damage(), now);
        shownFrame = f.id();
        shownLayerFrames = f.layerFrames();
        DisplayFrame d = timeline.onPresented(f.vsyncId(), vsync.sfWake(f.vsyncId()), vsync.vsync(f.vsyncId()),
                f.start(), f.cpuEnd(), f.gpuEnd(), now, f.layerCount(), f.clientCount());
        String name = "display frame " + f.id() + ": " + d.present().label() + ", " + d.jank().label();
        Track sfTimeline = track("FrameTimeline", "SurfaceFlinger");
        tracer.asyncBegin(sfTimeline, name, f.id(), f.start());
        tracer.asyncEnd(sfTimeline, name, f.id(), Math.max(f.cpuEnd(), f.gpuEnd()));
        for (FrameComposer.Latched l : f.latched()) {
            SurfaceFrame sf = timeline.onLatchedFramePresented(l.layer().name(), l.frameNumber(), d,
                    f.clientLayerNames().contains(l.layer().name()));
            if (sf != null && tracer.enabled()) {
                Track t = track("FrameTimeline", l.layer().name());
                tracer.asyncBegin(t, "expected vsync " + sf.vsyncId(), 2 * sf.vsyncId(), sf.expectedStart());
                tracer.asyncEnd(t, "expected vsync " + sf.vsyncId(), 2 * sf.vsyncId(), sf.deadline());
                String actual = "frame " + sf.frameNumber() + ": " + sf.present().label() + ", " + sf.jank().label();
                tracer.asyncBegin(t, actual, 2 * sf.frameNumber() + 1, sf.actualStart());
                tracer.asyncEnd(t, actual, 2 * sf.frameNumber() + 1, sf.actualEnd());
            }
        }
    }

    private Track track(String process, String thread) {
        return tracks.computeIfAbsent(process + '\u0000' + thread, k -> tracer.track(process, thread));
    }
}
