package org.sysmodels.compositor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sysmodels.core.testing.Props.property;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;
import org.sysmodels.compositor.pixel.Filter;
import org.sysmodels.compositor.pixel.Image;
import org.sysmodels.compositor.pixel.Rect;
import org.sysmodels.compositor.pixel.SourceCrop;
import org.sysmodels.compositor.pixel.Transform;

class Hwc2DisplayTest {

    private static final Hwc2Display PHONE = new Hwc2Display(100, 200, Plane.typical(), false);

    static HwcLayer layer(String name, Rect frame) {
        return layer(name, frame, Transform.NONE, BlendMode.PREMULTIPLIED, 255);
    }

    static HwcLayer layer(String name, Rect frame, Transform t, BlendMode blend, int alpha) {
        int w = t.width(frame.width(), frame.height());
        int h = t.height(frame.width(), frame.height());
        GraphicBuffer b = new GraphicBuffer(0, new Image(w, h));
        return new HwcLayer(name, Composition.DEVICE, b, 0, SourceCrop.of(Rect.ofSize(w, h)), frame, t, blend, alpha,
                Filter.NEAREST);
    }

    @Test
    void asManyLayersAsPlanesAllGoToPlanes() {
        Validation v = PHONE.validate(List.of(layer("wallpaper", Rect.ofSize(100, 200)),
                layer("app", Rect.ofSize(100, 200)), layer("status", Rect.of(0, 0, 100, 10)),
                layer("nav", Rect.of(0, 190, 100, 10))), false);
        assertEquals(4, v.count(Composition.DEVICE));
        assertFalse(v.hasClientComposition());
        assertTrue(v.changes().isEmpty());
    }

    @Test
    void moreLayersThanPlanesDemoteTheCheapestContiguousRange() {
        List<HwcLayer> layers = List.of(layer("wallpaper", Rect.ofSize(100, 200)), layer("app", Rect.ofSize(100, 200)),
                layer("dialog", Rect.of(10, 50, 80, 60)), layer("toast", Rect.of(20, 150, 60, 10)),
                layer("status", Rect.of(0, 0, 100, 10)), layer("nav", Rect.of(0, 190, 100, 10)));
        Validation v = PHONE.validate(layers, false);
        // 6 layers, 4 planes: one plane for the client target, 3 DEVICE, 3 CLIENT in one z-range with the fewest
        // pixels: toast + status + nav (600 + 1000 + 1000).
        assertEquals(List.of(Composition.DEVICE, Composition.DEVICE, Composition.DEVICE, Composition.CLIENT,
                Composition.CLIENT, Composition.CLIENT), v.verdicts().stream().map(LayerVerdict::type).toList());
        assertNotNull(v.clientTargetPlane());
        assertEquals(3, v.changes().size());
    }

    @Test
    void aRotatedLayerTakesTheOnlyRotatingPlaneAndASecondOneGoesClient() {
        Validation one = PHONE.validate(List.of(layer("wallpaper", Rect.ofSize(100, 200)),
                layer("video", Rect.of(0, 0, 100, 50), Transform.ROT_90, BlendMode.NONE, 255)), false);
        assertEquals("video", one.verdict("video").plane());
        Validation two = PHONE.validate(List.of(layer("wallpaper", Rect.ofSize(100, 200)),
                layer("video", Rect.of(0, 0, 100, 50), Transform.ROT_90, BlendMode.NONE, 255),
                layer("camera", Rect.of(0, 60, 100, 50), Transform.ROT_270, BlendMode.NONE, 255)), false);
        assertEquals(Composition.DEVICE, two.verdict("video").type());
        assertEquals(Composition.CLIENT, two.verdict("camera").type());
        assertTrue(two.verdict("camera").reason().contains("90° rotation"), two.verdict("camera").reason());
    }

    @Test
    void aFractionalCropNeedsAPlaneThatScalesAndOneOutsideTheBufferIsRefused() {
        GraphicBuffer b = new GraphicBuffer(2, new Image(100, 200));
        HwcLayer zoomed = new HwcLayer("zoomed", Composition.DEVICE, b, 0, SourceCrop.ofFloats(0.5, 0, 100.5, 200),
                Rect.ofSize(100, 200), Transform.NONE, BlendMode.PREMULTIPLIED, 255, Filter.BILINEAR);
        assertTrue(zoomed.needs(PHONE.bounds()).scaling());
        Validation v = PHONE.validate(List.of(layer("wallpaper", Rect.ofSize(100, 200)),
                new HwcLayer("zoomed", Composition.DEVICE, b, 0, SourceCrop.ofFloats(0.5, 0, 99.5, 200),
                        Rect.ofSize(100, 200), Transform.NONE, BlendMode.PREMULTIPLIED, 255, Filter.BILINEAR)),
                false);
        assertEquals(Composition.DEVICE, v.verdict("zoomed").type());
        assertTrue(!v.verdict("zoomed").plane().equals("primary"), "the primary plane cannot scale");
        assertEquals(1, PHONE.validate(List.of(zoomed), false).errors().size(), "100.5 is past the buffer's edge");
    }

    @Test
    void aColourTransformTheDeviceCannotApplySendsEveryLayerToClient() {
        Validation v = PHONE.validate(List.of(layer("a", Rect.ofSize(100, 200)), layer("b", Rect.of(0, 0, 10, 10))),
                true);
        assertEquals(2, v.count(Composition.CLIENT));
    }

    @Test
    void aBufferOfTheWrongSizeIsAnErrorNamingTheLayer() {
        HwcLayer good = layer("app", Rect.ofSize(100, 200));
        HwcLayer bad = new HwcLayer("camera", Composition.DEVICE, new GraphicBuffer(1, new Image(10, 10)), 0,
                SourceCrop.of(Rect.ofSize(100, 200)), Rect.ofSize(100, 200), Transform.NONE, BlendMode.PREMULTIPLIED, 255,
                Filter.NEAREST);
        Validation v = PHONE.validate(List.of(good, bad), false);
        assertEquals(1, v.errors().size());
        assertTrue(v.errors().get(0).startsWith("camera: BAD_PARAMETER"), v.errors().get(0));
        assertNull(v.verdict("camera").type());
        assertEquals(Composition.DEVICE, v.verdict("app").type());
    }

    @Test
    void anEmptySourceCropIsRefusedAsEmptyNotAsAWrongBuffer() {
        HwcLayer empty = new HwcLayer("app", Composition.DEVICE, new GraphicBuffer(1, new Image(100, 200)), 0,
                SourceCrop.of(Rect.of(10, 10, 0, 50)), Rect.ofSize(100, 200), Transform.NONE,
                BlendMode.PREMULTIPLIED, 255, Filter.NEAREST);
        String error = PHONE.validate(List.of(empty), false).errors().get(0);
        assertTrue(error.startsWith("app: BAD_PARAMETER: empty source crop"), error);
        assertFalse(error.contains("does not fit") || error.contains("wrong size"), error);
    }

    @Test
    void aLayerOutsideTheDisplayIsNotShownAndOnePartlyOutsideNeedsAPlaneThatClips() {
        Validation v = PHONE.validate(List.of(layer("gone", Rect.of(300, 300, 10, 10)),
                layer("half", Rect.of(-5, 0, 20, 20))), false);
        assertNull(v.verdict("gone").type());
        assertEquals(Composition.DEVICE, v.verdict("half").type());
        Plane strict = new Plane("strict", true, true, true, EnumSet.allOf(BlendMode.class), true, true, false);
        Validation s = new Hwc2Display(100, 200, List.of(strict, strict), false)
                .validate(List.of(layer("half", Rect.of(-5, 0, 20, 20))), false);
        assertEquals(Composition.CLIENT, s.verdict("half").type());
    }

    @Test
    void validateAlwaysGivesAConsistentAnswer() {
        property(500).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            List<Plane> planes = new ArrayList<>();
            int planeCount = r.nextInt(1, 6);
            for (int p = 0; p < planeCount; p++) {
                Set<BlendMode> modes = EnumSet.of(BlendMode.PREMULTIPLIED);
                if (r.nextBoolean()) {
                    modes.add(BlendMode.NONE);
                }
                if (r.nextBoolean()) {
                    modes.add(BlendMode.COVERAGE);
                }
                planes.add(new Plane("p" + p, r.nextBoolean(), r.nextBoolean(), r.nextBoolean(), modes,
                        r.nextBoolean(), r.nextBoolean(), r.nextBoolean()));
            }
            Hwc2Display hwc = new Hwc2Display(50, 50, planes, r.nextBoolean());
            List<HwcLayer> layers = new ArrayList<>();
            int n = r.nextInt(0, 10);
            for (int i = 0; i < n; i++) {
                Rect frame = Rect.of(r.nextInt(-20, 60), r.nextInt(-20, 60), r.nextInt(1, 40), r.nextInt(1, 40));
                if (r.nextInt(8) == 0) {
                    layers.add(new HwcLayer("s" + i, Composition.SOLID_COLOR, null, r.nextInt(), null, frame,
                            Transform.NONE, BlendMode.PREMULTIPLIED, r.nextInt(256), Filter.NEAREST));
                } else {
                    HwcLayer l = layer("l" + i, frame, Transform.of(r.nextInt(8)),
                            BlendMode.values()[r.nextInt(3)], r.nextBoolean() ? 255 : r.nextInt(256));
                    if (r.nextBoolean()) {
                        l = new HwcLayer(l.name(), l.requested(), l.buffer(), 0, l.crop(),
                                Rect.of(frame.left(), frame.top(), r.nextInt(1, 40), r.nextInt(1, 40)),
                                l.transform(), l.blend(), l.planeAlpha(), l.filter());
                    }
                    layers.add(l);
                }
            }
            Validation v = hwc.validate(layers, r.nextBoolean());
            assertEquals(n, v.verdicts().size());
            int onPlanes = 0;
            Set<String> used = new HashSet<>();
            int firstClient = -1;
            int lastClient = -1;
            int z = 0;
            for (int i = 0; i < n; i++) {
                LayerVerdict lv = v.verdicts().get(i);
                if (!lv.shown()) {
                    continue;
                }
                if (lv.type() == Composition.CLIENT) {
                    firstClient = firstClient < 0 ? z : firstClient;
                    lastClient = z;
                    assertNull(lv.plane());
                } else {
                    onPlanes++;
                    assertTrue(used.add(lv.plane()), "plane given twice: " + v);
                    Plane p = planes.stream().filter(x -> x.name().equals(lv.plane())).findFirst().orElseThrow();
                    assertNull(p.refuses(layers.get(i).needs(hwc.bounds())), "plane cannot show the layer: " + v);
                }
                z++;
            }
            // CLIENT layers are contiguous among the shown layers.
            z = 0;
            for (LayerVerdict lv : v.verdicts()) {
                if (lv.shown()) {
                    if (z >= firstClient && z <= lastClient && firstClient >= 0) {
                        assertEquals(Composition.CLIENT, lv.type(), "CLIENT range has a hole: " + v);
                    }
                    z++;
                }
            }
            if (v.hasClientComposition()) {
                assertTrue(used.add(v.clientTargetPlane()), "client target shares a plane: " + v);
                onPlanes++;
            }
            assertTrue(onPlanes <= planes.size());
        });
    }
}
