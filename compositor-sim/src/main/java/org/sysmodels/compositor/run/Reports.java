package org.sysmodels.compositor.run;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sysmodels.compositor.model.Composition;
import org.sysmodels.compositor.model.DisplayFrame;
import org.sysmodels.compositor.model.JankType;
import org.sysmodels.compositor.model.LayerVerdict;
import org.sysmodels.compositor.model.PresentType;
import org.sysmodels.compositor.model.SurfaceFrame;
import org.sysmodels.core.metrics.Metrics;
import org.sysmodels.core.run.Plot;
import org.sysmodels.core.run.Series;
import org.sysmodels.core.run.Table;

/** Tables, plots and metrics from a run: composition per layer, the jank report, frame timing. */
final class Reports {

    private Reports() {
    }

    /** The distinct plane assignments over the run, with the vsyncs they started at. */
    static Table compositionChanges(Simulation.Outcome o, String title) {
        List<List<String>> rows = new ArrayList<>();
        String last = null;
        for (ValidationLog.Entry e : o.validations().entries()) {
            if (e.verdicts().isEmpty()) {
                continue;
            }
            String now = e.summary();
            if (!now.equals(last)) {
                rows.add(List.of(Long.toString(e.vsync()), Long.toString(e.count(Composition.DEVICE)
                        + e.count(Composition.SOLID_COLOR)), Long.toString(e.count(Composition.CLIENT)),
                        e.clientTargetPlane() == null ? "-" : e.clientTargetPlane(), now));
                last = now;
            }
        }
        return new Table(title, List.of("from vsync", "on planes", "CLIENT", "client target plane",
                "layer: composition (plane)"), rows);
    }

    /** The last frame's verdict per layer, with the reason. */
    static Table verdicts(Simulation.Outcome o, String title) {
        List<ValidationLog.Entry> all = o.validations().entries();
        List<List<String>> rows = new ArrayList<>();
        if (!all.isEmpty()) {
            for (LayerVerdict v : all.get(all.size() - 1).verdicts()) {
                rows.add(List.of(v.layer(), v.requested().name(), v.type() == null ? "not shown" : v.type().name(),
                        v.plane() == null ? "-" : v.plane(), v.reason()));
            }
        }
        return new Table(title, List.of("layer", "requested", "validated", "plane", "why"), rows);
    }

    /** Per layer: app frames, present types and jank types (FrameTimeline). */
    static Table jankReport(Simulation.Outcome o) {
        Map<String, List<SurfaceFrame>> byLayer = new LinkedHashMap<>();
        for (SurfaceFrame s : o.timeline().surfaceFrames()) {
            byLayer.computeIfAbsent(s.layer(), k -> new ArrayList<>()).add(s);
        }
        List<List<String>> rows = new ArrayList<>();
        byLayer.forEach((layer, frames) -> {
            Map<PresentType, Integer> p = new EnumMap<>(PresentType.class);
            Map<JankType, Integer> j = new EnumMap<>(JankType.class);
            for (SurfaceFrame s : frames) {
                p.merge(s.present(), 1, Integer::sum);
                j.merge(s.jank(), 1, Integer::sum);
            }
            StringBuilder janks = new StringBuilder();
            j.forEach((type, n) -> {
                if (type != JankType.NONE) {
                    janks.append(janks.isEmpty() ? "" : ", ").append(type.label()).append(' ').append(n);
                }
            });
            rows.add(List.of(layer, Integer.toString(frames.size()), count(p, PresentType.ON_TIME),
                    count(p, PresentType.LATE), count(p, PresentType.EARLY), count(p, PresentType.DROPPED),
                    janks.isEmpty() ? "-" : janks.toString()));
        });
        Map<JankType, Integer> sf = new EnumMap<>(JankType.class);
        for (DisplayFrame d : o.timeline().displayFrames()) {
            sf.merge(d.jank(), 1, Integer::sum);
        }
        StringBuilder sfJank = new StringBuilder();
        sf.forEach((type, n) -> {
            if (type != JankType.NONE) {
                sfJank.append(sfJank.isEmpty() ? "" : ", ").append(type.label()).append(' ').append(n);
            }
        });
        long late = o.timeline().displayFrames().stream().filter(d -> d.present() == PresentType.LATE).count();
        rows.add(List.of("SurfaceFlinger", Integer.toString(o.timeline().displayFrames().size()),
                Long.toString(o.timeline().displayFrames().size() - late), Long.toString(late), "0", "0",
                sfJank.isEmpty() ? "-" : sfJank.toString()));
        return new Table("Jank report (FrameTimeline)", List.of("layer", "frames", "on time", "late", "early",
                "dropped", "jank types"), rows);
    }

    private static String count(Map<PresentType, Integer> m, PresentType t) {
        return Integer.toString(m.getOrDefault(t, 0));
    }

    /** For one layer: how long each app frame took (start to max(GPU, queue)) against its budget, and how late. */
    static Plot frameTimes(Simulation.Outcome o, String layer, String id) {
        List<SurfaceFrame> frames = o.timeline().surfaceFrames().stream().filter(s -> s.layer().equals(layer))
                .filter(s -> s.actualPresent() >= 0).toList();
        double[] x = new double[frames.size()];
        double[] took = new double[frames.size()];
        double[] budget = new double[frames.size()];
        double[] late = new double[frames.size()];
        for (int i = 0; i < frames.size(); i++) {
            SurfaceFrame s = frames.get(i);
            x[i] = s.frameNumber();
            took[i] = (s.actualEnd() - s.actualStart()) / 1e6;
            budget[i] = (s.deadline() - s.expectedStart()) / 1e6;
            late[i] = (s.actualPresent() - s.expectedPresent()) / 1e6;
        }
        return Plot.line(id, layer + ": app frame time and present delay", "frame", "ms",
                new Series("app frame (start to GPU done / queue)", x, took),
                new Series("app deadline (budget)", x, budget),
                new Series("present delay (0 = on time)", x, late));
    }

    /** CLIENT and DEVICE layer counts per SurfaceFlinger frame. */
    static Plot compositionOverTime(Simulation.Outcome o, String id) {
        List<ValidationLog.Entry> e = o.validations().entries();
        double[] x = new double[e.size()];
        double[] client = new double[e.size()];
        double[] device = new double[e.size()];
        for (int i = 0; i < e.size(); i++) {
            x[i] = e.get(i).vsync();
            client[i] = e.get(i).count(Composition.CLIENT);
            device[i] = e.get(i).count(Composition.DEVICE) + e.get(i).count(Composition.SOLID_COLOR);
        }
        return new Plot(id, "Layers per composition type", "vsync", "layers", Plot.Kind.STEP, false, false,
                List.of(new Series("on planes (DEVICE, SOLID_COLOR)", x, device), new Series("CLIENT (GPU)", x,
                        client)));
    }

    static Metrics metrics(Simulation.Outcome o) {
        Metrics m = new Metrics();
        m.value("vsyncs", o.scenario().vsyncs(), "");
        m.value("SurfaceFlinger frames", o.surfaceFlinger().framesComposed(), "");
        m.value("frames with client composition", o.validations().entries().stream()
                .filter(v -> v.clientTargetPlane() != null).count(), "");
        m.value("layer-pixels blended (GPU + display)", o.engine().pixelsBlended(), "px");
        List<SurfaceFrame> s = o.timeline().surfaceFrames();
        m.value("app frames", s.size(), "");
        m.value("janky app frames", s.stream().filter(SurfaceFrame::janky).count(), "");
        m.value("dropped app frames", s.stream().filter(f -> f.present() == PresentType.DROPPED).count(), "");
        m.value("simulation wall time", o.wallNanos(), "ns");
        return m;
    }

    static String jankLine(Simulation.Outcome o) {
        List<SurfaceFrame> s = o.timeline().surfaceFrames();
        long janky = s.stream().filter(SurfaceFrame::janky).count();
        Map<JankType, Integer> j = o.timeline().jankCounts(null);
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%d app frames, %d janky (%.1f%%)", s.size(),
                janky, s.isEmpty() ? 0 : 100.0 * janky / s.size()));
        j.forEach((t, n) -> {
            if (t != JankType.NONE) {
                b.append("; ").append(t.label()).append(' ').append(n);
            }
        });
        return b.toString();
    }
}
