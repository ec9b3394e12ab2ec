package org.sysmodels.compositor.check;

import java.util.HashSet;
import java.util.Set;
import org.sysmodels.compositor.model.BufferQueue;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.time.SimTime;

/**
 * Queue starvation: a producer that waits in dequeueBuffer for several vsyncs while no slot comes back FREE. With a
 * healthy consumer a buffer is released every frame, so a long wait means the consumer is holding buffers (or has
 * stopped releasing them). Reported once per layer, with the slot states.
 */
public final class StarvationCheck implements CompositorCheck {

    public static final Rule RULE = new Rule("queue-starvation", "the consumer releases each buffer it acquired once "
            + "a newer one has replaced it on screen, so a producer waiting in dequeueBuffer gets a slot back within a "
            + "frame or two", "AOSP frameworks/native/libs/gui/BufferQueueConsumer.cpp, releaseBuffer");

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
            findings.violation(RULE, "the producer has waited " + SimTime.format(now - since)
                    + " in dequeueBuffer and no slot came back (" + queue.describe() + "): the consumer is not "
                    + "releasing buffers", now, layer);
        }
    }
}
