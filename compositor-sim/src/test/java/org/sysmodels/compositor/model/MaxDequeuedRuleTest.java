package org.sysmodels.compositor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.compositor.model.QueueOutcome.Dequeued;
import org.sysmodels.compositor.model.QueueOutcome.Refused;
import org.sysmodels.compositor.pixel.Region;

/**
 * maxDequeuedBufferCount as AOSP's {@code BufferQueueProducer::waitForFreeSlotThenRelock} enforces it: only once a
 * buffer has been queued. Before that the producer may dequeue every FREE slot of the usable ones; after it, one
 * buffer past the limit is INVALID_OPERATION even with a slot FREE.
 */
class MaxDequeuedRuleTest {

    private static final Fence F = Fence.NO_FENCE;

    @Test
    void beforeTheFirstQueueADequeuePastTheLimitSucceedsWhileSlotsAreFree() {
        BufferQueue q = new BufferQueue("q", 2, 2, 1, false);
        assertFalse(q.bufferHasBeenQueued());
        Dequeued a = assertInstanceOf(Dequeued.class, q.dequeue());
        Dequeued b = assertInstanceOf(Dequeued.class, q.dequeue(), "two dequeued with maxDequeued 1: allowed");
        assertEquals("0:DEQUEUED 1:DEQUEUED", q.describe());
        assertEquals(List.of(), q.invariantViolations());
        Refused none = assertInstanceOf(Refused.class, q.dequeue());
        assertEquals(QueueStatus.WOULD_BLOCK, none.status(), "the usable slots still bound it: " + none.message());
        q.cancel(a.slot());
        assertFalse(q.bufferHasBeenQueued(), "cancelBuffer is not queueBuffer");
        assertInstanceOf(Dequeued.class, q.dequeue(), "still before the first queue");
        assertTrue(b.slot() != a.slot());
    }

    @Test
    void afterAQueueADequeuePastTheLimitFailsWithAospsErrorEvenWithASlotFree() {
        BufferQueue q = new BufferQueue("app", 2, 2, 2, false);
        Dequeued a = assertInstanceOf(Dequeued.class, q.dequeue());
        q.queue(a.slot(), F, new Region(), 0, 0);
        assertTrue(q.bufferHasBeenQueued());
        assertInstanceOf(Dequeued.class, q.dequeue());
        assertInstanceOf(Dequeued.class, q.dequeue());
        q.release(((QueueOutcome.Acquired) q.acquire()).slot(), F);
        assertEquals(1, q.count(SlotState.Free.class));
        Refused r = assertInstanceOf(Refused.class, q.dequeue());
        assertEquals(QueueStatus.INVALID_OPERATION, r.status());
        assertTrue(r.message().contains("dequeueBuffer: attempting to exceed the max dequeued buffer count (2)"),
                r.message());
    }

    @Test
    void buffersDequeuedBeforeTheFirstQueueCountAgainstTheLimitAfterIt() {
        BufferQueue q = new BufferQueue("q", 2, 2, 1, true);
        Dequeued a = assertInstanceOf(Dequeued.class, q.dequeue());
        assertInstanceOf(Dequeued.class, q.dequeue());
        assertInstanceOf(Dequeued.class, q.dequeue());
        q.queue(a.slot(), F, new Region(), 0, 0);
        q.release(((QueueOutcome.Acquired) q.acquire()).slot(), F);
        assertEquals(List.of(), q.invariantViolations(), "two DEQUEUED with maxDequeued 1 is a state AOSP reaches");
        assertEquals(QueueStatus.INVALID_OPERATION, assertInstanceOf(Refused.class, q.dequeue()).status());
    }
}
