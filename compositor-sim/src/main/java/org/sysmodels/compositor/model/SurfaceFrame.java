package org.sysmodels.compositor.model;

/**
 * One app frame as FrameTimeline sees it (perfetto's actual_frame_timeline_slice for an app): the vsync it was meant
 * for, expected start, deadline and present, what actually happened (start, end = max(GPU done, queue time), present),
 * and the classification. {@code actualPresent} is -1 for a dropped frame.
 */
public record SurfaceFrame(String layer, long vsyncId, long frameNumber, long expectedStart, long deadline,
                           long expectedPresent, long actualStart, long actualEnd, long actualPresent,
                           PresentType present, JankType jank, boolean gpuComposition) {

    public boolean janky() {
        return jank != JankType.NONE;
    }

    public boolean onTimeFinish() {
        return actualEnd <= deadline;
    }
}
