package org.sysmodels.compositor.model;

/**
 * Validate's answer for one layer: its composition type (null when the layer is not shown at all), the plane it
 * gets (null for CLIENT layers, which go through the client target), and why, in words.
 */
public record LayerVerdict(String layer, Composition requested, Composition type, String plane, String reason) {

    public boolean changed() {
        return type != null && type != requested;
    }

    public boolean shown() {
        return type != null;
    }
}
