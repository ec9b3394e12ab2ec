package org.sysmodels.compositor.check;

import org.sysmodels.compositor.model.CompositorObserver;
import org.sysmodels.compositor.model.Fence;
import org.sysmodels.compositor.model.GraphicBuffer;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.time.SimTime;

/**
 * A producer must not write a dequeued buffer before its release fence signals: until then the display may still be
 * scanning it out, or the GPU sampling it (IGraphicBufferProducer::dequeueBuffer hands the fence over for exactly
 * this). A write before the fence is a violation; when the display was showing that buffer on a plane, the screen
 * tore, and {@link #onTear} records the row.
 */
public final class FenceCheck implements CompositorObserver {

    public static final String RULE = "write-before-release-fence";
    public static final String TEAR = "tearing";

    private final Findings findings;

    public FenceCheck(Findings findings) {
        this.findings = findings;
    }

    @Override
    public void onBufferWritten(String layer, GraphicBuffer buffer, long when, Fence releaseFence) {
        if (!releaseFence.hasSignaled(when)) {
            findings.violation(RULE, "buffer " + buffer.id() + " written " + SimTime.format(releaseFence.signalTime()
                    - when) + " before its release fence (" + releaseFence.name() + ") signalled", when, layer);
        }
    }

    /** The display showed the buffer while it was written: rows from {@code row} down show the new frame. */
    public void onTear(String layer, GraphicBuffer buffer, int row, int height, long when) {
        findings.violation(TEAR, "the screen tore at row " + row + " of " + height + ": buffer " + buffer.id()
                + " was overwritten while the display scanned it out", when, layer);
    }
}
