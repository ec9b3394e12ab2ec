package org.sysmodels.compositor.check;

import org.sysmodels.compositor.model.GraphicBuffer;
import org.sysmodels.compositor.model.QueueOutcome;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;

/**
 * Every BufferQueue call must be one the queue's contract allows; a call it refuses with BAD_VALUE or
 * INVALID_OPERATION (queueing a buffer twice, dequeuing more than maxDequeuedBufferCount once a buffer has been
 * queued, releasing a slot that is not ACQUIRED) is a mistake of its caller, and so is drawing a buffer after queueing
 * or cancelling it. The reference producers and SurfaceFlinger never make one; a student's app can.
 */
public final class QueueCallCheck implements CompositorCheck {

    public static final Rule RULE = new Rule("buffer-queue-call", "once it has queued a buffer, a producer "
            + "dequeues no more than maxDequeuedBufferCount at a time; it queues or cancels only a slot it dequeued "
            + "and writes a buffer only until it queues or cancels it; a consumer releases only a slot it acquired",
            "AOSP frameworks/native/libs/gui/BufferQueueProducer.cpp (waitForFreeSlotThenRelock, queueBuffer, "
                    + "cancelBuffer) and BufferQueueConsumer.cpp (acquireBuffer, releaseBuffer)");

    private final Findings findings;

    public QueueCallCheck(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void onQueueCallRefused(String layer, QueueOutcome.Refused refused, long when) {
        findings.violation(RULE, refused.status() + ": " + refused.message(), when, layer);
    }

    @Override
    public void onWrittenAfterHandBack(String layer, GraphicBuffer buffer, String call, long when) {
        findings.violation(RULE, "buffer " + buffer.id() + " written after " + call + ": the slot is no longer the "
                + "producer's (the display or the GPU may be reading it); draw only between dequeueBuffer and "
                + call + ", and dequeue a new buffer for the next frame", when, layer);
    }
}
