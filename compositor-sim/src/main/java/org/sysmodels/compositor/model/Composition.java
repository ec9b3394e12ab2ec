package org.sysmodels.compositor.model;

/** HWC2 composition types ({@code hwc2_composition_t}, hwcomposer2.h), with their values. */
public enum Composition {
    /** The client (SurfaceFlinger's RenderEngine, the GPU) draws the layer into the client target. */
    CLIENT(1),
    /** The display hardware scans the layer out of an overlay plane. */
    DEVICE(2),
    /** The hardware fills the frame with the layer's colour. */
    SOLID_COLOR(3),
    /** A DEVICE layer that moves often (a mouse pointer). Not used by the scenarios. */
    CURSOR(4),
    /** Contents come from a sideband stream (a tuner). Not modelled. */
    SIDEBAND(5);

    private final int value;

    Composition(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
