package org.sysmodels.compositor.check;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sysmodels.compositor.model.CompositorObserver;
import org.sysmodels.core.check.Findings;

/**
 * Layers the HWC refused (a source crop outside its buffer, an empty frame) and failed BufferQueue calls: warnings
 * that name the layer, each reported once. The run goes on without that layer; nothing crashes.
 */
public final class LayerErrorCheck implements CompositorObserver {

    public static final String RULE = "layer-error";

    private final Findings findings;
    private final Set<String> seen = new HashSet<>();

    public LayerErrorCheck(Findings findings) {
        this.findings = findings;
    }

    @Override
    public void onLayerErrors(List<String> errors, long when) {
        for (String e : errors) {
            if (!seen.add(e)) {
                continue;
            }
            int colon = e.indexOf(':');
            findings.warning(RULE, colon > 0 ? e.substring(colon + 2) : e, when, colon > 0 ? e.substring(0, colon) : "");
        }
    }
}
