package org.sysmodels.compositor.model;

/**
 * FrameTimeline's jank types (frameworks/native/libs/gui/include/gui/JankInfo.h; explained in the perfetto
 * FrameTimeline documentation), with the names perfetto shows.
 */
public enum JankType {
    NONE("None"),
    APP_DEADLINE_MISSED("AppDeadlineMissed"),
    BUFFER_STUFFING("BufferStuffing"),
    SURFACE_FLINGER_CPU_DEADLINE_MISSED("SurfaceFlingerCpuDeadlineMissed"),
    SURFACE_FLINGER_GPU_DEADLINE_MISSED("SurfaceFlingerGpuDeadlineMissed"),
    DISPLAY_HAL("DisplayHAL"),
    PREDICTION_ERROR("PredictionError"),
    UNKNOWN("Unknown");

    private final String label;

    JankType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isSurfaceFlinger() {
        return this == SURFACE_FLINGER_CPU_DEADLINE_MISSED || this == SURFACE_FLINGER_GPU_DEADLINE_MISSED
                || this == DISPLAY_HAL;
    }
}
