package org.sysmodels.compositor.model;

import java.util.Arrays;
import java.util.List;

/**
 * Gives each layer that stays on the hardware a plane that can show it: a bipartite matching of layers to planes by
 * capability (augmenting paths, Kuhn 1955), so a scarce plane (the only one that rotates) goes to the layer that
 * needs it. A display controller's atomic test commit answers the same question in hardware.
 */
final class PlaneMatcher {

    private PlaneMatcher() {
    }

    /**
     * @return per request, the index of its plane in {@code planes}, or -1 when no complete matching gives it one
     */
    static int[] match(List<LayerNeeds> requests, List<Plane> planes) {
        int[] owner = new int[planes.size()];
        Arrays.fill(owner, -1);
        for (int r = 0; r < requests.size(); r++) {
            augment(r, requests, planes, owner, new boolean[planes.size()]);
        }
        int[] planeOf = new int[requests.size()];
        Arrays.fill(planeOf, -1);
        for (int p = 0; p < owner.length; p++) {
            if (owner[p] >= 0) {
                planeOf[owner[p]] = p;
            }
        }
        return planeOf;
    }

    private static boolean augment(int r, List<LayerNeeds> requests, List<Plane> planes, int[] owner, boolean[] seen) {
        // A free plane first, in the display's plane order (primary first), so the bottom layer gets the primary
        // plane and scarce planes listed last stay free; only then move an earlier layer to make room.
        for (int p = 0; p < planes.size(); p++) {
            if (owner[p] < 0 && !seen[p] && planes.get(p).refuses(requests.get(r)) == null) {
                seen[p] = true;
                owner[p] = r;
                return true;
            }
        }
        for (int p = 0; p < planes.size(); p++) {
            if (seen[p] || planes.get(p).refuses(requests.get(r)) != null) {
                continue;
            }
            seen[p] = true;
            if (owner[p] < 0 || augment(owner[p], requests, planes, owner, seen)) {
                owner[p] = r;
                return true;
            }
        }
        return false;
    }
}
