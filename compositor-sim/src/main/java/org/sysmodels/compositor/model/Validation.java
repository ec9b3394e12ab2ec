package org.sysmodels.compositor.model;

import java.util.List;

/**
 * The result of validateDisplay: a verdict per layer in z-order, the plane of the client target (null when no layer
 * is CLIENT), and the layers refused with an error. {@link #changes()} is what getChangedCompositionTypes returns;
 * SurfaceFlinger accepts them with acceptDisplayChanges.
 */
public record Validation(List<LayerVerdict> verdicts, String clientTargetPlane, List<String> errors) {

    public Validation {
        verdicts = List.copyOf(verdicts);
        errors = List.copyOf(errors);
    }

    public List<LayerVerdict> changes() {
        return verdicts.stream().filter(LayerVerdict::changed).toList();
    }

    public boolean hasClientComposition() {
        return clientTargetPlane != null;
    }

    public long count(Composition type) {
        return verdicts.stream().filter(v -> v.type() == type).count();
    }

    public LayerVerdict verdict(String layer) {
        return verdicts.stream().filter(v -> v.layer().equals(layer)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no layer " + layer));
    }
}
