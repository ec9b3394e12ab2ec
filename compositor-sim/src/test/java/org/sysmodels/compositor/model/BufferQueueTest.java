package org.sysmodels.compositor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.compositor.model.QueueOutcome.Acquired;
import org.sysmodels.compositor.model.QueueOutcome.Dequeued;
import org.sysmodels.compositor.model.QueueOutcome.Queued;
import org.sysmodels.compositor.pixel.Rect;
import org.sysmodels.compositor.pixel.Region;

/**
 * The BufferQueue's details that the model-based test does not look at: buffer age as EGL_EXT_buffer_age defines it
 * (frames since the buffer's contents were queued, 0 for a new buffer), buffer identities, the slot count limits of
 * {@code BufferQueueCore}, mailbox drops counted, the producer told on every release, and the slot summary.
 */
class BufferQueueTest {

    private static final Fence F = Fence.NO_FENCE;

    @Test
    void doubleBufferingGivesBufferAgeTwoAndTripleBufferingThree() {
        assertEquals(List.of(0, 0, 2, 2, 2), ages(new BufferQueue("double", 2, 2, 1, false), 5));
        assertEquals(List.of(0, 0, 0, 3, 3, 3), ages(new BufferQueue("triple", 2, 2, 2, false), 6));
    }

    /** Ages of {@code frames} frames, the consumer acquiring each at once and releasing the one it replaces. */
    private static List<Integer> ages(BufferQueue q, int frames) {
        List<Integer> ages = new java.util.ArrayList<>();
        int held = -1;
        for (int i = 0; i < frames; i++) {
            Dequeued d = assertInstanceOf(Dequeued.class, q.dequeue(), q.describe());
            ages.add(d.bufferAge());
            assertInstanceOf(Queued.class, q.queue(d.slot(), F, Region.of(Rect.ofSize(2, 2)), i, i));
            Acquired a = assertInstanceOf(Acquired.class, q.acquire());
            if (held >= 0) {
                q.release(held, F);
            }
            held = a.slot();
        }
        return ages;
    }

    @Test
    void eachSlotGetsItsOwnBufferNumberedInAllocationOrderAndANewOneWhenTheSizeChanges() {
        BufferQueue q = new BufferQueue("q", 3, 2, 2, false);
        Dequeued a = (Dequeued) q.dequeue();
        Dequeued b = (Dequeued) q.dequeue();
        assertEquals(0, a.buffer().id());
        assertEquals(1, b.buffer().id());
        assertEquals(3, a.buffer().width());
        q.cancel(a.slot());
        q.setDefaultBufferSize(1, 1);
        Dequeued c = (Dequeued) q.dequeue();
        assertEquals(2, c.slot(), "the least recently freed slot");
        assertEquals(2, c.buffer().id());
        q.cancel(b.slot());
        q.cancel(c.slot());
        Dequeued again = (Dequeued) q.dequeue();
        assertEquals(a.slot(), again.slot());
        assertEquals(3, again.buffer().id(), "a new buffer for the new size");
        assertEquals(1, again.buffer().width());
        assertEquals(0, again.bufferAge());
        assertEquals(1, q.width());
        assertEquals(1, q.height());
    }

    @Test
    void sizesAndCountsOutsideTheirRangesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BufferQueue("q", 1, 1, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new BufferQueue("q", 1, 1, 63, false));
        assertEquals(63, new BufferQueue("q", 1, 1, 62, false).maxBufferCount());
        assertEquals(64, new BufferQueue("q", 1, 1, 62, true).maxBufferCount(), "async mode takes one slot more");
        assertEquals(2, new BufferQueue("q", 1, 1, 1, false).maxBufferCount());
        BufferQueue q = new BufferQueue("q", 1, 1, 1, false);
        assertThrows(IllegalArgumentException.class, () -> q.setDefaultBufferSize(0, 1));
        assertThrows(IllegalArgumentException.class, () -> q.setDefaultBufferSize(1, 0));
        q.setDefaultBufferSize(1, 1);
    }

    @Test
    void aMailboxCountsTheFramesItDropsAndTellsTheProducer() {
        BufferQueue q = new BufferQueue("m", 1, 1, 1, true);
        int[] told = new int[1];
        q.setProducerListener(() -> told[0]++);
        assertTrue(q.mailbox());
        assertEquals(1, q.maxDequeued());
        assertEquals("m", q.name());
        for (int i = 0; i < 3; i++) {
            Dequeued d = (Dequeued) q.dequeue();
            q.queue(d.slot(), F, new Region(), i, i);
        }
        assertEquals(2, q.droppedFrames());
        assertEquals(2, told[0]);
        Acquired a = (Acquired) q.acquire();
        assertEquals(3, a.frameNumber());
        q.release(a.slot(), F);
        assertEquals(3, told[0], "releaseBuffer tells the producer");
        assertFalse(new BufferQueue("f", 1, 1, 1, false).mailbox());
    }

    @Test
    void describeListsEveryUsableSlotAndCountSeesOnlyThose() {
        BufferQueue q = new BufferQueue("q", 1, 1, 1, false);
        assertEquals("0:FREE 1:FREE", q.describe());
        assertEquals(2, q.count(SlotState.Free.class));
        Dequeued d = (Dequeued) q.dequeue();
        assertEquals("0:DEQUEUED 1:FREE", q.describe());
        q.queue(d.slot(), F, new Region(), 0, 0);
        assertEquals("0:QUEUED 1:FREE", q.describe());
        assertEquals(1, q.count(SlotState.Free.class));
        assertEquals(List.of(), q.invariantViolations());
    }
}
