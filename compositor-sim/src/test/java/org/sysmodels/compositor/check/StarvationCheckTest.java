package org.sysmodels.compositor.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sysmodels.compositor.model.BufferQueue;
import org.sysmodels.compositor.model.Fence;
import org.sysmodels.compositor.model.QueueOutcome.Dequeued;
import org.sysmodels.compositor.pixel.Region;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.check.Findings;

/**
 * A starving producer is blamed on whoever holds the slots: the consumer when it keeps buffers it acquired or leaves
 * a ready one unlatched, the producer when it dequeued every slot before its first queueBuffer (AOSP lets it) and
 * waits for one more, nobody when it only waits for its own queued frames to be drawn.
 */
class StarvationCheckTest {

    private static final long LIMIT = 100;

    @Test
    void aConsumerThatKeepsItsBuffersIsBlamed() {
        BufferQueue q = new BufferQueue("list", 2, 2, 1, false);
        for (int i = 0; i < 2; i++) {
            Dequeued d = assertInstanceOf(Dequeued.class, q.dequeue());
            q.queue(d.slot(), Fence.NO_FENCE, new Region(), i, i);
            q.acquire();
        }
        String message = starve(q);
        assertTrue(message.endsWith("(0:ACQUIRED 1:ACQUIRED): frame 2 was ready to replace the one on screen for the "
                + "whole wait (its acquire fence had signalled): the consumer is not releasing buffers"), message);
    }

    @Test
    void aConsumerThatLeavesAReadyBufferUnlatchedForTheWholeWaitIsBlamed() {
        String message = starve(gpuBound(0));
        assertTrue(message.contains("frame 2 was ready to replace the one on screen for the whole wait")
                && message.endsWith("the consumer is not releasing buffers"), message);
    }

    @Test
    void aProducerWaitingForItsOwnQueuedFramesToBeDrawnIsNobodysStarvation() {
        // A GPU-bound app: the consumer holds only the buffer on screen, and the queued frames' acquire fences have
        // not signalled, so SurfaceFlinger cannot latch them. Back-pressure, not a consumer keeping buffers.
        // The same just after SurfaceFlinger latched frame 2, before it presents it and releases frame 1.
        BufferQueue q = gpuBound(LIMIT / 2);
        Findings findings = new Findings();
        StarvationCheck check = new StarvationCheck(findings, LIMIT);
        check.onDequeueBlocked(q.name(), q, 0, LIMIT);
        q.acquire();
        assertEquals("0:ACQUIRED 1:ACQUIRED 2:QUEUED", q.describe());
        check.onDequeueBlocked(q.name(), q, 0, 2 * LIMIT);
        assertEquals(0, findings.violations(), findings.list().toString());
    }

    /** Triple buffering: frame 1 on screen, frames 2 and 3 queued with their acquire fences signalling at {@code at}. */
    private static BufferQueue gpuBound(long at) {
        BufferQueue q = new BufferQueue("app", 2, 2, 2, false);
        for (int i = 0; i < 3; i++) {
            Dequeued d = assertInstanceOf(Dequeued.class, q.dequeue());
            q.queue(d.slot(), Fence.at("drawn", i == 0 ? 0 : at), new Region(), 0, i);
        }
        q.acquire();
        assertEquals("0:ACQUIRED 1:QUEUED 2:QUEUED", q.describe());
        return q;
    }

    @Test
    void aProducerHoldingEverySlotBeforeItsFirstQueueIsBlamedNotTheConsumer() {
        BufferQueue q = new BufferQueue("launcher", 2, 2, 2, false);
        for (int i = 0; i < q.maxBufferCount(); i++) {
            assertInstanceOf(Dequeued.class, q.dequeue());
        }
        String message = starve(q);
        assertTrue(message.contains("the producer itself holds every slot DEQUEUED"), message);
        assertTrue(message.contains("(0:DEQUEUED 1:DEQUEUED 2:DEQUEUED)"), message);
    }

    private static String starve(BufferQueue q) {
        Findings findings = new Findings();
        StarvationCheck check = new StarvationCheck(findings, LIMIT);
        check.onDequeueBlocked(q.name(), q, 0, LIMIT - 1);
        assertEquals(0, findings.violations(), "a wait shorter than the limit is not starvation");
        check.onDequeueBlocked(q.name(), q, 0, LIMIT);
        check.onDequeueBlocked(q.name(), q, 0, 2 * LIMIT);
        assertEquals(1, findings.violations(), "once per layer");
        Finding f = findings.list().get(0);
        assertEquals(StarvationCheck.RULE.name(), f.rule());
        assertEquals(q.name(), f.where());
        return f.message();
    }
}
