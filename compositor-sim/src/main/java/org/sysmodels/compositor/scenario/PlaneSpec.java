package org.sysmodels.compositor.scenario;

import java.util.EnumSet;
import java.util.List;
import org.sysmodels.compositor.model.BlendMode;
import org.sysmodels.compositor.model.Plane;
import org.sysmodels.core.scenario.InvalidFieldException;

/**
 * A hardware plane in a scenario file; missing capabilities default to an overlay plane's (scaling, flips, every
 * blend mode, plane alpha, solid colour, off-screen frames; no 90° rotation).
 */
public record PlaneSpec(String name, Boolean scaling, Boolean rotation, Boolean flips, List<BlendMode> blendModes,
                        Boolean planeAlpha, Boolean solidColor, Boolean offscreen) {

    public PlaneSpec {
        if (name == null || name.isBlank()) {
            throw new InvalidFieldException("name", "every plane needs a name");
        }
        if (blendModes != null && blendModes.isEmpty()) {
            throw new InvalidFieldException("blendModes", "a plane must support at least one blend mode");
        }
    }

    public Plane plane() {
        return new Plane(name, or(scaling, true), or(rotation, false), or(flips, true),
                blendModes == null ? EnumSet.allOf(BlendMode.class) : EnumSet.copyOf(blendModes),
                or(planeAlpha, true), or(solidColor, true), or(offscreen, true));
    }

    private static boolean or(Boolean b, boolean fallback) {
        return b == null ? fallback : b;
    }
}
