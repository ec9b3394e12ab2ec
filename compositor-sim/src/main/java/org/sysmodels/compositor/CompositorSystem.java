package org.sysmodels.compositor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.sysmodels.compositor.model.BlendMode;
import org.sysmodels.compositor.model.CompositorObserver;
import org.sysmodels.compositor.output.ContactSheet;
import org.sysmodels.compositor.output.FrameRecorder;
import org.sysmodels.compositor.output.Png;
import org.sysmodels.compositor.quiz.CompositorQuiz;
import org.sysmodels.compositor.scenario.BugLab;
import org.sysmodels.compositor.scenario.CompositorScenario;
import org.sysmodels.compositor.scenario.PlaneSpec;
import org.sysmodels.compositor.scenario.Scenarios;
import org.sysmodels.compositor.scenario.Simulation;
import org.sysmodels.core.run.Artifact;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.option.OptionSpec;
import org.sysmodels.core.option.Options;
import org.sysmodels.core.scenario.ScenarioEntry;
import org.sysmodels.core.system.QuizQuestion;
import org.sysmodels.core.system.RealityNote;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.system.SimSystem;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.trace.Tracer;

/**
 * {@code sim compositor}: SurfaceFlinger-style compositing with BufferQueues, HWC2 planes, client composition on
 * real pixels, VSYNC and FrameTimeline jank classification.
 */
public final class CompositorSystem implements SimSystem {

    @Override
    public String name() {
        return "compositor";
    }

    @Override
    public String title() {
        return "SurfaceFlinger-style compositor: BufferQueues, HWC planes, client composition, frame timing";
    }

    @Override
    public String description() {
        return "Apps draw real pixels into BufferQueues (FREE, DEQUEUED, QUEUED, ACQUIRED, with fences). On every "
                + "VSYNC SurfaceFlinger latches buffers, the HWC's validate puts each layer on an overlay plane "
                + "(DEVICE) or leaves it to the GPU (CLIENT), client composition blends premultiplied ARGB bit-exact "
                + "with pixman, the display blends the planes, and FrameTimeline classifies every frame "
                + "(AppDeadlineMissed, BufferStuffing, SurfaceFlingerCpuDeadlineMissed, ...). Frames can be written "
                + "as PNG files.";
    }

    @Override
    public List<ScenarioEntry> scenarios() {
        return Scenarios.entries();
    }

    @Override
    public List<org.sysmodels.core.lab.BugLab> bugLabs() {
        return java.util.Arrays.stream(BugLab.values()).map(BugLab::declaration).toList();
    }

    @Override
    public List<OptionSpec<?>> options() {
        return CompositorOptions.ALL;
    }

    @Override
    public RunResult run(RunRequest request) throws UserInputException {
        Options opt = request.options();
        BugLab bug = null;
        if (request.bug().isPresent()) {
            bug = BugLab.of(request.bug().get()).orElseThrow(() -> new UserInputException("--bug: no bug lab named \""
                    + request.bug().get() + "\"; bug labs: tearing, starvation, halo"));
        }
        String name = request.scenario().orElse(bug != null ? bug.scenario() : "home-screen");
        CompositorScenario s = withFlags(Scenarios.resolve(name), opt);
        BugLab lab = bug;
        if (lab != null && lab.layer() != null && s.layers().stream().noneMatch(l -> l.name().equals(lab.layer()))) {
            throw new UserInputException("--bug " + lab.label() + " needs a layer named \"" + lab.layer()
                    + "\" in the scenario; it is in the packaged scenario " + lab.scenario());
        }
        Optional<Path> dir = opt.get(CompositorOptions.PNG_DIR).or(request::outputDir);
        boolean frames = opt.isSet(CompositorOptions.FRAMES);
        if (frames && dir.isEmpty()) {
            throw new UserInputException("--frames writes PNG files: add --report DIR or --png-dir DIR");
        }
        FrameRecorder recorder = new FrameRecorder(frames ? dir.get().resolve("frames") : null,
                evenly(s.vsyncs(), 12));
        Tracer tracer = request.tracer("compositor-" + Path.of(name).getFileName().toString().replace(".json", ""));
        Simulation.Outcome o = Simulation.run(s, request.seed(), bug, tracer, List.<CompositorObserver>of(recorder));

        RunResult.Builder b = RunResult.builder(name(), title(), request.seed());
        b.summary(String.format(Locale.ROOT, "%s: %d×%d at %.0f Hz, %d planes, %d layers, %d vsyncs; %s kernels.",
                name, s.width(), s.height(), o.vsync().hz(), planeCount(s), s.layers().size(), s.vsyncs(), o.engine().kernels()));
        if (bug != null) {
            b.lab(bug.declaration());
        }
        b.summary(o.surfaceFlinger().framesComposed() + " SurfaceFlinger frames; " + Reports.jankLine(o) + ".");
        b.table(Reports.verdicts(o, "HWC validate, last frame"));
        b.table(Reports.compositionChanges(o, "Composition over time"));
        b.table(Reports.jankReport(o));
        o.producers().keySet().stream().sorted().filter(l -> o.timeline().surfaceFrames().stream()
                .filter(f -> f.layer().equals(l)).count() > 5).forEach(l ->
                b.plot(Reports.frameTimes(o, l, "frames-" + l)));
        b.plot(Reports.compositionOverTime(o, "composition"));
        if (dir.isPresent()) {
            Path sheet = dir.get().resolve("contact-sheet.png");
            Png.write(ContactSheet.render(name.toUpperCase(Locale.ROOT) + " SEED " + request.seed(),
                    recorder.cells(), 6), sheet);
            b.artifact(new Artifact(sheet, "12 frames of the run, as scanned out"));
            if (!recorder.written().isEmpty()) {
                b.summary(recorder.written().size() + " frame PNGs in " + dir.get().resolve("frames"));
            }
        }
        return b.metrics(Reports.metrics(o).snapshot()).findings(o.findings().list()).trace(tracer.log()).build();
    }

    @Override
    public RunResult tour(RunRequest request) throws UserInputException {
        return new Tour(this).run(request);
    }

    @Override
    public List<QuizQuestion> quiz(RunRequest request) {
        return CompositorQuiz.generate(request.seed());
    }

    @Override
    public List<RealityNote> reality() {
        return List.of(
                new RealityNote("SurfaceFlinger is written in C++; it has not been rewritten in Rust.",
                        "AOSP frameworks/native/services/surfaceflinger"),
                new RealityNote("Android's share of memory-safety vulnerabilities fell from 76% (2019) to 24% (2024), "
                        + "which Google credits to writing new code in memory-safe languages such as Rust "
                        + "(Keystore2, UWB, DNS-over-HTTP3, Binder), not to rewriting old C++.",
                        "Google Security Blog, \"Eliminating Memory Safety Vulnerabilities at the Source\", Sept 2024"),
                new RealityNote("No public source supports a \"25% GPU gain\" from a Rust SurfaceFlinger.",
                        "../shared/reference/claims.md"),
                new RealityNote("HWC2 composition types are CLIENT 1, DEVICE 2, SOLID_COLOR 3, CURSOR 4, SIDEBAND 5; "
                        + "validate may turn DEVICE into CLIENT, and SurfaceFlinger accepts the change.",
                        "hardware/libhardware/include/hardware/hwcomposer2.h"),
                new RealityNote("FrameTimeline classifies janks as AppDeadlineMissed, BufferStuffing, "
                        + "SurfaceFlingerCpuDeadlineMissed, SurfaceFlingerGpuDeadlineMissed, DisplayHAL, "
                        + "PredictionError or Unknown; at 60 Hz the example trace gives apps 20.5 ms and "
                        + "SurfaceFlinger 10.5 ms.", "perfetto docs/data-sources/frametimeline.md"),
                new RealityNote("The blending here matches pixman bit for bit; pixman composites one layer per call, "
                        + "about 2,300 Mpix/s on one core for UI content, near the memory bandwidth of per-layer "
                        + "blending; blending all layers of a tile at once avoids that limit.",
                        "measured with bench/run; ../shared/reference/compositor.md"));
    }

    static CompositorScenario withFlags(CompositorScenario s, Options o) throws UserInputException {
        try {
            if (o.has(CompositorOptions.VSYNCS)) {
                s = s.withVsyncs(o.get(CompositorOptions.VSYNCS).orElseThrow());
            }
            if (o.has(CompositorOptions.REFRESH)) {
                s = s.withRefresh(o.get(CompositorOptions.REFRESH).orElseThrow());
            }
            if (o.has(CompositorOptions.PLANES)) {
                s = s.withPlanes(planes(o.get(CompositorOptions.PLANES).orElseThrow()));
            }
            if (o.isSet(CompositorOptions.NO_DAMAGE_TRACKING)) {
                s = s.withDamageTracking(false);
            }
            return s;
        } catch (InvalidFieldException e) {
            throw new UserInputException("--refresh: " + e.getMessage());
        }
    }

    /** A primary plane and n − 1 overlays, the last of which can rotate. */
    static List<PlaneSpec> planes(int n) {
        List<PlaneSpec> out = new ArrayList<>();
        out.add(new PlaneSpec("primary", false, false, false, List.of(BlendMode.NONE, BlendMode.PREMULTIPLIED),
                true, false, true));
        for (int i = 1; i < n; i++) {
            boolean last = i == n - 1 && n > 1;
            out.add(new PlaneSpec(last ? "rotator" : "overlay" + i, true, last, true, null, true, true, true));
        }
        return out;
    }

    static int planeCount(CompositorScenario s) {
        return s.planes() == null ? 4 : s.planes().size();
    }

    /** n vsyncs spread evenly over 1..total. */
    static List<Long> evenly(int total, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            long v = Math.max(1, Math.round((double) i * total / (n + 1)));
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }
}
