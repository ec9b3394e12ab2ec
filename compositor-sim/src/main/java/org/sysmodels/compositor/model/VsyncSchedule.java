package org.sysmodels.compositor.model;

/**
 * VSYNC and the two deadlines derived from it (SurfaceFlinger's VsyncSchedule and its work durations). Vsync k is at
 * k·period. A frame meant for vsync k is started by the app at k·period − sfDuration − appDuration (its Choreographer
 * callback), must be queued by the app deadline k·period − sfDuration, when SurfaceFlinger wakes to latch and compose
 * it, and SurfaceFlinger's deadline is the vsync itself. The perfetto FrameTimeline documentation shows 20.5 ms for
 * the app and 10.5 ms for SurfaceFlinger at 60 Hz; other rates scale both with the period here (an assumption).
 */
public record VsyncSchedule(long period, long appDuration, long sfDuration) {

    public VsyncSchedule {
        if (period <= 0 || appDuration <= 0 || sfDuration <= 0 || sfDuration >= period) {
            throw new IllegalArgumentException("vsync period " + period + " ns needs 0 < sfDuration (" + sfDuration
                    + ") < period and appDuration (" + appDuration + ") > 0");
        }
    }

    /** 60, 90 or 120 Hz with the default durations. */
    public static VsyncSchedule ofRate(int hz) {
        long period = Math.round(1e9 / hz);
        return new VsyncSchedule(period, Math.round(period * 20.5 / 16.666667), Math.round(period * 10.5 / 16.666667));
    }

    public long vsync(long k) {
        return k * period;
    }

    /** When the app starts the frame meant for vsync k. */
    public long appStart(long k) {
        return vsync(k) - sfDuration - appDuration;
    }

    /** When the app's buffer for vsync k must be queued: SurfaceFlinger's wake-up. */
    public long appDeadline(long k) {
        return vsync(k) - sfDuration;
    }

    public long sfWake(long k) {
        return appDeadline(k);
    }

    /** The index of the first vsync at or after t. */
    public long vsyncAtOrAfter(long t) {
        return Math.floorDiv(t + period - 1, period);
    }

    public double hz() {
        return 1e9 / period;
    }
}
