package org.sysmodels.compositor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sysmodels.compositor.pixel.Image;
import org.sysmodels.compositor.run.Simulation;
import org.sysmodels.compositor.scenario.CompositorScenario;
import org.sysmodels.core.scenario.ScenarioLoader;
import org.sysmodels.core.trace.ChromeTraceWriter;
import org.sysmodels.core.trace.Tracer;

/**
 * SurfaceFlinger, the HWC, client composition, the display and FrameTimeline run together on small displays, fast
 * enough to run for every mutant of a mutation test: what each run must show, and the run itself pinned. The digests
 * pin the trace (every latch, validate, release and present, with its time) and the screen at every vsync; a
 * deliberate change of behaviour updates them (run with -Dsysmodels.printDigests=true to print the new ones).
 */
class SurfaceFlingerRunsTest {

    /** A phone 60×100: wallpaper, launcher, a dimming scrim, a dialog and a toast that come and go, two bars. */
    static final String DIALOG = """
            {"width": 60, "height": 100, "vsyncs": 36, "layers": [
              {"name": "wallpaper", "app": "WALLPAPER", "frame": {"x": 0, "y": 0, "w": 60, "h": 100}, "blend": "NONE"},
              {"name": "launcher", "app": "LAUNCHER", "frame": {"x": 0, "y": 0, "w": 60, "h": 100}},
              {"name": "scrim", "app": "COLOR", "color": "#80000000", "frame": {"x": 0, "y": 0, "w": 60, "h": 100}},
              {"name": "dialog", "app": "PANEL", "title": "OK?", "frame": {"x": 5, "y": 30, "w": 50, "h": 30},
               "planeAlpha": 240},
              {"name": "toast", "app": "PANEL", "title": "HI", "color": "#e0404040", "blend": "COVERAGE",
               "frame": {"x": 15, "y": 80, "w": 30, "h": 10}},
              {"name": "status-bar", "app": "STATUS_BAR", "frame": {"x": 0, "y": 0, "w": 60, "h": 8}},
              {"name": "nav-bar", "app": "NAV_BAR", "frame": {"x": 0, "y": 92, "w": 60, "h": 8}}],
             "events": [
              {"at": 1, "layer": "scrim", "visible": false}, {"at": 1, "layer": "dialog", "visible": false},
              {"at": 1, "layer": "toast", "visible": false},
              {"at": 10, "layer": "scrim", "visible": true}, {"at": 10, "layer": "dialog", "visible": true},
              {"at": 16, "layer": "toast", "visible": true},
              {"at": 24, "layer": "scrim", "visible": false}, {"at": 24, "layer": "dialog", "visible": false}]}
            """;

    /** A list with slow frames and a slow SurfaceFlinger frame: every kind of jank, on a double-buffered layer. */
    static final String LIST = """
            {"width": 60, "height": 100, "vsyncs": 60, "sfSpikeEvery": 13, "sfSpike": "14ms", "layers": [
              {"name": "list", "app": "LIST", "frame": {"x": 0, "y": 8, "w": 60, "h": 84}, "blend": "NONE",
               "scroll": 3, "ui": {"type": "lognormal", "median": "4ms", "sigma": 0.25}, "spikeEvery": 7,
               "spike": "24ms"},
              {"name": "status-bar", "app": "STATUS_BAR", "frame": {"x": 0, "y": 0, "w": 60, "h": 8}},
              {"name": "nav-bar", "app": "NAV_BAR", "frame": {"x": 0, "y": 92, "w": 60, "h": 8}, "buffers": 2}]}
            """;

    /**
     * A scaled video in mailbox mode at 90 fps on a 120 Hz display, with a fractional crop, turned, faded, resized and
     * moved by transactions.
     */
    static final String VIDEO = """
            {"width": 60, "height": 100, "refreshHz": 120, "vsyncs": 50, "layers": [
              {"name": "wallpaper", "app": "WALLPAPER", "frame": {"x": 0, "y": 0, "w": 60, "h": 100}},
              {"name": "video", "app": "VIDEO", "buffer": {"w": 48, "h": 27}, "fps": 90, "mailbox": true,
               "crop": {"x": 0.5, "y": 0.25, "w": 40.5, "h": 26}, "frame": {"x": -4, "y": 40, "w": 70, "h": 30},
               "filter": "BILINEAR", "ui": {"type": "fixed", "value": "1ms"}, "gpu": {"type": "fixed", "value": "3ms"}}],
             "events": [
              {"at": 12, "layer": "video", "transform": "ROT_90", "frame": {"x": 10, "y": 20, "w": 30, "h": 60}},
              {"at": 20, "layer": "video", "planeAlpha": 128, "blend": "COVERAGE"},
              {"at": 26, "layer": "video", "buffer": {"w": 24, "h": 14}, "crop": {"x": 0, "y": 0, "w": 24, "h": 14},
               "transform": "FLIP_V"},
              {"at": 34, "layer": "wallpaper", "frame": {"x": 0, "y": 10, "w": 60, "h": 80}}]}
            """;

    /** Two planes and a colour transform the device cannot apply: the GPU composes every layer. */
    static final String GPU = """
            {"width": 60, "height": 100, "refreshHz": 90, "vsyncs": 24, "colorTransform": true,
             "planes": [{"name": "primary", "scaling": false}, {"name": "overlay"}], "layers": [
              {"name": "wallpaper", "app": "WALLPAPER", "frame": {"x": 0, "y": 0, "w": 60, "h": 100}, "blend": "NONE"},
              {"name": "launcher", "app": "LAUNCHER", "frame": {"x": 0, "y": 0, "w": 60, "h": 100}},
              {"name": "status-bar", "app": "STATUS_BAR", "frame": {"x": 0, "y": 0, "w": 60, "h": 8}}]}
            """;

    /** What a run left: its outcome, and digests of its trace and of the screen at every vsync. */
    record Run(Simulation.Outcome outcome, String trace, String screens, List<Integer> screenHashes) {
    }

    static Run run(String json, boolean damageTracking) throws Exception {
        CompositorScenario s = ScenarioLoader.read("tiny", json, CompositorScenario.class).withDamageTracking(
                damageTracking);
        List<Integer> hashes = new ArrayList<>();
        CompositorObserver screens = new CompositorObserver() {
            @Override
            public void onScanout(long vsync, long time, Image screen, long displayFrame, List<String> frames) {
                hashes.add(Arrays.hashCode(screen.pixels()));
            }
        };
        Tracer tracer = Tracer.recording("tiny");
        Simulation.Outcome o = Simulation.run(s, 3, tracer, List.of(screens));
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        ChromeTraceWriter.write(tracer.log(), trace);
        return new Run(o, sha(trace.toByteArray()), sha(hashes.toString().getBytes()), hashes);
    }

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)).substring(0, 16);
    }

    private static void pinned(String name, Run r, String trace, String screens) {
        if (Boolean.getBoolean("sysmodels.printDigests")) {
            System.out.println(name + ": trace " + r.trace() + ", screens " + r.screens());
            return;
        }
        assertEquals(trace, r.trace(), name + ": the trace changed");
        assertEquals(screens, r.screens(), name + ": the screens changed");
    }

    @Test
    void aDialogPushesLayersToTheGpuAndBack() throws Exception {
        Run r = run(DIALOG, true);
        Simulation.Outcome o = r.outcome();
        assertEquals(0, o.findings().violations(), o.findings().list().toString());
        Map<Long, Long> client = new java.util.TreeMap<>();
        o.validations().entries().forEach(e -> client.put(e.vsync(), e.count(Composition.CLIENT)));
        assertTrue(client.entrySet().stream().filter(e -> e.getKey() < 10).allMatch(e -> e.getValue() == 0), client
                .toString());
        assertTrue(client.entrySet().stream().filter(e -> e.getKey() > 17 && e.getKey() < 24)
                .allMatch(e -> e.getValue() >= 3), client.toString());
        assertTrue(client.entrySet().stream().filter(e -> e.getKey() > 26).allMatch(e -> e.getValue() == 2),
                "the dialog has gone; the toast and its neighbour stay on the GPU: " + client);
        assertEquals(r.screenHashes(), run(DIALOG, false).screenHashes(), "damage tracking changes no scan-out");
        pinned("dialog", r, "d8bad4ff8bbf5318", "7dd2533c80027053");
    }

    @Test
    void aSlowListShowsEveryKindOfJank() throws Exception {
        Run r = run(LIST, true);
        Map<JankType, Integer> j = r.outcome().timeline().jankCounts("list");
        assertTrue(j.getOrDefault(JankType.APP_DEADLINE_MISSED, 0) > 0, j.toString());
        assertTrue(j.getOrDefault(JankType.SURFACE_FLINGER_CPU_DEADLINE_MISSED, 0) > 0, j.toString());
        assertTrue(j.getOrDefault(JankType.BUFFER_STUFFING, 0) > 0, j.toString());
        assertEquals(r.screenHashes(), run(LIST, false).screenHashes(), "damage tracking changes no scan-out");
        pinned("list", r, "837990a13c50e95c", "12b9c51b4141b645");
    }

    @Test
    void aScaledVideoIsDroppedInMailboxModeAndFollowsItsTransactions() throws Exception {
        Run r = run(VIDEO, true);
        Simulation.Outcome o = r.outcome();
        assertEquals(0, o.findings().violations(), o.findings().list().toString());
        assertTrue(o.timeline().surfaceFrames().stream().anyMatch(f -> f.present() == PresentType.DROPPED));
        assertEquals(r.screenHashes(), run(VIDEO, false).screenHashes(), "damage tracking changes no scan-out");
        pinned("video", r, "ba4d6261def87b45", "d9b59e397e9b38e4");
    }

    @Test
    void aColourTransformTheDeviceCannotApplySendsEveryLayerToTheGpu() throws Exception {
        Run r = run(GPU, true);
        Simulation.Outcome o = r.outcome();
        assertTrue(o.validations().entries().stream().allMatch(e -> e.count(Composition.DEVICE) == 0
                && e.clientTargetPlane() != null), o.validations().entries().toString());
        assertEquals(r.screenHashes(), run(GPU, false).screenHashes(), "damage tracking changes no scan-out");
        pinned("gpu", r, "862719fc6eb18c3c", "028a8a1ef8b29db4");
    }
}
