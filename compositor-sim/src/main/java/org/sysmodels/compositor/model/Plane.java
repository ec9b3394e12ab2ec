package org.sysmodels.compositor.model;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One hardware plane of the display controller and what it can do with a layer: scale, rotate by 90/270, flip, which
 * blend modes, a plane alpha below 1, a solid colour fill, a frame partly off the screen. Real capabilities are
 * vendor-specific (KMS planes advertise theirs as properties: "rotation", "pixel blend mode", "alpha"); these
 * booleans are the ones validate needs.
 */
public record Plane(String name, boolean scaling, boolean rotation, boolean flips, Set<BlendMode> blendModes,
                    boolean planeAlpha, boolean solidColor, boolean offscreen) {

    public Plane {
        blendModes = Set.copyOf(blendModes);
    }

    /** A typical overlay plane: scales, flips, every blend mode and plane alpha, but cannot rotate by 90°. */
    public static Plane overlay(String name) {
        return new Plane(name, true, false, true, EnumSet.allOf(BlendMode.class), true, true, true);
    }

    /** A plane that can also rotate (a "video" or "rotator" plane). */
    public static Plane rotating(String name) {
        return new Plane(name, true, true, true, EnumSet.allOf(BlendMode.class), true, true, true);
    }

    /** The primary plane: no scaling, no rotation, premultiplied or opaque only. */
    public static Plane primary(String name) {
        return new Plane(name, false, false, false, EnumSet.of(BlendMode.NONE, BlendMode.PREMULTIPLIED), true,
                false, true);
    }

    /** A common phone layout: one primary and three overlays, one of which rotates (four planes in all). */
    public static List<Plane> typical() {
        return List.of(primary("primary"), overlay("overlay1"), overlay("overlay2"), rotating("video"));
    }

    /** Why this plane cannot take the layer, or null when it can. */
    public String refuses(LayerNeeds needs) {
        if (needs.scaling() && !scaling) {
            return "scaling";
        }
        if (needs.rotation() && !rotation) {
            return "90° rotation";
        }
        if (needs.flips() && !flips) {
            return "flips";
        }
        if (!blendModes.contains(needs.blend())) {
            return "blend mode " + needs.blend();
        }
        if (needs.planeAlpha() && !planeAlpha) {
            return "plane alpha";
        }
        if (needs.solidColor() && !solidColor) {
            return "solid colour";
        }
        if (needs.offscreen() && !offscreen) {
            return "a frame outside the display";
        }
        return null;
    }
}
