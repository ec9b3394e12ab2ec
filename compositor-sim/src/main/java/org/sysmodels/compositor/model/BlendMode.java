package org.sysmodels.compositor.model;

/**
 * How a layer's pixels meet what lies below, with the HWC2 values ({@code hwc2_blend_mode_t}, hwcomposer2.h).
 * Plane alpha p applies in every mode; the formulas, as in the Linux DRM "pixel blend mode" property:
 * NONE out = p·s + (1−p)·d · PREMULTIPLIED out = p·s + (1 − p·s.a)·d · COVERAGE out = p·s.a·s + (1 − p·s.a)·d.
 * See {@link org.sysmodels.compositor.pixel.Combine} for the exact 8-bit arithmetic.
 */
public enum BlendMode {
    /** The buffer is opaque: its alpha byte is ignored. */
    NONE(1),
    /** The buffer holds premultiplied colour, the usual case for UI. */
    PREMULTIPLIED(2),
    /** The buffer holds straight colour and coverage in alpha. */
    COVERAGE(3);

    private final int value;

    BlendMode(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
