package org.sysmodels.compositor.check;

import java.util.List;
import org.sysmodels.compositor.model.BufferQueue;
import org.sysmodels.compositor.model.CompositorObserver;
import org.sysmodels.compositor.pixel.Image;
import org.sysmodels.core.check.Findings;

/** At every vsync, each BufferQueue's bookkeeping must be consistent: no slot in two states, no buffer lost. */
public final class QueueInvariantCheck implements CompositorObserver {

    public static final String RULE = "buffer-queue-invariant";

    private final Findings findings;
    private final List<BufferQueue> queues;

    public QueueInvariantCheck(Findings findings, List<BufferQueue> queues) {
        this.findings = findings;
        this.queues = List.copyOf(queues);
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
