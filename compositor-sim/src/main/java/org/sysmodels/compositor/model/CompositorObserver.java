package org.sysmodels.compositor.model;

import java.util.List;
import org.sysmodels.compositor.pixel.Image;
import org.sysmodels.compositor.pixel.Region;

/**
 * Hooks through which checks and recorders watch a run without changing it: buffer writes (with the fence the writer
 * should have waited for), latches, a producer blocked in dequeueBuffer, validate results, layer errors, and every
 * scan-out of the screen.
 */
public interface CompositorObserver {

    /** A producer wrote {@code buffer} at {@code when}; it was free to do so once {@code releaseFence} signalled. */
    default void onBufferWritten(String layer, GraphicBuffer buffer, long when, Fence releaseFence) {
    }

    /**
     * SurfaceFlinger latched a buffer with its surface damage; {@code premultiplied}: the layer's blend mode says its
     * pixels are.
     */
    default void onLatched(String layer, GraphicBuffer buffer, Region damage, long frameNumber, boolean premultiplied,
                           long when) {
    }

    /** A producer is still waiting in dequeueBuffer, since {@code since}. */
    default void onDequeueBlocked(String layer, BufferQueue queue, long since, long now) {
    }

    default void onValidated(long vsyncId, Validation v, long when) {
    }

    /** validate refused layers, or a BufferQueue call failed. */
    default void onLayerErrors(List<String> errors, long when) {
    }

    /**
     * The screen as scanned out during vsync interval {@code vsync} ([vsync, vsync + 1) periods), showing display
     * frame {@code displayFrame} (-1 before the first), with these layer frames on it.
     */
    default void onScanout(long vsync, long time, Image screen, long displayFrame, List<String> layerFrames) {
    }

    /** Combines several observers. */
    static CompositorObserver all(List<CompositorObserver> observers) {
        return new CompositorObserver() {
            @Override
            public void onBufferWritten(String layer, GraphicBuffer buffer, long when, Fence releaseFence) {
                observers.forEach(o -> o.onBufferWritten(layer, buffer, when, releaseFence));
            }

            @Override
            public void onLatched(String layer, GraphicBuffer buffer, Region damage, long frameNumber,
                                  boolean premultiplied, long when) {
                observers.forEach(o -> o.onLatched(layer, buffer, damage, frameNumber, premultiplied, when));
            }

            @Override
            public void onDequeueBlocked(String layer, BufferQueue queue, long since, long now) {
                observers.forEach(o -> o.onDequeueBlocked(layer, queue, since, now));
            }

            @Override
            public void onValidated(long vsyncId, Validation v, long when) {
                observers.forEach(o -> o.onValidated(vsyncId, v, when));
            }

            @Override
            public void onLayerErrors(List<String> errors, long when) {
                observers.forEach(o -> o.onLayerErrors(errors, when));
            }

            @Override
            public void onScanout(long vsync, long time, Image screen, long displayFrame, List<String> layerFrames) {
                observers.forEach(o -> o.onScanout(vsync, time, screen, displayFrame, layerFrames));
            }
        };
    }
}
