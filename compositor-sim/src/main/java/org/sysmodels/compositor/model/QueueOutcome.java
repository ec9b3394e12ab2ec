package org.sysmodels.compositor.model;

import org.sysmodels.compositor.pixel.Region;

/** What a BufferQueue call returned: its result on success, {@link Refused} with a status and a message otherwise. */
public sealed interface QueueOutcome {

    /** dequeueBuffer: the slot, its buffer, the fence to wait for, and the buffer's age (0 = contents undefined). */
    record Dequeued(int slot, GraphicBuffer buffer, Fence releaseFence, int bufferAge) implements QueueOutcome {
    }

    /** queueBuffer: the frame number given; in mailbox mode the frame it replaced, or -1. */
    record Queued(long frameNumber, long droppedFrameNumber) implements QueueOutcome {
    }

    /** acquireBuffer. */
    record Acquired(int slot, GraphicBuffer buffer, long frameNumber, Fence acquireFence, Region damage,
                    long queueTime, long vsyncId) implements QueueOutcome {
    }

    /** cancelBuffer or releaseBuffer succeeded. */
    record Done() implements QueueOutcome {
    }

    record Refused(QueueStatus status, String message) implements QueueOutcome {
    }

    default boolean ok() {
        return !(this instanceof Refused);
    }
}
