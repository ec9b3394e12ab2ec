package org.sysmodels.compositor.quiz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sysmodels.compositor.model.BlendMode;
import org.sysmodels.compositor.model.Composition;
import org.sysmodels.compositor.model.GraphicBuffer;
import org.sysmodels.compositor.model.Hwc2Display;
import org.sysmodels.compositor.model.HwcLayer;
import org.sysmodels.compositor.model.LayerVerdict;
import org.sysmodels.compositor.model.Plane;
import org.sysmodels.compositor.model.Validation;
import org.sysmodels.compositor.pixel.Filter;
import org.sysmodels.compositor.pixel.Image;
import org.sysmodels.compositor.pixel.Rect;
import org.sysmodels.compositor.pixel.SourceCrop;
import org.sysmodels.compositor.pixel.Transform;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.system.QuizQuestion;

/** "Given these layers and planes, which layers are DEVICE and which CLIENT?", answered by validate. */
final class PlaneQuestion {

    private record Candidate(String name, int bw, int bh, Rect frame, Transform t, BlendMode blend, int alpha,
                             String words) {
    }

    private static final List<Candidate> POOL = List.of(
            new Candidate("wallpaper", 540, 1200, Rect.ofSize(540, 1200), Transform.NONE, BlendMode.NONE, 255,
                    "full screen, opaque, blend NONE"),
            new Candidate("video", 1280, 720, Rect.of(0, 448, 540, 304), Transform.NONE, BlendMode.NONE, 255,
                    "a 1280×720 buffer scaled into 540×304"),
            new Candidate("camera", 720, 540, Rect.of(0, 200, 540, 720), Transform.ROT_90, BlendMode.NONE, 255,
                    "a 720×540 buffer rotated 90° into 540×720"),
            new Candidate("dialog", 460, 300, Rect.of(40, 420, 460, 300), Transform.NONE, BlendMode.PREMULTIPLIED,
                    230, "460×300, premultiplied, plane alpha 0.9"),
            new Candidate("sticker", 200, 200, Rect.of(300, 300, 200, 200), Transform.NONE, BlendMode.COVERAGE, 255,
                    "200×200, COVERAGE blending"),
            new Candidate("toast", 200, 60, Rect.of(170, 1000, 200, 60), Transform.NONE, BlendMode.PREMULTIPLIED,
                    255, "200×60, premultiplied"),
            new Candidate("status-bar", 540, 48, Rect.of(0, 0, 540, 48), Transform.NONE, BlendMode.PREMULTIPLIED,
                    255, "540×48 at the top, premultiplied"),
            new Candidate("nav-bar", 540, 60, Rect.of(0, 1140, 540, 60), Transform.NONE, BlendMode.PREMULTIPLIED,
                    255, "540×60 at the bottom, premultiplied"));

    private PlaneQuestion() {
    }

    static QuizQuestion generate(RandomStream r) {
        List<Plane> planes = new ArrayList<>(List.of(Plane.primary("primary"), Plane.overlay("overlay1")));
        if (r.chance(0.6)) {
            planes.add(Plane.overlay("overlay2"));
        }
        if (r.chance(0.6)) {
            planes.add(Plane.rotating("rotator"));
        }
        List<Candidate> chosen = new ArrayList<>();
        chosen.add(POOL.get(0));
        for (int i = 1; i < POOL.size(); i++) {
            if (r.chance(0.55)) {
                chosen.add(POOL.get(i));
            }
        }
        List<HwcLayer> layers = new ArrayList<>();
        StringBuilder q = new StringBuilder("A 540×1200 display has " + planes.size() + " planes: ");
        for (int i = 0; i < planes.size(); i++) {
            q.append(i == 0 ? "" : "; ").append(describe(planes.get(i)));
        }
        q.append(". Layers, bottom to top: ");
        for (int i = 0; i < chosen.size(); i++) {
            Candidate c = chosen.get(i);
            q.append(i == 0 ? "" : "; ").append(c.name()).append(" (").append(c.words()).append(')');
            layers.add(new HwcLayer(c.name(), Composition.DEVICE, new GraphicBuffer(i, new Image(c.bw(), c.bh())), 0,
                    SourceCrop.of(Rect.ofSize(c.bw(), c.bh())), c.frame(), c.t(), c.blend(), c.alpha(), Filter.BILINEAR));
        }
        q.append(". Which layers does validate leave on planes (DEVICE) and which go to the GPU (CLIENT)? "
                + "Rules: CLIENT layers form one contiguous z-range, because the client target is one plane; with "
                + "more layers than planes one plane is kept for the client target and the range with the fewest "
                + "pixels goes to the GPU.");
        Validation v = new Hwc2Display(540, 1200, planes, false).validate(layers, false);
        StringBuilder a = new StringBuilder();
        for (LayerVerdict lv : v.verdicts()) {
            a.append(lv.layer()).append(": ").append(lv.type()).append(lv.plane() != null ? " on " + lv.plane() : "")
                    .append(lv.type() == Composition.CLIENT ? " (" + lv.reason() + ")" : "").append(". ");
        }
        a.append(v.hasClientComposition() ? "The client target takes plane " + v.clientTargetPlane() + "."
                : "No layer is CLIENT: the GPU has nothing to compose.");
        return new QuizQuestion(q.toString(), a.toString());
    }

    private static String describe(Plane p) {
        List<String> can = new ArrayList<>();
        can.add(p.scaling() ? "scales" : "no scaling");
        can.add(p.rotation() ? "rotates 90°" : "no 90° rotation");
        can.add(p.blendModes().size() == 3 ? "any blend mode" : "blend " + String.join("/",
                p.blendModes().stream().map(Enum::name).sorted().toList()));
        return p.name() + " (" + String.join(", ", can).toLowerCase(Locale.ROOT).replace("none/premultiplied",
                "NONE/PREMULTIPLIED") + ")";
    }
}
