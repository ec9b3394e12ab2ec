package org.sysmodels.compositor.check;

import org.sysmodels.compositor.model.GraphicBuffer;
import org.sysmodels.compositor.pixel.Combine;
import org.sysmodels.compositor.pixel.Image;
import org.sysmodels.compositor.pixel.Rect;
import org.sysmodels.compositor.pixel.Region;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;

/**
 * The premultiplied invariant: in a buffer whose layer blends as PREMULTIPLIED, no colour channel may exceed alpha
 * (c = straight colour × alpha ≤ alpha). A straight-alpha buffer sent as premultiplied breaks it wherever alpha is
 * below 255, and SRC_OVER then adds too much colour: a bright halo around soft edges. Checked in the surface damage
 * of every latched buffer (the rest was checked when it changed); the first offending pixel is named.
 */
public final class PremultipliedCheck implements CompositorCheck {

    public static final Rule RULE = new Rule("premultiplied-invariant", "in a buffer whose layer blends as "
            + "PREMULTIPLIED the colour channels are already multiplied by alpha, so none exceeds alpha",
            "AOSP hardware/interfaces/graphics/common/aidl/android/hardware/graphics/common/BlendMode.aidl "
                    + "(PREMULTIPLIED)");

    private final Findings findings;

    public PremultipliedCheck(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void onLatched(String layer, GraphicBuffer buffer, Region damage, long frameNumber,
                          boolean premultiplied, long when) {
        if (!premultiplied) {
            return;
        }
        Image img = buffer.image();
        int[] px = img.pixels();
        long bad = 0;
        int first = -1;
        for (Rect r : damage.copy().intersect(img.bounds()).rects()) {
            for (int y = r.top(); y < r.bottom(); y++) {
                for (int i = y * img.width() + r.left(); i < y * img.width() + r.right(); i++) {
                    if (!Combine.isPremultiplied(px[i])) {
                        bad++;
                        first = first < 0 ? i : first;
                    }
                }
            }
        }
        if (bad > 0) {
            int p = px[first];
            findings.violation(RULE, "frame " + frameNumber + ": " + bad + " pixels have a colour channel above "
                    + "their alpha, e.g. (" + first % img.width() + "," + first / img.width() + ") = 0x"
                    + String.format(java.util.Locale.ROOT, "%08x", p) + " (alpha " + (p >>> 24) + "): straight alpha sent as premultiplied",
                    when, layer);
        }
    }
}
