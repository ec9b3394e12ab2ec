package org.sysmodels.compositor.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sysmodels.compositor.pixel.Rect;
import org.sysmodels.compositor.pixel.Region;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.core.trace.Track;

/**
 * One SurfaceFlinger frame after latching: leave out layers hidden behind opaque ones, validate and accept its
 * changes, work out the damage, compose the CLIENT layers on the GPU (after the GPU's previous work), list the planes
 * in z-order with the client target where the CLIENT range sits, decide the release fences of the buffers this frame
 * replaced, and cost it all in time.
 */
final class FrameComposer {

    record Latched(Layer layer, long frameNumber) {
    }

    /** A replaced buffer: read on a plane until the next present, or last read by the GPU at {@code gpuRead}. */
    record Release(Layer layer, int slot, boolean readOnPlane, long gpuRead) {
    }

    record Frame(long id, long vsyncId, long start, long cpuEnd, long gpuEnd, Validation validation,
                 List<CompositionLayer> planes, Region damage, List<Release> releases, List<Latched> latched,
                 List<String> layerFrames, int layerCount, int clientCount, Set<String> clientLayerNames,
                 long presentVsync, long presentTime) {

        Frame withPresentVsync(long v, long time) {
            return new Frame(id, vsyncId, start, cpuEnd, gpuEnd, validation, planes, damage, releases, latched,
                    layerFrames, layerCount, clientCount, clientLayerNames, v, time);
        }
    }

    private final Hwc2Display hwc;
    private final CostModel cost;
    private final SurfaceFlinger.Options options;
    private final ClientComposition client;
    private final DamageTracker tracker;
    private final Tracer tracer;
    private final Track gpuTrack;
    private long gpuBusyUntil = Long.MIN_VALUE;

    FrameComposer(Hwc2Display hwc, CostModel cost, SurfaceFlinger.Options options, ClientComposition client,
                  DamageTracker tracker, Tracer tracer) {
        this.hwc = hwc;
        this.cost = cost;
        this.options = options;
        this.client = client;
        this.tracker = tracker;
        this.tracer = tracer;
        this.gpuTrack = tracer.track("SurfaceFlinger", "RenderEngine (GPU)");
    }

    /**
     * Drops the layers that opaque layers above hide completely: their visible region (frame minus the frames of
     * opaque layers above, clipped to the display) is empty, so SurfaceFlinger does not send them to the HWC.
     * Opaque means blend mode NONE or an opaque colour, at plane alpha 255.
     */
    private List<Layer> visible(List<Layer> candidates) {
        Region opaqueAbove = new Region();
        boolean[] keep = new boolean[candidates.size()];
        for (int i = candidates.size() - 1; i >= 0; i--) {
            Layer l = candidates.get(i);
            Rect frame = l.settings().frame().intersect(hwc.bounds());
            Region visible = Region.of(frame);
            for (Rect r : opaqueAbove.rects()) {
                visible.subtract(r);
            }
            keep[i] = frame.isEmpty() || !visible.isEmpty();
            LayerSettings s = l.settings();
            boolean opaque = s.planeAlpha() == 255 && (l.isColorLayer() ? s.color() >>> 24 == 255
                    : s.blend() == BlendMode.NONE);
            if (opaque) {
                opaqueAbove.add(frame);
            }
        }
        List<Layer> out = new ArrayList<>();
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                out.add(candidates.get(i));
            }
        }
        return out;
    }

    Frame compose(long id, long vsyncId, long now, List<Layer> layers, List<Latched> latched, RandomStream random) {
        List<Layer> shown = visible(layers.stream().filter(Layer::hasContent).toList());
        List<HwcLayer> hwcLayers = shown.stream().map(Layer::toHwcLayer).toList();
        Validation v = hwc.validate(hwcLayers, options.colorTransform());
        List<DamageTracker.Entry> entries = new ArrayList<>();
        List<CompositionLayer> clientLayers = new ArrayList<>();
        Set<String> clientNames = new HashSet<>();
        List<CompositionLayer> planes = new ArrayList<>();
        List<String> layerFrames = new ArrayList<>();
        int targetIndex = -1;
        for (int i = 0; i < shown.size(); i++) {
            Layer l = shown.get(i);
            Composition type = v.verdicts().get(i).type();
            if (type == null) {
                continue;
            }
            CompositionLayer cl = hwcLayers.get(i).toCompositionLayer();
            Region bufferDamage = l.newBuffer ? l.damage : null;
            entries.add(new DamageTracker.Entry(l.name(), cl, type, bufferDamage));
            layerFrames.add(l.isColorLayer() ? l.name() : l.name() + " #" + l.frameNumber());
            if (type == Composition.CLIENT) {
                clientLayers.add(cl);
                clientNames.add(l.name());
                if (targetIndex < 0) {
                    targetIndex = planes.size();
                    planes.add(null);
                }
            } else {
                planes.add(cl);
            }
        }
        Region damage = tracker.frameDamage(entries, hwc.bounds());
        if (!options.damageTracking()) {
            damage = Region.of(hwc.bounds());
        }
        client.noteFrame(damage);
        long cpuEnd = now + cost.sfCpu(random, id, entries.size(), !clientLayers.isEmpty());
        long gpuEnd = cpuEnd;
        if (!clientLayers.isEmpty()) {
            ClientComposition.Result r = client.compose(clientLayers, options.damageTracking());
            long gpuStart = Math.max(cpuEnd, gpuBusyUntil);
            gpuEnd = gpuStart + cost.gpu(r.pixels());
            gpuBusyUntil = gpuEnd;
            planes.set(targetIndex, CompositionLayer.buffer("client target", r.target(), 0, 0));
            tracer.complete(gpuTrack, "client composition", gpuStart, gpuEnd, "pixels", r.pixels());
        }
        List<Release> releases = new ArrayList<>();
        for (Latched lt : latched) {
            Layer l = lt.layer();
            if (l.replacedSlot >= 0) {
                releases.add(new Release(l, l.replacedSlot, l.lastType != Composition.CLIENT, l.lastGpuRead));
                l.replacedSlot = -1;
            }
        }
        for (int i = 0; i < shown.size(); i++) {
            Layer l = shown.get(i);
            l.lastType = v.verdicts().get(i).type();
            if (l.lastType == Composition.CLIENT) {
                l.lastGpuRead = gpuEnd;
            }
        }
        return new Frame(id, vsyncId, now, cpuEnd, gpuEnd, v, planes, damage, releases, latched, layerFrames,
                entries.size(), clientLayers.size(), clientNames, -1, -1);
    }
}
