package org.sysmodels.compositor.pixel;

/** How a scaled layer is sampled: the nearest source pixel, or a 2×2 bilinear blend. */
public enum Filter {
    NEAREST,
    BILINEAR
}
