package org.sysmodels.compositor.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sysmodels.compositor.pixel.Rect;

/**
 * The HWC2 device for one display: validateDisplay decides per layer between DEVICE (an overlay plane), SOLID_COLOR
 * and CLIENT (the GPU draws it into the client target), as hwcomposer2.h describes; presentDisplay is done by
 * {@link DisplayPipeline}, which blends the planes in z-order.
 *
 * <p>validate, in order: a layer whose source crop does not fit its buffer (a buffer of the wrong size) is refused
 * with an error naming it and not shown; a layer wholly outside the display is not shown; with a colour transform the
 * device cannot apply, every layer goes CLIENT (hwcomposer2.h, setColorTransform); a layer no plane can show (it
 * needs scaling, 90° rotation, a blend mode, plane alpha... that no plane has) must be CLIENT; then {@link ClientRange}
 * makes the CLIENT layers one contiguous z-range and grows it until the rest fit the planes with one left for the
 * client target; {@link PlaneMatcher} assigns planes, and a layer left without one joins the CLIENT set and the
 * choice is made again.
 */
public final class Hwc2Display {

    private final Rect bounds;
    private final List<Plane> planes;
    private final boolean colorTransformSupported;

    public Hwc2Display(int width, int height, List<Plane> planes, boolean colorTransformSupported) {
        if (planes.isEmpty()) {
            throw new IllegalArgumentException("a display needs at least one plane (for the client target)");
        }
        this.bounds = Rect.ofSize(width, height);
        this.planes = List.copyOf(planes);
        this.colorTransformSupported = colorTransformSupported;
    }

    public Rect bounds() {
        return bounds;
    }

    public List<Plane> planes() {
        return planes;
    }

    /** validateDisplay for the layers in z-order, bottom first; {@code colorTransform}: one is set this frame. */
    public Validation validate(List<HwcLayer> layers, boolean colorTransform) {
        List<String> errors = new ArrayList<>();
        List<HwcLayer> shown = new ArrayList<>();
        LayerVerdict[] verdicts = new LayerVerdict[layers.size()];
        int[] indexOf = new int[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            HwcLayer l = layers.get(i);
            String refused = refusal(l);
            if (refused != null) {
                errors.add(l.name() + ": " + refused);
                verdicts[i] = new LayerVerdict(l.name(), l.requested(), null, null, refused);
            } else if (!l.frame().intersects(bounds)) {
                verdicts[i] = new LayerVerdict(l.name(), l.requested(), null, null, "display frame " + l.frame()
                        + " lies outside the " + bounds.width() + "×" + bounds.height() + " display; not shown");
            } else {
                indexOf[shown.size()] = i;
                shown.add(l);
            }
        }
        int n = shown.size();
        String[] why = new String[n];
        List<Boolean> forced = new ArrayList<>();
        long[] areas = new long[n];
        for (int z = 0; z < n; z++) {
            HwcLayer l = shown.get(z);
            areas[z] = l.frame().intersect(bounds).area();
            why[z] = mustBeClient(l, colorTransform);
            forced.add(why[z] != null);
        }
        ClientRange range;
        int[] planeOf;
        while (true) {
            range = ClientRange.choose(forced, areas, planes.size());
            List<LayerNeeds> requests = new ArrayList<>();
            List<Integer> zOfRequest = new ArrayList<>();
            for (int z = 0; z < n; z++) {
                if (!range.contains(z)) {
                    requests.add(shown.get(z).needs(bounds));
                    zOfRequest.add(z);
                }
            }
            if (range.size() > 0) {
                requests.add(LayerNeeds.CLIENT_TARGET);
                zOfRequest.add(-1);
            }
            planeOf = PlaneMatcher.match(requests, planes);
            int unmatched = firstUnmatched(planeOf, zOfRequest);
            if (unmatched == Integer.MIN_VALUE) {
                planeOf = spread(planeOf, zOfRequest, n);
                break;
            }
            if (unmatched < 0 && !forced.contains(false)) {
                errors.add("no plane can take the client target (none does PREMULTIPLIED unscaled); nothing shown");
                for (int z = 0; z < n; z++) {
                    HwcLayer l = shown.get(z);
                    verdicts[indexOf[z]] = new LayerVerdict(l.name(), l.requested(), null, null, "no client target");
                }
                return new Validation(Arrays.asList(verdicts), null, errors);
            }
            if (unmatched < 0) {
                // Not even the client target found a plane: everything goes to the client target alone.
                Arrays.fill(why, "no plane left");
                forced.replaceAll(f -> true);
            } else {
                why[unmatched] = "no free plane can do " + describe(shown.get(unmatched));
                forced.set(unmatched, true);
            }
        }
        String clientPlane = range.size() > 0 ? planes.get(planeOf[n]).name() : null;
        for (int z = 0; z < n; z++) {
            HwcLayer l = shown.get(z);
            LayerVerdict v;
            if (range.contains(z)) {
                String reason = why[z] != null ? why[z] : "more layers than planes: kept in the client range";
                v = new LayerVerdict(l.name(), l.requested(), Composition.CLIENT, null, reason);
            } else {
                Composition type = l.isSolid() ? Composition.SOLID_COLOR : Composition.DEVICE;
                v = new LayerVerdict(l.name(), l.requested(), type, planes.get(planeOf[z]).name(), "on a plane");
            }
            verdicts[indexOf[z]] = v;
        }
        return new Validation(Arrays.asList(verdicts), clientPlane, errors);
    }

    /** Why the layer cannot be shown at all, or null. */
    private static String refusal(HwcLayer l) {
        if (l.frame().isEmpty()) {
            return "BAD_PARAMETER: empty display frame " + l.frame();
        }
        if (!l.isSolid()) {
            int bw = l.buffer().width();
            int bh = l.buffer().height();
            if (l.crop() != null && l.crop().isEmpty()) {
                return "BAD_PARAMETER: empty source crop " + l.crop() + ": it selects no buffer pixels; layer not "
                        + "shown";
            }
            if (l.crop() == null || !l.crop().fitsIn(bw, bh)) {
                return "BAD_PARAMETER: source crop " + l.crop() + " does not fit the " + bw + "×" + bh
                        + " buffer (a buffer of the wrong size?); layer not shown";
            }
        }
        if (l.planeAlpha() < 0 || l.planeAlpha() > 255) {
            return "BAD_PARAMETER: plane alpha " + l.planeAlpha() + " outside 0..255";
        }
        return null;
    }

    /** Why the layer must be CLIENT before any plane is counted, or null. */
    private String mustBeClient(HwcLayer l, boolean colorTransform) {
        if (colorTransform && !colorTransformSupported) {
            return "a colour transform the device cannot apply: every layer goes CLIENT";
        }
        if (l.requested() == Composition.CLIENT) {
            return "SurfaceFlinger asked for CLIENT";
        }
        LayerNeeds needs = l.needs(bounds);
        String last = null;
        for (Plane p : planes) {
            String no = p.refuses(needs);
            if (no == null) {
                return null;
            }
            last = no;
        }
        return "no plane can do " + last;
    }

    private String describe(HwcLayer l) {
        LayerNeeds n = l.needs(bounds);
        List<String> parts = new ArrayList<>();
        if (n.scaling()) {
            parts.add("scaling");
        }
        if (n.rotation()) {
            parts.add("90° rotation");
        }
        if (n.flips()) {
            parts.add("flips");
        }
        if (n.planeAlpha()) {
            parts.add("plane alpha");
        }
        parts.add(n.blend().name());
        return String.join(", ", parts);
    }

    /** The z of the first request without a plane, -1 for the client target, MIN_VALUE when all have one. */
    private static int firstUnmatched(int[] planeOf, List<Integer> zOfRequest) {
        for (int r = 0; r < planeOf.length; r++) {
            if (planeOf[r] < 0) {
                return zOfRequest.get(r);
            }
        }
        return Integer.MIN_VALUE;
    }

    /** Plane index per z (and at index n for the client target). */
    private static int[] spread(int[] planeOf, List<Integer> zOfRequest, int n) {
        int[] byZ = new int[n + 1];
        Arrays.fill(byZ, -1);
        for (int r = 0; r < planeOf.length; r++) {
            int z = zOfRequest.get(r);
            byZ[z < 0 ? n : z] = planeOf[r];
        }
        return byZ;
    }
}
