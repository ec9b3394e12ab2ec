package org.sysmodels.compositor.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.sysmodels.compositor.app.SurfaceApp;
import org.sysmodels.compositor.model.BlendMode;
import org.sysmodels.compositor.model.CompositorObserver;
import org.sysmodels.compositor.output.ContactSheet;
import org.sysmodels.compositor.output.FrameRecorder;
import org.sysmodels.compositor.output.Png;
import org.sysmodels.compositor.scenario.AppKind;
import org.sysmodels.compositor.scenario.CompositorScenario;
import org.sysmodels.compositor.scenario.LayerEvent;
import org.sysmodels.compositor.scenario.LayerSpec;
import org.sysmodels.compositor.scenario.PlaneSpec;
import org.sysmodels.compositor.scenario.Scenarios;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.option.Options;
import org.sysmodels.core.run.Artifact;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.trace.Tracer;

/**
 * One {@code sim compositor} run wired together: the scenario with the user's flags, the host side (the reference,
 * a bug lab's variant or the student's app), the frame recorder and PNG files, and the result the terminal and the
 * report show.
 */
public final class CompositorRun {

    private CompositorRun() {
    }

    /**
     * Runs what {@code request} asks for.
     *
     * @param student the student's app when {@code --app} was given, else empty
     */
    public static RunResult run(RunRequest request, Optional<SurfaceApp> student, RunResult.Builder b)
            throws UserInputException {
        Options opt = request.options();
        Optional<CompositorLab> lab = request.bug().map(CompositorLab::byName);
        String name = request.scenario().orElse(lab.map(CompositorLab::scenario).orElse("home-screen"));
        CompositorScenario s = withFlags(Scenarios.resolve(name), opt);
        Hosts hosts = Hosts.REFERENCE;
        if (opt.has(CompositorFlags.APP_LAYER) && (lab.isPresent() || student.isEmpty())) {
            throw new UserInputException("--app-layer chooses the layer your own app draws: give it with --app FILE "
                    + "or --grade FILE" + (lab.isPresent() ? ", not with --bug (the lab's buggy layer is fixed)" : ""));
        }
        if (lab.isPresent()) {
            CompositorLab l = lab.get();
            if (l.layer() != null && s.layers().stream().noneMatch(x -> x.name().equals(l.layer()))) {
                throw new UserInputException("--bug " + l.lab().name() + " needs a layer named \"" + l.layer()
                        + "\" in the scenario; it is in the packaged scenario " + l.scenario());
            }
            hosts = l.hosts();
            b.lab(l.lab());
        } else if (student.isPresent()) {
            String layer = appLayer(s, opt);
            hosts = Hosts.student(student.get(), layer);
            b.summary("your app draws layer \"" + layer + "\"");
        }
        Optional<Path> pngDir = opt.get(CompositorFlags.PNG_DIR);
        if (pngDir.isPresent()) {
            OutputFolder.require(CompositorFlags.PNG_DIR.name(), pngDir.get());
        }
        Optional<Path> dir = pngDir.or(request::outputDir);
        boolean frames = opt.isSet(CompositorFlags.FRAMES);
        if (frames && dir.isEmpty()) {
            throw new UserInputException("--frames writes PNG files: add --png-dir DIR (or --report DIR)");
        }
        Path frameDir = frames ? pngDir.orElseGet(() -> dir.get().resolve("frames")) : null;
        FrameRecorder recorder = new FrameRecorder(frameDir, evenly(s.vsyncs(), 12));
        Tracer tracer = request.tracer("compositor-" + Path.of(name).getFileName().toString().replace(".json", ""));
        Simulation.Outcome o = Simulation.run(s, request.seed(), hosts, tracer,
                List.<CompositorObserver>of(recorder), request.progress());

        b.summary(String.format(Locale.ROOT, "%s: %d×%d at %.0f Hz, %d planes, %d layers, %d vsyncs; %s kernels.",
                name, s.width(), s.height(), o.vsync().hz(), planeCount(s), s.layers().size(), s.vsyncs(),
                o.engine().kernels()));
        b.summary(o.surfaceFlinger().framesComposed() + " SurfaceFlinger frames; " + Reports.jankLine(o) + ".");
        lateEvents(s).ifPresent(b::summary);
        if (lab.isPresent() && o.findings().tallies().stream().noneMatch(t -> t.violated()
                && t.rule().equals(lab.get().lab().rule().name()))) {
            b.summary(missedLab(lab.get(), request));
        }
        b.table(Reports.verdicts(o, "HWC validate, last frame"));
        b.table(Reports.compositionChanges(o, "Composition over time"));
        b.table(Reports.jankReport(o));
        o.producers().keySet().stream().sorted().filter(l -> o.timeline().surfaceFrames().stream()
                .filter(f -> f.layer().equals(l)).count() > 5).forEach(l ->
                b.plot(Reports.frameTimes(o, l, "frames-" + l)));
        b.plot(Reports.compositionOverTime(o, "composition"));
        if (dir.isPresent()) {
            Path sheet = dir.get().resolve("contact-sheet.png");
            try {
                Png.write(ContactSheet.render(name.toUpperCase(Locale.ROOT) + " SEED " + request.seed(),
                        recorder.cells(), 6), sheet);
                b.artifact(new Artifact(sheet, "12 frames of the run, as scanned out"));
            } catch (java.io.UncheckedIOException e) {
                b.summary("could not write the contact sheet: " + e.getMessage());
            }
        }
        if (!recorder.written().isEmpty()) {
            b.summary(recorder.written().size() + " frame PNGs in " + frameDir);
        }
        recorder.failure().ifPresent(f -> b.summary("frame PNGs stopped: " + f));
        return b.metrics(Reports.metrics(o).snapshot()).checks(o.checker().rules()).findings(o.findings())
                .trace(tracer.log()).build();
    }

    /**
     * A note when scenario events fall after the run's last vsync (a short {@code --vsyncs}, or a typo in "at"): the
     * run ends before them, so they do not happen.
     */
    static Optional<String> lateEvents(CompositorScenario s) {
        List<String> late = s.events().stream().map(LayerEvent::at).filter(at -> at > s.vsyncs()).distinct()
                .sorted().map(String::valueOf).toList();
        if (late.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the scenario's events at " + (late.size() == 1 ? "vsync " : "vsyncs ")
                + String.join(", ", late) + " come after the run's last vsync (" + s.vsyncs()
                + ") and did not happen");
    }

    /**
     * Why a lab's rule saw nothing: the user's flags changed the set-up the lab was made for (a run too short, one
     * plane so the GPU reads the buffer, another scenario), and how to see it caught.
     */
    static String missedLab(CompositorLab lab, RunRequest request) {
        Options opt = request.options();
        List<String> changed = new ArrayList<>();
        request.scenario().ifPresent(n -> changed.add("--scenario " + n));
        for (var spec : List.of(CompositorFlags.VSYNCS, CompositorFlags.REFRESH, CompositorFlags.PLANES)) {
            if (opt.has(spec)) {
                changed.add(spec.name() + " " + opt.get(spec).orElseThrow());
            }
        }
        if (opt.isSet(CompositorFlags.NO_DAMAGE_TRACKING)) {
            changed.add(CompositorFlags.NO_DAMAGE_TRACKING.name());
        }
        return "the bug did no harm rule " + lab.lab().rule().name() + " could see on this run"
                + (changed.isEmpty() ? "" : " (the lab's set-up was changed by " + String.join(", ", changed) + ")")
                + "; `sim compositor --bug " + lab.lab().name() + "` alone shows it caught";
    }

    /** The layer a student's app draws: {@code --app-layer}, else the scenario's first app window. */
    static String appLayer(CompositorScenario s, Options opt) throws UserInputException {
        Optional<String> asked = opt.get(CompositorFlags.APP_LAYER);
        List<String> candidates = s.layers().stream().filter(l -> l.app() != AppKind.COLOR).map(LayerSpec::name)
                .toList();
        if (candidates.isEmpty()) {
            throw new UserInputException((asked.isPresent() ? "--app-layer: " : "") + "the scenario has no layer "
                    + "with a buffer for your app to draw: every layer (" + s.layers().stream().map(l -> "\""
                    + l.name() + "\"").collect(Collectors.joining(", ")) + ") is \"app\": \"COLOR\", "
                    + "a solid colour with no BufferQueue; give one layer an app, e.g. \"app\": \"LAUNCHER\"");
        }
        if (asked.isPresent()) {
            if (!candidates.contains(asked.get())) {
                throw new UserInputException("--app-layer: no layer with a buffer named \"" + asked.get() + "\"; "
                        + "layers: " + String.join(", ", candidates));
            }
            return asked.get();
        }
        return s.layers().stream().filter(l -> switch (l.app()) {
            case WALLPAPER, STATUS_BAR, NAV_BAR, COLOR -> false;
            default -> true;
        }).map(LayerSpec::name).findFirst().orElseThrow(() -> new UserInputException("the scenario has no app "
                + "window for your app (every layer is a wallpaper, a bar or a colour); choose one with "
                + "--app-layer: " + String.join(", ", candidates)));
    }

    /** The scenario with the user's flags applied. */
    public static CompositorScenario withFlags(CompositorScenario s, Options o) throws UserInputException {
        try {
            if (o.has(CompositorFlags.VSYNCS)) {
                s = s.withVsyncs(o.get(CompositorFlags.VSYNCS).orElseThrow());
            }
            if (o.has(CompositorFlags.REFRESH)) {
                s = s.withRefresh(o.get(CompositorFlags.REFRESH).orElseThrow());
            }
            if (o.has(CompositorFlags.PLANES)) {
                s = s.withPlanes(planes(o.get(CompositorFlags.PLANES).orElseThrow()));
            }
            if (o.isSet(CompositorFlags.NO_DAMAGE_TRACKING)) {
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
            boolean last = i == n - 1;
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
