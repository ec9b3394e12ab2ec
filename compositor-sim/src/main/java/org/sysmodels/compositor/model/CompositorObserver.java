package org.sysmodels.compositor.model;

import java.util.List;
import org.sysmodels.compositor.pixel.Image;
import org.sysmodels.compositor.pixel.Region;

/**
 * Hooks through which checks and recorders watch a run without changing it: buffer writes (with the fence the writer
 * should have waited for), a write the display showed mid-scan (a tear), latches, a producer blocked in
 * dequeueBuffer, BufferQueue calls the queue refused, validate results and errors, and every scan-out of the screen.
 */
public interface CompositorObserver {

    /** A producer wrote {@code buffer} at {@code when}; it was free to do so once {@code releaseFence} signalled. */
    default void onBufferWritten(String layer, GraphicBuffer buffer, long when, Fence releaseFence) {
    }

    /**
     * The display was scanning {@code buffer} out of a plane while it was written at {@code when}: the rows from
     * {@code row} down (of {@code height}) show the new contents, the rows above the old.
     */
    default void onTorn(String layer, GraphicBuffer buffer, int row, int height, long when) {
    }

    /**
     * SurfaceFlinger latched a buffer with its surface damage; {@code premultiplied}: the layer's blend mode says its
     * pixels are.
     */
    default void onLatched(String layer, GraphicBuffer buffer, Region damage, long frameNumber, boolean premultiplied,
                           long when) {
    }

    /**
     * A producer wrote {@code buffer} at {@code when} after giving it back with {@code call} (queueBuffer or
     * cancelBuffer): the slot is the queue's or the consumer's now, and the display or the GPU may be reading it
     * (AOSP IGraphicBufferProducer.h, queueBuffer: the client "transfers ownership of that slot back").
     */
    default void onWrittenAfterHandBack(String layer, GraphicBuffer buffer, String call, long when) {
    }

    /** A producer is still waiting in dequeueBuffer, since {@code since}. */
    default void onDequeueBlocked(String layer, BufferQueue queue, long since, long now) {
    }

    default void onValidated(long vsyncId, Validation v, long when) {
    }

    /** validateDisplay refused layers ("name: reason"), or could not place the client target. */
    default void onLayerErrors(List<String> errors, long when) {
    }

    /**
     * A BufferQueue call on {@code layer}'s queue was refused with BAD_VALUE or INVALID_OPERATION (not WOULD_BLOCK or
     * NO_BUFFER_AVAILABLE, which are normal answers): the caller broke the queue's contract.
     */
    default void onQueueCallRefused(String layer, QueueOutcome.Refused refused, long when) {
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
            public void onTorn(String layer, GraphicBuffer buffer, int row, int height, long when) {
                observers.forEach(o -> o.onTorn(layer, buffer, row, height, when));
            }

            @Override
            public void onWrittenAfterHandBack(String layer, GraphicBuffer buffer, String call, long when) {
                observers.forEach(o -> o.onWrittenAfterHandBack(layer, buffer, call, when));
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
            public void onQueueCallRefused(String layer, QueueOutcome.Refused refused, long when) {
                observers.forEach(o -> o.onQueueCallRefused(layer, refused, when));
            }

            @Override
            public void onScanout(long vsync, long time, Image screen, long displayFrame, List<String> layerFrames) {
                observers.forEach(o -> o.onScanout(vsync, time, screen, displayFrame, layerFrames));
            }
        };
    }
}
