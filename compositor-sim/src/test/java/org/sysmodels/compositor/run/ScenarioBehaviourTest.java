package org.sysmodels.compositor.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sysmodels.compositor.model.Composition;
import org.sysmodels.compositor.model.JankType;
import org.sysmodels.compositor.model.PresentType;
import org.sysmodels.compositor.pixel.Image;
import org.sysmodels.compositor.scenario.CompositorScenario;
import org.sysmodels.compositor.scenario.LayerSpec;
import org.sysmodels.compositor.scenario.Scenarios;
import org.sysmodels.core.trace.Tracer;

/** What each packaged scenario is there to show, checked. */
class ScenarioBehaviourTest {

    private static Simulation.Outcome run(String name) throws Exception {
        return Simulation.run(Scenarios.load(name), 1, Tracer.off(), List.of());
    }

    private static List<ValidationLog.Entry> between(Simulation.Outcome o, long from, long to) {
        return o.validations().entries().stream().filter(e -> e.vsync() >= from && e.vsync() < to).toList();
    }

    @Test
    void homeScreenIsAllOnPlanesAndDamageTrackingSavesMostOfTheWork() throws Exception {
        Simulation.Outcome o = run("home-screen");
        assertTrue(o.validations().entries().stream().allMatch(e -> e.count(Composition.CLIENT) == 0));
        assertTrue(o.timeline().surfaceFrames().stream().allMatch(s -> s.jank() == JankType.NONE));
        Simulation.Outcome full = Simulation.run(Scenarios.load("home-screen").withDamageTracking(false), 1,
                Tracer.off(), List.of());
        assertTrue(full.engine().pixelsBlended() > 10 * o.engine().pixelsBlended());
        assertTrue(o.surfaceFlinger().display().screen().samePixels(full.surfaceFlinger().display().screen()),
                "damage tracking must not change the picture");
    }

    @Test
    void moreLayersThanPlanesDemotesWhileTheDialogIsOpen() throws Exception {
        Simulation.Outcome o = run("more-layers-than-planes");
        assertTrue(between(o, 2, 40).stream().allMatch(e -> e.count(Composition.CLIENT) == 0));
        assertTrue(between(o, 42, 60).stream().allMatch(e -> e.count(Composition.CLIENT) == 3
                && e.clientTargetPlane() != null), between(o, 42, 60).get(0).summary());
        assertTrue(between(o, 62, 100).stream().allMatch(e -> e.count(Composition.CLIENT) == 4));
    }

    @Test
    void theScrollingListShowsEachKindOfJank() throws Exception {
        Map<JankType, Integer> j = run("scrolling-list").timeline().jankCounts("list");
        assertTrue(j.getOrDefault(JankType.APP_DEADLINE_MISSED, 0) > 0, j.toString());
        assertTrue(j.getOrDefault(JankType.BUFFER_STUFFING, 0) > 0, j.toString());
        assertTrue(j.getOrDefault(JankType.SURFACE_FLINGER_CPU_DEADLINE_MISSED, 0) > 0, j.toString());
        assertTrue(j.getOrDefault(JankType.NONE, 0) > j.values().stream().mapToInt(Integer::intValue).sum() / 2);
    }

    @Test
    void theVideoIsScaledOnAnOverlayPlaneNotOnTheGpu() throws Exception {
        Simulation.Outcome o = run("video-overlay");
        var v = o.surfaceFlinger().lastValidation().verdict("video");
        assertEquals(Composition.DEVICE, v.type());
        assertTrue(!v.plane().equals("primary"), "the primary plane cannot scale");
        assertTrue(o.producers().get("video").framesQueued() >= 55, "30 fps for two seconds");
    }

    @Test
    void rotatedLayersGoClientWhileOnlyOnePlaneRotates() throws Exception {
        Simulation.Outcome o = run("rotation");
        assertTrue(between(o, 45, 90).stream().allMatch(e -> e.count(Composition.CLIENT) >= 2));
        assertTrue(between(o, 95, 121).stream().allMatch(e -> e.count(Composition.CLIENT) == 0));
    }

    @Test
    void mailboxModeDropsSupersededFrames() throws Exception {
        CompositorScenario s = Scenarios.load("video-overlay");
        List<LayerSpec> layers = s.layers().stream().map(l -> !l.name().equals("video") ? l : new LayerSpec(l.name(),
                l.app(), l.frame(), l.buffer(), l.crop(), l.transform(), l.blend(), l.planeAlpha(), l.filter(),
                l.color(), l.title(), 3, true, 90.0, l.ui(), l.render(), l.gpu(), 0, 0L, 0, false)).toList();
        Simulation.Outcome o = Simulation.run(s.withLayers(layers), 1, Tracer.off(), List.of());
        long dropped = o.timeline().surfaceFrames().stream().filter(f -> f.layer().equals("video")
                && f.present() == PresentType.DROPPED).count();
        assertTrue(dropped > 20, "a 90 fps producer on a 60 Hz display drops about one frame in three: " + dropped);
        assertTrue(o.findings().violations() == 0, o.findings().list().toString());
    }

    @Test
    void theHaloIsVisibleOnScreen() throws Exception {
        Simulation.Outcome good = run("lab-halo");
        Simulation.Outcome bad = Simulation.run(Scenarios.load("lab-halo"), 1, CompositorLab.HALO.hosts(), Tracer.off(),
                List.of());
        Image g = good.surfaceFlinger().display().screen();
        Image b = bad.surfaceFlinger().display().screen();
        int brighter = 0;
        for (int i = 0; i < g.pixels().length; i++) {
            if ((b.pixels()[i] & 0xff) > (g.pixels()[i] & 0xff) + 40) {
                brighter++;
            }
        }
        assertTrue(brighter > 500, "pixels glowing at the icons' edges: " + brighter);
    }

    @Test
    void aLayerHiddenBehindAnOpaqueOneIsNotSentToTheHwc() throws Exception {
        CompositorScenario s = org.sysmodels.core.scenario.ScenarioLoader.read("occlusion", """
                {"vsyncs": 10, "layers": [
                  {"name": "wallpaper", "app": "WALLPAPER", "frame": {"x": 0, "y": 0, "w": 540, "h": 1200}},
                  {"name": "list", "app": "LIST", "blend": "NONE", "frame": {"x": 0, "y": 0, "w": 540, "h": 1200}},
                  {"name": "toast", "app": "PANEL", "frame": {"x": 100, "y": 900, "w": 300, "h": 80}}]}
                """, CompositorScenario.class);
        Simulation.Outcome o = Simulation.run(s, 1, Tracer.off(), List.of());
        ValidationLog.Entry last = o.validations().entries().get(o.validations().entries().size() - 1);
        assertEquals(List.of("list", "toast"), last.verdicts().stream().map(v -> v.layer()).toList());
    }

    @Test
    void aGpuBoundAppIsJankNotStarvation() throws Exception {
        // 80 ms of GPU work per frame: the app waits in dequeueBuffer for its own frames to be drawn, while
        // SurfaceFlinger holds only the buffer on screen. FrameTimeline calls it AppDeadlineMissed; the
        // queue-starvation rule, which blames the consumer, must stay silent.
        for (int buffers : new int[] {2, 3}) {
            CompositorScenario s = org.sysmodels.core.scenario.ScenarioLoader.read("gpu-bound", """
                    {"vsyncs": 60, "layers": [{"name": "app", "app": "LAUNCHER", "buffers": %d,
                      "frame": {"x": 0, "y": 0, "w": 540, "h": 1200}, "gpu": {"type": "fixed", "value": "80ms"}}]}
                    """.formatted(buffers), CompositorScenario.class);
            Simulation.Outcome o = Simulation.run(s, 1, Tracer.off(), List.of());
            assertEquals(List.of(), o.findings().list(), buffers + " buffers");
            assertTrue(o.timeline().jankCounts("app").getOrDefault(JankType.APP_DEADLINE_MISSED, 0) > 5,
                    o.timeline().jankCounts("app").toString());
        }
    }

    @Test
    void aFramePositionThatWouldOverflowIsRefusedWhereItIsWritten() {
        String json = """
                {"vsyncs": 10, "layers": [
                  {"name": "app", "app": "LAUNCHER", "frame": {"x": 2147483000, "y": 0, "w": 16384, "h": 100}}]}
                """;
        org.sysmodels.core.scenario.ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.sysmodels.core.scenario.ScenarioException.class,
                () -> org.sysmodels.core.scenario.ScenarioLoader.read("far", json, CompositorScenario.class));
        assertTrue(e.getMessage().contains("layers[0].frame.x") && e.getMessage().contains("16384"),
                e.getMessage());
    }

    @Test
    void twoPlanesWithOneNameAreRefused() {
        String json = """
                {"vsyncs": 10, "planes": [{"name": "primary"}, {"name": "overlay"}, {"name": "overlay"}],
                 "layers": [{"name": "app", "app": "LAUNCHER", "frame": {"x": 0, "y": 0, "w": 540, "h": 1200}}]}
                """;
        org.sysmodels.core.scenario.ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.sysmodels.core.scenario.ScenarioException.class,
                () -> org.sysmodels.core.scenario.ScenarioLoader.read("planes", json, CompositorScenario.class));
        assertTrue(e.getMessage().contains("planes") && e.getMessage().contains("\"overlay\""), e.getMessage());
    }

    @Test
    void damageTrackingNeverChangesAScanout() throws Exception {
        for (String name : List.of("more-layers-than-planes", "rotation", "video-overlay", "scrolling-list")) {
            List<Integer> with = screens(Scenarios.load(name).withVsyncs(100));
            List<Integer> without = screens(Scenarios.load(name).withVsyncs(100).withDamageTracking(false));
            assertEquals(without, with, name + ": every vsync's screen, with and without damage tracking");
        }
    }

    @Test
    void aFractionalCropFromAScenarioFileIsShownAndDamageTrackingKeepsItExact() throws Exception {
        String json = """
                {"vsyncs": 40, "planes": [{"name": "primary", "scaling": false}], "layers": [
                  {"name": "wallpaper", "app": "WALLPAPER", "frame": {"x": 0, "y": 0, "w": 540, "h": 1200}},
                  {"name": "video", "app": "VIDEO", "buffer": {"w": 320, "h": 180}, "fps": 30,
                   "crop": {"x": 10.5, "y": 4.25, "w": 300.5, "h": 170.75}, "transform": "FLIP_H",
                   "frame": {"x": -20, "y": 300, "w": 580, "h": 330}}]}
                """;
        CompositorScenario s = org.sysmodels.core.scenario.ScenarioLoader.read("zoom", json, CompositorScenario.class);
        Simulation.Outcome o = Simulation.run(s, 1, Tracer.off(), List.of());
        assertEquals(0, o.findings().violations(), o.findings().list().toString());
        assertEquals("[10.5,4.25 300.5×170.75]", o.layers().get(1).settings().crop().toString());
        assertEquals(org.sysmodels.compositor.model.Composition.CLIENT,
                o.surfaceFlinger().lastValidation().verdict("video").type(), "one plane, which cannot scale");
        assertEquals(screens(s.withDamageTracking(false)), screens(s));
    }

    /** A hash of the screen at every vsync. */
    private static List<Integer> screens(CompositorScenario s) {
        List<Integer> out = new java.util.ArrayList<>();
        org.sysmodels.compositor.model.CompositorObserver hash = new org.sysmodels.compositor.model
                .CompositorObserver() {
            @Override
            public void onScanout(long vsync, long time, Image screen, long displayFrame, List<String> frames) {
                out.add(java.util.Arrays.hashCode(screen.pixels()));
            }
        };
        Simulation.run(s, 1, Tracer.off(), List.of(hash));
        return out;
    }
}
