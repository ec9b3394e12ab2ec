package org.sysmodels.compositor.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sysmodels.compositor.model.CompositorObserver;
import org.sysmodels.compositor.output.ContactSheet;
import org.sysmodels.compositor.output.FrameRecorder;
import org.sysmodels.compositor.output.Png;
import org.sysmodels.compositor.scenario.Scenarios;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.check.Severity;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.run.Artifact;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.trace.Tracer;

/**
 * The guided demo: the home screen on planes and what damage tracking saves, more layers than planes (watch layers
 * move to client composition), the scrolling list's jank report, a rotation, a video on an overlay plane, and two
 * bug labs caught by their rules. Ends with a contact sheet of frames from every part.
 */
public final class Tour {

    private final List<ContactSheet.Cell> cells = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final RunResult.Builder b;

    private Tour(RunResult.Builder b) {
        this.b = b;
    }

    public static RunResult run(RunResult.Builder b, RunRequest request) throws UserInputException {
        return new Tour(b).tour(request);
    }

    private RunResult tour(RunRequest request) throws UserInputException {
        long seed = request.seed();
        Simulation.Outcome home = run("home-screen", seed, Hosts.REFERENCE, Tracer.off(), List.of(60L));
        Simulation.Outcome homeFull = Simulation.run(Scenarios.load("home-screen").withDamageTracking(false)
                .withVsyncs(40), seed, Tracer.off(), List.of());
        b.summary("1. Home screen: wallpaper, launcher, status bar and nav bar fit the four planes, so validate "
                + "makes every layer DEVICE and the GPU composes nothing.");
        double with = (double) home.engine().pixelsBlended() / home.surfaceFlinger().framesComposed();
        double without = (double) homeFull.engine().pixelsBlended() / homeFull.surfaceFlinger().framesComposed();
        b.summary(String.format(Locale.ROOT, "   Damage tracking: only the launcher's widget and the clock change, so "
                + "the display recomposes %,.0f layer-pixels per frame with it and %,.0f without (%.0f× less); the "
                + "picture is the same.", with, without, without / Math.max(1, with)));
        b.table(Reports.verdicts(home, "Home screen: HWC validate"));

        Simulation.Outcome more = run("more-layers-than-planes", seed, Hosts.REFERENCE, Tracer.off(),
                List.of(30L, 50L, 70L));
        b.summary("2. More layers than planes: when the dialog (with its scrim) and the toast appear, seven layers "
                + "meet four planes; validate keeps one plane for the client target and sends the cheapest contiguous "
                + "z-range to the GPU; when the dialog closes the layers return to planes.");
        b.table(Reports.compositionChanges(more, "More layers than planes: composition over time"));
        b.plot(Reports.compositionOverTime(more, "demotion"));

        Tracer tracer = request.tracer("compositor-scrolling-list");
        Simulation.Outcome list = run("scrolling-list", seed, Hosts.REFERENCE, tracer, List.of(90L));
        b.summary("3. Scrolling list: " + Reports.jankLine(list) + ". Slow app frames are AppDeadlineMissed; a "
                + "slow SurfaceFlinger frame is SurfaceFlingerCpuDeadlineMissed and leaves the app one buffer ahead: "
                + "BufferStuffing (on time, presented a vsync late) until the app skips a frame.");
        b.table(Reports.jankReport(list));
        b.plot(Reports.frameTimes(list, "list", "list-frames"));
        b.trace(tracer.log());

        Simulation.Outcome rotation = run("rotation", seed, Hosts.REFERENCE, Tracer.off(), List.of(60L));
        b.summary("4. Rotation: landscape buffers shown with ROT_90 need a plane that rotates; the typical "
                + "display has one, so the other rotated layers go CLIENT until the phone turns back.");
        b.table(Reports.compositionChanges(rotation, "Rotation: composition over time"));
        Simulation.Outcome video = run("video-overlay", seed, Hosts.REFERENCE, Tracer.off(), List.of(60L));
        b.summary("5. Video: the 1280×720 stream is scaled by an overlay plane ("
                + video.surfaceFlinger().lastValidation().verdict("video").plane() + "); "
                + Reports.jankLine(video) + ".");

        int step = 6;
        for (CompositorLab lab : List.of(CompositorLab.HALO, CompositorLab.TEARING)) {
            Simulation.Outcome o = run(lab.scenario(), seed, lab.hosts(), Tracer.off(), List.of(10L));
            long caught = o.findings().count(lab.lab().rule());
            b.summary(step++ + ". Bug lab " + lab.lab().name() + ": " + lab.lab().mistake() + ". Rule "
                    + lab.lab().rule().name() + " caught it " + caught + " times (sim compositor --bug "
                    + lab.lab().name() + " exits 1). The fix: " + lab.lab().fix() + ".");
            for (Finding f : o.findings().list()) {
                findings.add(f.severity() == Severity.VIOLATION ? new Finding(Severity.INFO, "caught/" + f.rule(),
                        "bug lab " + lab.lab().name() + ": " + f.message(), f.at(), f.where(), f.source()) : f);
            }
        }
        for (Simulation.Outcome o : List.of(home, homeFull, more, list, rotation, video)) {
            findings.addAll(o.findings().list());
            b.checks(o.checker().rules());
        }
        b.metrics(Reports.metrics(list).snapshot());
        if (request.outputDir().isPresent()) {
            Path sheet = request.outputDir().get().resolve("contact-sheet.png");
            try {
                Png.write(ContactSheet.render("COMPOSITOR TOUR SEED " + seed, cells, 5), sheet);
                b.artifact(new Artifact(sheet, "frames from every part of the tour, as the display scanned them out"));
            } catch (java.io.UncheckedIOException e) {
                b.summary("could not write the contact sheet: " + e.getMessage());
            }
        }
        return b.findings(findings).build();
    }

    private Simulation.Outcome run(String scenario, long seed, Hosts hosts, Tracer tracer, List<Long> thumbnails)
            throws UserInputException {
        FrameRecorder recorder = new FrameRecorder(null, thumbnails);
        Simulation.Outcome o = Simulation.run(Scenarios.load(scenario), seed, hosts, tracer,
                List.<CompositorObserver>of(recorder));
        for (ContactSheet.Cell c : recorder.cells()) {
            cells.add(new ContactSheet.Cell(c.thumbnail(), scenario + " " + c.caption()));
        }
        return o;
    }
}
