package org.sysmodels.compositor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.sysmodels.core.testing.Props.property;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;
import org.sysmodels.compositor.model.QueueOutcome.Acquired;
import org.sysmodels.compositor.model.QueueOutcome.Dequeued;
import org.sysmodels.compositor.model.QueueOutcome.Queued;
import org.sysmodels.compositor.model.QueueOutcome.Refused;
import org.sysmodels.compositor.pixel.Region;

/**
 * Model-based test: random sequences of producer and consumer calls (including calls on the wrong slot) run against
 * the BufferQueue and against a reference that keeps one state name per slot and a FIFO of queued slots (and, as
 * AOSP's waitForFreeSlotThenRelock, holds the producer to maxDequeuedBufferCount only once a buffer has been queued).
 * After every call the outcome must be the one the reference predicts, the slot states must agree, no slot may be in
 * two states, no buffer may be lost (a slot keeps its buffer for life; every queued frame is acquired, dropped in
 * mailbox mode, or still queued) and acquisition must follow queue order. A failure shrinks to the shortest sequence.
 */
class BufferQueueModelTest {

    enum Kind { DEQUEUE, QUEUE, CANCEL, ACQUIRE, RELEASE }

    record Command(Kind kind, int slot) {
        @Override
        public String toString() {
            return kind == Kind.DEQUEUE || kind == Kind.ACQUIRE ? kind.name() : kind + "(" + slot + ")";
        }
    }

    static Gen<Command> commands() {
        Gen<Kind> kind = SourceDSL.integers().between(0, 4).map(i -> Kind.values()[i]);
        Gen<Integer> slot = SourceDSL.integers().between(-1, 5).map(s -> s == 5 ? 64 : s);
        return kind.zip(slot, Command::new);
    }

    @Test
    void randomCallSequencesAgreeWithTheReference() {
        property(400).forAll(SourceDSL.integers().between(1, 3), SourceDSL.booleans().all(),
                SourceDSL.lists().of(commands()).ofSizeBetween(1, 80))
                .checkAssert(BufferQueueModelTest::run);
    }

    static void run(int maxDequeued, boolean mailbox, List<Command> commands) {
        BufferQueue q = new BufferQueue("q", 4, 2, maxDequeued, mailbox);
        Reference ref = new Reference(maxDequeued, mailbox);
        Map<Integer, GraphicBuffer> bufferOfSlot = new HashMap<>();
        Set<Long> queuedFrames = new HashSet<>();
        Set<Long> gone = new HashSet<>();
        long lastAcquired = 0;
        int step = 0;
        for (Command c : commands) {
            step++;
            String at = "step " + step + " " + c + " of " + commands + " (maxDequeued " + maxDequeued
                    + (mailbox ? ", mailbox)" : ")");
            switch (c.kind()) {
                case DEQUEUE -> {
                    QueueOutcome o = q.dequeue();
                    QueueStatus expected = ref.dequeueStatus();
                    if (expected != null) {
                        assertRefused(expected, o, at);
                    } else {
                        Dequeued d = assertInstanceOf(Dequeued.class, o, at);
                        assertTrue(d.slot() < ref.maxCount && ref.is(d.slot(), "FREE"), at + ": dequeued a slot "
                                + "that was not FREE: " + d.slot());
                        GraphicBuffer before = bufferOfSlot.putIfAbsent(d.slot(), d.buffer());
                        if (before != null) {
                            assertSame(before, d.buffer(), at + ": slot changed its buffer");
                        }
                        ref.states[d.slot()] = "DEQUEUED";
                    }
                }
                case QUEUE -> {
                    QueueOutcome o = q.queue(c.slot(), Fence.at("a", step), new Region(), step, step);
                    if (!ref.is(c.slot(), "DEQUEUED")) {
                        assertRefused(QueueStatus.BAD_VALUE, o, at);
                    } else {
                        Queued qd = assertInstanceOf(Queued.class, o, at);
                        assertTrue(queuedFrames.add(qd.frameNumber()), at + ": frame number reused");
                        long dropped = ref.queue(c.slot(), qd.frameNumber());
                        assertEquals(dropped, qd.droppedFrameNumber(), at + ": dropped frame");
                        if (dropped > 0) {
                            gone.add(dropped);
                        }
                    }
                }
                case CANCEL -> {
                    QueueOutcome o = q.cancel(c.slot());
                    if (!ref.is(c.slot(), "DEQUEUED")) {
                        assertRefused(QueueStatus.BAD_VALUE, o, at);
                    } else {
                        assertTrue(o.ok(), at);
                        ref.states[c.slot()] = "FREE";
                    }
                }
                case ACQUIRE -> {
                    QueueOutcome o = q.acquire();
                    QueueStatus expected = ref.acquireStatus();
                    if (expected != null) {
                        assertRefused(expected, o, at);
                    } else {
                        Acquired a = assertInstanceOf(Acquired.class, o, at);
                        int slot = ref.fifo.removeFirst();
                        assertEquals(slot, a.slot(), at + ": not the oldest queued buffer");
                        assertEquals(ref.frameOf.get(slot), a.frameNumber(), at);
                        assertTrue(a.frameNumber() > lastAcquired, at + ": acquired out of queue order");
                        assertSame(bufferOfSlot.get(slot), a.buffer(), at + ": buffer lost");
                        lastAcquired = a.frameNumber();
                        gone.add(a.frameNumber());
                        ref.states[slot] = "ACQUIRED";
                    }
                }
                case RELEASE -> {
                    QueueOutcome o = q.release(c.slot(), Fence.at("r", step));
                    if (!ref.is(c.slot(), "ACQUIRED")) {
                        assertRefused(QueueStatus.BAD_VALUE, o, at);
                    } else {
                        assertTrue(o.ok(), at);
                        ref.states[c.slot()] = "FREE";
                    }
                }
            }
            for (int s = 0; s < BufferQueue.NUM_BUFFER_SLOTS; s++) {
                assertEquals(ref.states[s], SlotState.label(q.state(s)), at + ": state of slot " + s);
            }
            assertEquals(List.of(), q.invariantViolations(), at);
            Set<Long> stillQueued = new HashSet<>(ref.frameOfQueued());
            for (long f : queuedFrames) {
                if (!gone.contains(f) && !stillQueued.contains(f)) {
                    fail(at + ": frame " + f + " was queued, then neither acquired, dropped nor still queued");
                }
            }
        }
    }

    private static void assertRefused(QueueStatus status, QueueOutcome o, String at) {
        Refused r = assertInstanceOf(Refused.class, o, at + ": expected " + status);
        assertEquals(status, r.status(), at + ": " + r.message());
    }

    /** The reference: a state name per slot, a FIFO of queued slots and their frame numbers. */
    static final class Reference {
        final String[] states = new String[BufferQueue.NUM_BUFFER_SLOTS];
        final ArrayDeque<Integer> fifo = new ArrayDeque<>();
        final Map<Integer, Long> frameOf = new HashMap<>();
        final int maxDequeued;
        final boolean mailbox;
        final int maxCount;
        boolean queuedOnce;

        Reference(int maxDequeued, boolean mailbox) {
            java.util.Arrays.fill(states, "FREE");
            this.maxDequeued = maxDequeued;
            this.mailbox = mailbox;
            this.maxCount = maxDequeued + 1 + (mailbox ? 1 : 0);
        }

        boolean is(int slot, String state) {
            return slot >= 0 && slot < states.length && states[slot].equals(state);
        }

        int count(String state) {
            int n = 0;
            for (String s : states) {
                n += s.equals(state) ? 1 : 0;
            }
            return n;
        }

        QueueStatus dequeueStatus() {
            if (queuedOnce && count("DEQUEUED") >= maxDequeued) {
                return QueueStatus.INVALID_OPERATION;
            }
            for (int s = 0; s < maxCount; s++) {
                if (states[s].equals("FREE")) {
                    return null;
                }
            }
            return QueueStatus.WOULD_BLOCK;
        }

        /** Queues slot as frame; returns the frame dropped in mailbox mode, or -1. */
        long queue(int slot, long frame) {
            long dropped = -1;
            queuedOnce = true;
            if (mailbox && !fifo.isEmpty()) {
                int old = fifo.removeLast();
                dropped = frameOf.get(old);
                states[old] = "FREE";
            }
            states[slot] = "QUEUED";
            frameOf.put(slot, frame);
            fifo.addLast(slot);
            return dropped;
        }

        QueueStatus acquireStatus() {
            if (fifo.isEmpty()) {
                return QueueStatus.NO_BUFFER_AVAILABLE;
            }
            return count("ACQUIRED") >= 2 ? QueueStatus.INVALID_OPERATION : null;
        }

        List<Long> frameOfQueued() {
            List<Long> out = new ArrayList<>();
            for (int s : fifo) {
                out.add(frameOf.get(s));
            }
            return out;
        }
    }
}
