package org.sysmodels.compositor.check;

import org.sysmodels.compositor.model.Fence;
import org.sysmodels.compositor.model.GraphicBuffer;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.time.SimTime;

/**
 * A producer must not write a dequeued buffer before its release fence signals: until then the display may still be
 * scanning it out, or the GPU sampling it. Every write before the fence is a violation.
 */
public final class ReleaseFenceCheck implements CompositorCheck {

    public static final Rule RULE = new Rule("write-before-release-fence", "the contents of a dequeued buffer must "
            + "not be overwritten until the fence returned with it signals",
            "AOSP frameworks/native/libs/gui/include/gui/IGraphicBufferProducer.h, dequeueBuffer");

    private final Findings findings;

    public ReleaseFenceCheck(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void onBufferWritten(String layer, GraphicBuffer buffer, long when, Fence releaseFence) {
        if (!releaseFence.hasSignaled(when)) {
            findings.violation(RULE, "buffer " + buffer.id() + " written " + SimTime.format(releaseFence.signalTime()
                    - when) + " before its release fence (" + releaseFence.name() + ") signalled", when, layer);
        }
    }
}
