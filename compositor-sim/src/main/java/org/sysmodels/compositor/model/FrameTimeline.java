package org.sysmodels.compositor.model;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SurfaceFlinger's FrameTimeline (frameworks/native/services/surfaceflinger/FrameTimeline): predictions per vsync,
 * actual times per app frame and per display frame, and the jank classification the perfetto documentation
 * explains. A display frame presented after its vsync is SurfaceFlingerCpuDeadlineMissed when the main thread
 * finished after the deadline, SurfaceFlingerGpuDeadlineMissed when only client composition did, DisplayHAL when
 * both were on time. An app frame presented late takes its display frame's jank when SurfaceFlinger caused it, is
 * AppDeadlineMissed when the app finished (max of GPU done and queue time) after its deadline, and BufferStuffing when
 * it finished on time but waited behind earlier buffers. Early frames are None, or Unknown if a deadline was missed.
 * Prediction errors (vsync drift) do not occur: the model's vsync does not drift.
 */
public final class FrameTimeline {

    /** What the app side knows when it queues a frame. */
    public record Queued(String layer, long vsyncId, long frameNumber, long expectedStart, long deadline,
                         long expectedPresent, long actualStart, long actualEnd) {
    }

    private final Map<String, Queued> pending = new HashMap<>();
    private final List<SurfaceFrame> surfaceFrames = new ArrayList<>();
    private final List<DisplayFrame> displayFrames = new ArrayList<>();

    public void onQueued(Queued q) {
        pending.put(key(q.layer(), q.frameNumber()), q);
    }

    /** A queued frame that never reached the screen (dropped in mailbox mode). */
    public void onDropped(String layer, long frameNumber) {
        Queued q = pending.remove(key(layer, frameNumber));
        if (q != null) {
            surfaceFrames.add(new SurfaceFrame(layer, q.vsyncId(), frameNumber, q.expectedStart(), q.deadline(),
                    q.expectedPresent(), q.actualStart(), q.actualEnd(), -1, PresentType.DROPPED, JankType.NONE,
                    false));
        }
    }

    /** Classifies a display frame that reached the screen at {@code actualPresent}. */
    public DisplayFrame onPresented(long vsyncId, long expectedStart, long expectedPresent, long actualStart,
                                    long cpuEnd, long gpuEnd, long actualPresent, int layers, int clientLayers) {
        PresentType p = PresentType.of(actualPresent, expectedPresent);
        JankType j = JankType.NONE;
        if (p == PresentType.LATE) {
            j = cpuEnd > expectedPresent ? JankType.SURFACE_FLINGER_CPU_DEADLINE_MISSED
                    : gpuEnd > expectedPresent ? JankType.SURFACE_FLINGER_GPU_DEADLINE_MISSED : JankType.DISPLAY_HAL;
        }
        DisplayFrame d = new DisplayFrame(vsyncId, expectedStart, expectedPresent, actualStart, cpuEnd, gpuEnd,
                actualPresent, p, j, layers, clientLayers);
        displayFrames.add(d);
        return d;
    }

    /** An app frame first shown by display frame d. */
    public SurfaceFrame onLatchedFramePresented(String layer, long frameNumber, DisplayFrame d, boolean gpu) {
        Queued q = pending.remove(key(layer, frameNumber));
        if (q == null) {
            return null;
        }
        PresentType p = PresentType.of(d.actualPresent(), q.expectedPresent());
        boolean lateFinish = q.actualEnd() > q.deadline();
        JankType j = switch (p) {
            case ON_TIME, DROPPED -> JankType.NONE;
            case EARLY -> lateFinish || d.jank() != JankType.NONE ? JankType.UNKNOWN : JankType.NONE;
            case LATE -> d.jank().isSurfaceFlinger() && d.actualPresent() > d.expectedPresent() ? d.jank()
                    : lateFinish ? JankType.APP_DEADLINE_MISSED : JankType.BUFFER_STUFFING;
        };
        SurfaceFrame s = new SurfaceFrame(layer, q.vsyncId(), frameNumber, q.expectedStart(), q.deadline(),
                q.expectedPresent(), q.actualStart(), q.actualEnd(), d.actualPresent(), p, j, gpu);
        surfaceFrames.add(s);
        return s;
    }

    public List<SurfaceFrame> surfaceFrames() {
        return List.copyOf(surfaceFrames);
    }

    public List<DisplayFrame> displayFrames() {
        return List.copyOf(displayFrames);
    }

    /** App frames per jank type, for one layer (null: all layers). */
    public Map<JankType, Integer> jankCounts(String layer) {
        Map<JankType, Integer> out = new EnumMap<>(JankType.class);
        for (SurfaceFrame s : surfaceFrames) {
            if (layer == null || s.layer().equals(layer)) {
                out.merge(s.jank(), 1, Integer::sum);
            }
        }
        return out;
    }

    public Map<PresentType, Integer> presentCounts(String layer) {
        Map<PresentType, Integer> out = new EnumMap<>(PresentType.class);
        for (SurfaceFrame s : surfaceFrames) {
            if (layer == null || s.layer().equals(layer)) {
                out.merge(s.present(), 1, Integer::sum);
            }
        }
        return out;
    }

    private static String key(String layer, long frame) {
        return layer + '#' + frame;
    }
}
