package org.sysmodels.compositor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The classification rules of the perfetto FrameTimeline documentation, one case each. */
class FrameTimelineTest {

    private static final long MS = 1_000_000;

    /** An app frame expected at 31 ms (deadline 20 ms), shown by a display frame meant for {@code sfExpected}. */
    private static SurfaceFrame present(long appEnd, long sfExpected, long cpuEnd, long gpuEnd, long actualPresent) {
        FrameTimeline t = new FrameTimeline();
        t.onQueued(new FrameTimeline.Queued("app", 2, 1, 0, 20 * MS, 31 * MS, 0, appEnd));
        DisplayFrame d = t.onPresented(2, sfExpected - 11 * MS, sfExpected, sfExpected - 11 * MS, cpuEnd, gpuEnd,
                actualPresent, 1, 0);
        return t.onLatchedFramePresented("app", 1, d, false);
    }

    @Test
    void onTime() {
        SurfaceFrame s = present(15 * MS, 31 * MS, 25 * MS, 25 * MS, 31 * MS);
        assertEquals(PresentType.ON_TIME, s.present());
        assertEquals(JankType.NONE, s.jank());
    }

    @Test
    void appDeadlineMissed() {
        assertEquals(JankType.APP_DEADLINE_MISSED, present(22 * MS, 48 * MS, 40 * MS, 40 * MS, 48 * MS).jank());
    }

    @Test
    void bufferStuffing() {
        SurfaceFrame s = present(15 * MS, 48 * MS, 40 * MS, 40 * MS, 48 * MS);
        assertEquals(PresentType.LATE, s.present());
        assertEquals(JankType.BUFFER_STUFFING, s.jank());
    }

    @Test
    void surfaceFlingerCpuAndGpu() {
        assertEquals(JankType.SURFACE_FLINGER_CPU_DEADLINE_MISSED, present(15 * MS, 31 * MS, 33 * MS, 33 * MS, 48 * MS).jank());
        assertEquals(JankType.SURFACE_FLINGER_GPU_DEADLINE_MISSED, present(15 * MS, 31 * MS, 25 * MS, 34 * MS, 48 * MS).jank());
        assertEquals(JankType.DISPLAY_HAL, present(15 * MS, 31 * MS, 25 * MS, 26 * MS, 48 * MS).jank());
    }

    @Test
    void droppedAndEarly() {
        FrameTimeline t = new FrameTimeline();
        t.onQueued(new FrameTimeline.Queued("app", 2, 1, 0, 20 * MS, 31 * MS, 0, 5 * MS));
        t.onDropped("app", 1);
        assertEquals(PresentType.DROPPED, t.surfaceFrames().get(0).present());
        assertEquals(PresentType.EARLY, present(15 * MS, 14 * MS, 10 * MS, 10 * MS, 14 * MS).present());
    }
}
