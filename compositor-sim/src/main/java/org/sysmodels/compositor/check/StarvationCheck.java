package org.sysmodels.compositor.check;

import java.util.HashSet;
import java.util.Set;
import org.sysmodels.compositor.model.BufferQueue;
import org.sysmodels.compositor.model.SlotState;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.time.SimTime;

/**
 * Queue starvation: a producer that waits in dequeueBuffer for several vsyncs while no slot comes back FREE. The
 * finding blames whoever holds the slots. Usually the consumer: with a healthy one a buffer is released every frame,
 * so a long wait means it is holding buffers (or has stopped releasing them). But before its first queueBuffer a
 * producer may dequeue every usable slot (AOSP {@code BufferQueueProducer::waitForFreeSlotThenRelock} enforces
 * maxDequeuedBufferCount only once a buffer has been queued); if it then waits for one more, the consumer holds
 * nothing it could give back and the producer waits on itself for ever. Reported once per layer, with the slot states.
 */
public final class StarvationCheck implements CompositorCheck {

    public static final Rule RULE = new Rule("queue-starvation", "a producer waiting in dequeueBuffer gets a slot "
            + "back within a frame or two: the consumer releases each buffer it acquired once a newer one has "
            + "replaced it on screen, and the producer does not wait for a slot while it holds every slot itself",
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
        if (now - since >= limit && reported.add(layer)) {
            String waited = "the producer has waited " + SimTime.format(now - since) + " in dequeueBuffer and no "
                    + "slot came back (" + queue.describe() + "): ";
            findings.violation(RULE, waited + (producerHoldsEverySlot(queue)
                    ? "the producer itself holds every slot DEQUEUED, so the consumer has none to release; queue or "
                            + "cancel a buffer before dequeuing another"
                    : "the consumer is not releasing buffers"), now, layer);
        }
    }

    /** Only possible before the first queueBuffer, when maxDequeuedBufferCount does not bind yet. */
    private static boolean producerHoldsEverySlot(BufferQueue queue) {
        return queue.count(SlotState.Dequeued.class) == queue.maxBufferCount();
    }
}
