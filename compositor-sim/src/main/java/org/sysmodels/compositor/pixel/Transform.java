package org.sysmodels.compositor.pixel;

/**
 * A layer's buffer transform, with the HWC2 / HAL values ({@code hwc_transform_t}, system/graphics.h): flips first,
 * then ROT_90 clockwise ("HAL_TRANSFORM_ROT_90 is applied CLOCKWISE and AFTER HAL_TRANSFORM_FLIP_{H|V}"). ROT_180 is
 * both flips and ROT_270 all three bits. The transform permutes the pixels of the cropped buffer; scaling to the
 * display frame comes after.
 */
public enum Transform {
    NONE(0),
    FLIP_H(1),
    FLIP_V(2),
    ROT_180(3),
    ROT_90(4),
    FLIP_H_ROT_90(5),
    FLIP_V_ROT_90(6),
    ROT_270(7);

    private final int value;

    Transform(int value) {
        this.value = value;
    }

    /** The HAL value: FLIP_H 1, FLIP_V 2, ROT_90 4. */
    public int value() {
        return value;
    }

    public static Transform of(int value) {
        if (value < 0 || value > 7) {
            throw new IllegalArgumentException("transform " + value + " is not a HAL transform (0..7)");
        }
        return values()[value];
    }

    public boolean flipH() {
        return (value & 1) != 0;
    }

    public boolean flipV() {
        return (value & 2) != 0;
    }

    public boolean rot90() {
        return (value & 4) != 0;
    }

    /** Width of a w × h crop after this transform. */
    public int width(int w, int h) {
        return rot90() ? h : w;
    }

    public int height(int w, int h) {
        return rot90() ? w : h;
    }

    /**
     * The source column, within a crop of size cw × ch, of the transformed pixel (tx, ty). A transformed image of a
     * rotated crop is ch wide: its pixel (tx, ty) is the flipped crop's (ty, ch − 1 − tx).
     */
    public int sourceX(int tx, int ty, int cw, int ch) {
        int fx = rot90() ? ty : tx;
        return flipH() ? cw - 1 - fx : fx;
    }

    /** The source row of the transformed pixel (tx, ty); see {@link #sourceX}. */
    public int sourceY(int tx, int ty, int cw, int ch) {
        int fy = rot90() ? ch - 1 - tx : ty;
        return flipV() ? ch - 1 - fy : fy;
    }
}
