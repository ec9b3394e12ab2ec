package org.sysmodels.compositor.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sysmodels.compositor.model.QueueOutcome.Acquired;
import org.sysmodels.compositor.model.QueueOutcome.Dequeued;
import org.sysmodels.compositor.model.QueueOutcome.Done;
import org.sysmodels.compositor.model.QueueOutcome.Queued;
import org.sysmodels.compositor.model.QueueOutcome.Refused;
import org.sysmodels.compositor.pixel.Image;
import org.sysmodels.compositor.pixel.Region;

/**
 * A BufferQueue between one producer (an app) and one consumer (SurfaceFlinger), after AOSP
 * frameworks/native/libs/gui (BufferQueueCore, BufferQueueProducer, BufferQueueConsumer). Slots move through
 * {@link SlotState}s; queued slots wait in FIFO order. The usable slots number maxDequeuedBufferCount +
 * maxAcquiredBufferCount, plus one in async (mailbox) mode ({@code BufferQueueCore::getMaxBufferCountLocked}): with
 * one acquired buffer, maxDequeued 1 is double buffering and 2 is triple buffering. In mailbox mode a queued buffer
 * that has not been acquired is dropped to FREE when a newer one is queued (its surface damage is merged into the
 * newer buffer's, so the consumer's damage stays right). The consumer may hold one buffer more
 * than maxAcquired while it swaps the old for the new, as {@code acquireBuffer} allows.
 *
 * <p>The queue does not wait on fences: it hands them over. The producer must wait for a dequeued buffer's release
 * fence before writing, and the consumer for a queued buffer's acquire fence before reading; the checks in
 * {@code org.sysmodels.compositor.check} catch those who do not.
 */
public final class BufferQueue {

    /** {@code BufferQueueDefs::NUM_BUFFER_SLOTS}. */
    public static final int NUM_BUFFER_SLOTS = 64;

    private final String name;
    private int width;
    private int height;
    private final int maxDequeued;
    private final int maxAcquired;
    private final boolean mailbox;
    private final SlotState[] states = new SlotState[NUM_BUFFER_SLOTS];
    private final GraphicBuffer[] buffers = new GraphicBuffer[NUM_BUFFER_SLOTS];
    private final long[] contentFrame = new long[NUM_BUFFER_SLOTS];
    private final long[] freedAt = new long[NUM_BUFFER_SLOTS];
    private final ArrayDeque<Integer> fifo = new ArrayDeque<>();
    private boolean bufferHasBeenQueued;
    private long nextFrameNumber = 1;
    private long freeCounter;
    private long nextBufferId;
    private long droppedFrames;
    private Runnable producerListener = () -> { };

    /**
     * @param maxDequeued 1 for double buffering, 2 for triple buffering
     * @param mailbox     async mode: a newer queued buffer replaces an unacquired one
     */
    public BufferQueue(String name, int width, int height, int maxDequeued, boolean mailbox) {
        if (maxDequeued < 1 || maxDequeued + 2 > NUM_BUFFER_SLOTS) {
            throw new IllegalArgumentException(name + ": maxDequeuedBufferCount " + maxDequeued + " outside 1.."
                    + (NUM_BUFFER_SLOTS - 2));
        }
        this.name = name;
        this.width = width;
        this.height = height;
        this.maxDequeued = maxDequeued;
        this.maxAcquired = 1;
        this.mailbox = mailbox;
        Arrays.fill(states, new SlotState.Free(Fence.NO_FENCE));
    }

    public String name() {
        return name;
    }

    /** IProducerListener::onBufferReleased: told whenever a slot becomes FREE by the consumer's doing. */
    public void setProducerListener(Runnable listener) {
        this.producerListener = listener;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /**
     * setDefaultBufferSize: buffers dequeued from now on have this size; a slot whose buffer has another size gets a
     * new one (BUFFER_NEEDS_REALLOCATION, buffer age 0).
     */
    public void setDefaultBufferSize(int w, int h) {
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException(name + ": buffer size " + w + "×" + h);
        }
        width = w;
        height = h;
    }

    public boolean mailbox() {
        return mailbox;
    }

    public int maxDequeued() {
        return maxDequeued;
    }

    /** The slots in use: maxDequeued + maxAcquired (+1 in mailbox mode). */
    public int maxBufferCount() {
        return maxDequeued + maxAcquired + (mailbox ? 1 : 0);
    }

    public SlotState state(int slot) {
        return states[slot];
    }

    public long droppedFrames() {
        return droppedFrames;
    }

    /**
     * True once a buffer has been queued: from then on maxDequeuedBufferCount binds the producer. AOSP clears it in
     * {@code BufferQueueProducer::connect}; here the producer is connected once, for the queue's whole life.
     */
    public boolean bufferHasBeenQueued() {
        return bufferHasBeenQueued;
    }

    /**
     * dequeueBuffer: the least recently freed FREE slot, allocating its buffer on first use. As in AOSP
     * {@code BufferQueueProducer::waitForFreeSlotThenRelock}, maxDequeuedBufferCount is enforced only once a buffer
     * has been queued ({@code mBufferHasBeenQueued}, set by queueBuffer): a producer that dequeues one buffer too
     * many then gets INVALID_OPERATION ("attempting to exceed the max dequeued buffer count"). Before its first
     * queueBuffer it may dequeue any FREE slot among the {@link #maxBufferCount()} usable ones
     * ({@code getMaxBufferCountLocked}); with none FREE it gets WOULD_BLOCK, as a non-blocking producer does.
     */
    public QueueOutcome dequeue() {
        int dequeued = count(SlotState.Dequeued.class);
        if (bufferHasBeenQueued && dequeued >= maxDequeued) {
            return new Refused(QueueStatus.INVALID_OPERATION, name + ": dequeueBuffer: attempting to exceed the max "
                    + "dequeued buffer count (" + maxDequeued + "): " + dequeued + " buffers already dequeued; queue "
                    + "or cancel one first");
        }
        int slot = -1;
        for (int s = 0; s < maxBufferCount(); s++) {
            if (states[s] instanceof SlotState.Free && (slot < 0 || freedAt[s] < freedAt[slot])) {
                slot = s;
            }
        }
        if (slot < 0) {
            return new Refused(QueueStatus.WOULD_BLOCK, name + ": no FREE slot (" + describe() + ")");
        }
        Fence fence = ((SlotState.Free) states[slot]).releaseFence();
        states[slot] = new SlotState.Dequeued(fence);
        if (buffers[slot] == null || buffers[slot].width() != width || buffers[slot].height() != height) {
            buffers[slot] = new GraphicBuffer(nextBufferId++, new Image(width, height));
            contentFrame[slot] = 0;
        }
        int age = contentFrame[slot] == 0 ? 0 : (int) (nextFrameNumber - contentFrame[slot]);
        return new Dequeued(slot, buffers[slot], fence, age);
    }

    /** queueBuffer: hands a written buffer to the consumer with its acquire fence and surface damage. */
    public QueueOutcome queue(int slot, Fence acquireFence, Region damage, long now, long vsyncId) {
        if (!(inRange(slot) && states[slot] instanceof SlotState.Dequeued)) {
            return refuseSlot(slot, "queueBuffer", "DEQUEUED");
        }
        long frame = nextFrameNumber++;
        contentFrame[slot] = frame;
        bufferHasBeenQueued = true;
        long dropped = -1;
        Region merged = damage;
        if (mailbox && !fifo.isEmpty()) {
            int old = fifo.removeLast();
            SlotState.Queued replaced = (SlotState.Queued) states[old];
            dropped = replaced.frameNumber();
            // The consumer never sees the dropped frame, so the new frame's damage must cover its changes too.
            merged = damage.copy().add(replaced.damage());
            free(old, Fence.NO_FENCE);
            droppedFrames++;
            producerListener.run();
        }
        states[slot] = new SlotState.Queued(frame, acquireFence, now, merged, vsyncId);
        fifo.addLast(slot);
        return new Queued(frame, dropped);
    }

    /** cancelBuffer: the producer gives a dequeued buffer back unwritten. */
    public QueueOutcome cancel(int slot) {
        if (!(inRange(slot) && states[slot] instanceof SlotState.Dequeued d)) {
            return refuseSlot(slot, "cancelBuffer", "DEQUEUED");
        }
        free(slot, d.releaseFence());
        return new Done();
    }

    /** The oldest queued buffer, without acquiring it, or -1. */
    public int peekSlot() {
        return fifo.isEmpty() ? -1 : fifo.peekFirst();
    }

    /** acquireBuffer: the oldest queued buffer moves to the consumer. */
    public QueueOutcome acquire() {
        if (fifo.isEmpty()) {
            return new Refused(QueueStatus.NO_BUFFER_AVAILABLE, name + ": nothing queued");
        }
        int acquired = count(SlotState.Acquired.class);
        if (acquired >= maxAcquired + 1) {
            return new Refused(QueueStatus.INVALID_OPERATION, name + ": the consumer already holds " + acquired
                    + " buffers (maxAcquiredBufferCount " + maxAcquired + ", +1 while swapping)");
        }
        int slot = fifo.removeFirst();
        SlotState.Queued q = (SlotState.Queued) states[slot];
        states[slot] = new SlotState.Acquired(q.frameNumber(), q.acquireFence(), q.vsyncId());
        return new Acquired(slot, buffers[slot], q.frameNumber(), q.acquireFence(), q.damage(), q.queueTime(),
                q.vsyncId());
    }

    /** releaseBuffer: the consumer is done with an acquired buffer once {@code releaseFence} signals. */
    public QueueOutcome release(int slot, Fence releaseFence) {
        if (!(inRange(slot) && states[slot] instanceof SlotState.Acquired)) {
            return refuseSlot(slot, "releaseBuffer", "ACQUIRED");
        }
        free(slot, releaseFence);
        producerListener.run();
        return new Done();
    }

    /** Broken rules of the queue's own bookkeeping, empty when it is consistent. */
    public List<String> invariantViolations() {
        List<String> out = new ArrayList<>();
        List<Integer> queued = new ArrayList<>();
        for (int s = 0; s < NUM_BUFFER_SLOTS; s++) {
            if (states[s] instanceof SlotState.Queued) {
                queued.add(s);
            }
            if (s >= maxBufferCount() && !(states[s] instanceof SlotState.Free)) {
                out.add("slot " + s + " is in use but only " + maxBufferCount() + " slots are allowed");
            }
            for (int o = s + 1; o < NUM_BUFFER_SLOTS; o++) {
                if (buffers[s] != null && buffers[s] == buffers[o]) {
                    out.add("buffer " + buffers[s].id() + " is in slots " + s + " and " + o);
                }
            }
        }
        if (!new ArrayList<>(fifo).stream().sorted().toList().equals(queued) || fifo.size() != queued.size()) {
            out.add("FIFO " + fifo + " does not hold exactly the QUEUED slots " + queued);
        }
        if (count(SlotState.Acquired.class) > maxAcquired + 1) {
            out.add("more than " + (maxAcquired + 1) + " slots ACQUIRED");
        }
        return out;
    }

    /** "0:ACQUIRED 1:QUEUED 2:FREE". */
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (int s = 0; s < maxBufferCount(); s++) {
            b.append(s == 0 ? "" : " ").append(s).append(':').append(SlotState.label(states[s]));
        }
        return b.toString();
    }

    public int count(Class<? extends SlotState> kind) {
        int n = 0;
        for (int s = 0; s < maxBufferCount(); s++) {
            if (kind.isInstance(states[s])) {
                n++;
            }
        }
        return n;
    }

    private void free(int slot, Fence fence) {
        states[slot] = new SlotState.Free(fence);
        freedAt[slot] = ++freeCounter;
    }

    private static boolean inRange(int slot) {
        return slot >= 0 && slot < NUM_BUFFER_SLOTS;
    }

    private QueueOutcome refuseSlot(int slot, String call, String wanted) {
        String is = inRange(slot) ? "is " + SlotState.label(states[slot]) : "is out of range 0.." + (NUM_BUFFER_SLOTS - 1);
        return new Refused(QueueStatus.BAD_VALUE, name + ": " + call + "(" + slot + "): slot " + is + ", not "
                + wanted);
    }
}
