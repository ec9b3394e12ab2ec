package org.sysmodels.compositor.model;

import org.sysmodels.compositor.pixel.Region;

/**
 * The state of one BufferQueue slot (AOSP frameworks/native/libs/gui/include/gui/BufferSlot.h, {@code BufferState}):
 * <pre>
 *   FREE ---- dequeueBuffer ----&gt; DEQUEUED ---- queueBuffer ----&gt; QUEUED ---- acquireBuffer ----&gt; ACQUIRED
 *     ^                              |                               |                               |
 *     +-------- cancelBuffer --------+                               |                               |
 *     +---- dropped by a newer buffer (async / mailbox mode) --------+                               |
 *     +------------------------------------------ releaseBuffer -------------------------------------+
 * </pre>
 * The SHARED state (shared-buffer mode) is not modelled.
 */
public sealed interface SlotState {

    /** Owned by the queue; {@code releaseFence} is what the next producer must wait for before writing. */
    record Free(Fence releaseFence) implements SlotState {
    }

    /** Owned by the producer, which may write once {@code releaseFence} has signalled. */
    record Dequeued(Fence releaseFence) implements SlotState {
    }

    /** Waiting for the consumer; readable once {@code acquireFence} has signalled. */
    record Queued(long frameNumber, Fence acquireFence, long queueTime, Region damage, long vsyncId)
            implements SlotState {
    }

    /** Owned by the consumer (SurfaceFlinger), which is showing or composing it. */
    record Acquired(long frameNumber, Fence acquireFence, long vsyncId) implements SlotState {
    }

    /** FREE, DEQUEUED, QUEUED or ACQUIRED, as AOSP names it. */
    static String label(SlotState s) {
        return switch (s) {
            case Free f -> "FREE";
            case Dequeued d -> "DEQUEUED";
            case Queued q -> "QUEUED";
            case Acquired a -> "ACQUIRED";
        };
    }
}
