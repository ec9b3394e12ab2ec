package org.sysmodels.compositor.check;

import org.sysmodels.compositor.model.GraphicBuffer;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;

/**
 * The display must never scan out a buffer while it is being written: a buffer leaves a plane only with a release
 * fence that signals once the display has finished reading it. A write the display showed mid-scan is a tear: the
 * rows below the beam show the new frame, the rows above the old one.
 */
public final class TearCheck implements CompositorCheck {

    public static final Rule RULE = new Rule("tearing", "a buffer on a display plane is not written while the "
            + "display scans it out; its release fence signals when the display has stopped reading it",
            "hardware/libhardware/include/hardware/hwcomposer2.h, getReleaseFences");

    private final Findings findings;

    public TearCheck(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void onTorn(String layer, GraphicBuffer buffer, int row, int height, long when) {
        findings.violation(RULE, "the screen tore at row " + row + " of " + height + ": buffer " + buffer.id()
                + " was overwritten while the display scanned it out", when, layer);
    }
}
