package org.sysmodels.compositor.check;

import java.util.List;
import org.sysmodels.compositor.model.BufferQueue;
import org.sysmodels.compositor.pixel.Image;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;

/** At every vsync, each BufferQueue's bookkeeping must be consistent: no slot in two states, no buffer lost. */
public final class QueueInvariantCheck implements CompositorCheck {

    public static final Rule RULE = new Rule("buffer-queue-invariant", "each slot is in one state, the QUEUED slots "
            + "are exactly the queue's FIFO, no buffer sits in two slots, no slot beyond the usable count is "
            + "in use and no more than maxAcquiredBufferCount + 1 are ACQUIRED",
            "AOSP frameworks/native/libs/gui/BufferQueueCore.cpp, validateConsistencyLocked");

    private final Findings findings;
    private final List<BufferQueue> queues;

    public QueueInvariantCheck(Findings findings, List<BufferQueue> queues) {
        this.findings = findings;
        this.queues = List.copyOf(queues);
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void onScanout(long vsync, long time, Image screen, long displayFrame, List<String> layerFrames) {
        for (BufferQueue q : queues) {
            for (String v : q.invariantViolations()) {
                findings.violation(RULE, v, time, q.name());
            }
        }
    }
}
