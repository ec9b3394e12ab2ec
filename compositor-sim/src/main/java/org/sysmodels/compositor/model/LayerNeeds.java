package org.sysmodels.compositor.model;

/** The plane features one layer needs this frame, worked out from its state by validate. */
public record LayerNeeds(boolean scaling, boolean rotation, boolean flips, BlendMode blend, boolean planeAlpha,
                         boolean solidColor, boolean offscreen) {

    /** What the client target needs: an unscaled, full-screen, premultiplied buffer. */
    public static final LayerNeeds CLIENT_TARGET = new LayerNeeds(false, false, false, BlendMode.PREMULTIPLIED, false,
            false, false);
}
