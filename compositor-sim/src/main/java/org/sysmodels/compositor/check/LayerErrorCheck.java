package org.sysmodels.compositor.check;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;

/**
 * Layers validateDisplay refused (a source crop outside its buffer, an empty frame): warnings that name the layer,
 * each reported once. The HWC's reaction is to leave the layer out of the frame; the run goes on without it.
 */
public final class LayerErrorCheck implements CompositorCheck {

    public static final Rule RULE = new Rule("layer-error", "a layer with invalid parameters (a source crop outside "
            + "its buffer, an empty display frame) is refused with HWC2_ERROR_BAD_PARAMETER and left out of the frame",
            "hardware/libhardware/include/hardware/hwcomposer2.h (setLayerSourceCrop, setLayerDisplayFrame, "
                    + "validateDisplay)");

    private final Findings findings;
    private final Set<String> seen = new HashSet<>();

    public LayerErrorCheck(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void onLayerErrors(List<String> errors, long when) {
        for (String e : errors) {
            if (!seen.add(e)) {
                continue;
            }
            int colon = e.indexOf(':');
            findings.warning(RULE, colon > 0 ? e.substring(colon + 2) : e, when, colon > 0 ? e.substring(0, colon)
                    : "");
        }
    }
}
