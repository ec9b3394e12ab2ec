package org.sysmodels.compositor.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sysmodels.compositor.model.BufferQueue;
import org.sysmodels.compositor.model.Fence;
import org.sysmodels.compositor.model.SlotState;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.time.SimTime;

/**
 * Queue starvation: a producer that waits in dequeueBuffer for several vsyncs while no slot comes back FREE, blamed
 * on whoever holds the slots. The consumer, when a frame newer than the one on screen was ready (its acquire fence
 * signalled) for the whole wait: a healthy one latches it and releases the buffer it replaces within a frame or two.
 * The producer, when it holds every slot DEQUEUED: AOSP's {@code BufferQueueProducer::waitForFreeSlotThenRelock}
 * enforces maxDequeuedBufferCount only once a buffer has been queued, so a producer that dequeues every slot before
 * its first queueBuffer and asks for one more waits on itself for ever. Neither, when that newer frame's acquire
 * fence signalled only during the wait, or not yet: SurfaceFlinger latches only signalled buffers, so the producer
 * was waiting for its own GPU work (back-pressure, which FrameTimeline shows as jank). Reported once per layer, with
 * the slot states.
 */
public final class StarvationCheck implements CompositorCheck {

    public static final Rule RULE = new Rule("queue-starvation", "a producer waiting in dequeueBuffer gets a slot "
            + "back within a frame or two: the consumer latches ready buffers and releases each one a newer buffer "
            + "has replaced on screen, and the producer does not wait for a slot while it holds every slot itself",
            "AOSP frameworks/native/libs/gui/BufferQueueConsumer.cpp, releaseBuffer; BufferQueueProducer.cpp, "
                    + "waitForFreeSlotThenRelock");

    private final Findings findings;
    private final long limit;
    private final Set<String> reported = new HashSet<>();

    /** @param limit how long a wait is starvation, in ns (a few vsync periods) */
    public StarvationCheck(Findings findings, long limit) {
        this.findings = findings;
        this.limit = limit;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void onDequeueBlocked(String layer, BufferQueue queue, long since, long now) {
        if (now - since < limit || reported.contains(layer)) {
            return;
        }
        blame(queue, since).ifPresent(why -> {
            reported.add(layer);
            findings.violation(RULE, "the producer has waited " + SimTime.format(now - since) + " in dequeueBuffer "
                    + "and no slot came back (" + queue.describe() + "): " + why, now, layer);
        });
    }

    /** Who keeps the slots, or empty when the producer is only waiting for its own queued frames to be drawn. */
    private static Optional<String> blame(BufferQueue queue, long since) {
        if (queue.count(SlotState.Dequeued.class) == queue.maxBufferCount()) {
            return Optional.of("the producer itself holds every slot DEQUEUED, so the consumer has none to release; "
                    + "queue or cancel a buffer before dequeuing another");
        }
        return nextFrame(queue).filter(f -> f.fence().signalTime() <= since).map(f -> "frame " + f.number()
                + " was ready to replace the one on screen for the whole wait (its acquire fence had signalled): the "
                + "consumer is not releasing buffers");
    }

    private record Frame(long number, Fence fence) {
    }

    /**
     * The oldest frame newer than the one on screen: the second-oldest ACQUIRED (latched, its predecessor not yet
     * released), else the head of the queue. Once it is ready, a healthy consumer releases a slot within a frame or two.
     */
    private static Optional<Frame> nextFrame(BufferQueue queue) {
        List<Frame> acquired = new ArrayList<>();
        for (int s = 0; s < queue.maxBufferCount(); s++) {
            if (queue.state(s) instanceof SlotState.Acquired a) {
                acquired.add(new Frame(a.frameNumber(), a.acquireFence()));
            }
        }
        acquired.sort(Comparator.comparingLong(Frame::number));
        if (acquired.size() > 1) {
            return Optional.of(acquired.get(1));
        }
        int head = queue.peekSlot();
        return head >= 0 && queue.state(head) instanceof SlotState.Queued q
                ? Optional.of(new Frame(q.frameNumber(), q.acquireFence())) : Optional.empty();
    }
}
