package org.sysmodels.compositor.model;

/**
 * One SurfaceFlinger frame (a DisplayFrame in FrameTimeline): expected start and present for its vsync, when the main
 * thread started and finished (CPU), when the GPU finished client composition (equal to cpuEnd without one), when it
 * reached the screen, how many layers it had and how many the GPU composed, and the classification.
 */
public record DisplayFrame(long vsyncId, long expectedStart, long expectedPresent, long actualStart, long cpuEnd,
                           long gpuEnd, long actualPresent, PresentType present, JankType jank, int layers,
                           int clientLayers) {
}
