package org.sysmodels.compositor.model;

/** The {@code status_t} values a BufferQueue call returns (AOSP IGraphicBufferProducer.h, IGraphicBufferConsumer.h). */
public enum QueueStatus {
    /** The slot or argument does not fit the call (a slot that is not the caller's, out of range). */
    BAD_VALUE,
    /** The call is not allowed now (past maxDequeuedBufferCount once a buffer was queued, or too many acquired). */
    INVALID_OPERATION,
    /** No FREE slot: a blocking producer waits for a release. */
    WOULD_BLOCK,
    /** acquireBuffer found nothing queued. */
    NO_BUFFER_AVAILABLE
}
