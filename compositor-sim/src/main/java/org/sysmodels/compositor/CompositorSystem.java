package org.sysmodels.compositor;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.sysmodels.compositor.app.SurfaceApp;
import org.sysmodels.compositor.check.LayerErrorCheck;
import org.sysmodels.compositor.check.PremultipliedCheck;
import org.sysmodels.compositor.check.QueueCallCheck;
import org.sysmodels.compositor.check.QueueInvariantCheck;
import org.sysmodels.compositor.check.ReleaseFenceCheck;
import org.sysmodels.compositor.check.StarvationCheck;
import org.sysmodels.compositor.check.TearCheck;
import org.sysmodels.compositor.quiz.CompositorQuiz;
import org.sysmodels.compositor.run.CompositorFlags;
import org.sysmodels.compositor.run.CompositorGrade;
import org.sysmodels.compositor.run.CompositorLab;
import org.sysmodels.compositor.run.CompositorRun;
import org.sysmodels.compositor.run.Tour;
import org.sysmodels.compositor.scenario.Scenarios;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.lab.BugLab;
import org.sysmodels.core.option.OptionSpec;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.scenario.ScenarioEntry;
import org.sysmodels.core.student.JavaStudentCode;
import org.sysmodels.core.student.StudentCodeFailure;
import org.sysmodels.core.student.StudentSlot;
import org.sysmodels.core.student.Template;
import org.sysmodels.core.system.QuizQuestion;
import org.sysmodels.core.system.RealityNote;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.system.SimSystem;

/**
 * {@code sim compositor}: SurfaceFlinger-style compositing with BufferQueues, HWC2 planes, client composition on
 * real pixels, VSYNC and FrameTimeline jank classification; bug labs as variants of the host side; a student's own
 * app ({@code --app}) in place of a layer's app.
 */
public final class CompositorSystem implements SimSystem {

    private static final StudentSlot SLOT = new StudentSlot("--app", "app", StudentSlot.Kind.JAVA_SOURCE,
            "One Java class implementing org.sysmodels.compositor.app.SurfaceApp: a producer that draws one layer "
                    + "through its BufferQueue (dequeue a buffer, wait on its release fence, draw with the Canvas, "
                    + "queue it). It takes the place of the scenario's app window (--app-layer to choose another).",
            List.of(Template.resource(CompositorSystem.class, "app", "a correct app: a ball swinging over a dark "
                    + "background, with a frame counter", "MyApp.java", "/org/sysmodels/compositor/template/MyApp.java")));

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
    public List<BugLab> bugLabs() {
        return CompositorLab.labs();
    }

    @Override
    public List<Rule> rules() {
        return List.of(ReleaseFenceCheck.RULE, TearCheck.RULE, StarvationCheck.RULE, PremultipliedCheck.RULE,
                QueueInvariantCheck.RULE, QueueCallCheck.RULE, LayerErrorCheck.RULE);
    }

    @Override
    public List<OptionSpec<?>> options() {
        return CompositorFlags.ALL;
    }

    @Override
    public Optional<StudentSlot> student() {
        return Optional.of(SLOT);
    }

    @Override
    public RunResult run(RunRequest request) throws UserInputException, StudentCodeFailure {
        if (request.bug().isPresent()) {
            bugLab(request.bug().get());
        }
        Optional<SurfaceApp> app = Optional.empty();
        RunResult.Builder b = RunResult.builder(name(), title(), request.seed());
        if (request.bug().isEmpty() && request.student().isPresent()) {
            JavaStudentCode code = JavaStudentCode.compile(request.student().get(), SurfaceApp.class, SLOT.noun());
            app = Optional.of(code.newInstance(SurfaceApp.class));
            b.summary("app: " + code.fileName());
        }
        return CompositorRun.run(request, app, b);
    }

    @Override
    public RunResult grade(RunRequest request) throws UserInputException {
        Path file = request.student().orElseThrow(() -> new UserInputException("--grade needs a file"));
        CompositorGrade.refuseOneRunFlags(request, file.getFileName().toString());
        JavaStudentCode code = JavaStudentCode.compile(file, SurfaceApp.class, SLOT.noun());
        return CompositorGrade.grade(request, code, RunResult.builder(name(), title(), request.seed()));
    }

    @Override
    public RunResult tour(RunRequest request) throws UserInputException {
        return Tour.run(RunResult.builder(name(), title(), request.seed()), request);
    }

    @Override
    public List<QuizQuestion> quiz(RunRequest request) {
        return CompositorQuiz.generate(request.seed());
    }

    @Override
    public List<RealityNote> reality() {
        return List.of(
                new RealityNote("SurfaceFlinger is written in C++; it has not been rewritten in Rust.",
                        "AOSP frameworks/native/services/surfaceflinger (the sources: SurfaceFlinger.cpp, "
                                + "CompositionEngine/, FrameTimeline/)"),
                new RealityNote("Android's share of memory-safety vulnerabilities fell from 76% (2019) to 24% (2024), "
                        + "which Google credits to writing new code in memory-safe languages such as Rust "
                        + "(Keystore2, UWB, DNS-over-HTTP3, Binder), not to rewriting old C++.",
                        "Google Security Blog, \"Eliminating Memory Safety Vulnerabilities at the Source\", Sept 2024"),
                new RealityNote("No public source supports a \"25% GPU gain\" from a Rust SurfaceFlinger: the same "
                        + "blog post, which is Google's account of Rust in Android, names no rewrite of SurfaceFlinger "
                        + "and no GPU figure.",
                        "Google Security Blog, Sept 2024; AOSP frameworks/native/services/surfaceflinger"),
                new RealityNote("HWC2 composition types are CLIENT 1, DEVICE 2, SOLID_COLOR 3, CURSOR 4, SIDEBAND 5; "
                        + "validate may turn DEVICE into CLIENT, and SurfaceFlinger accepts the change.",
                        "hardware/libhardware/include/hardware/hwcomposer2.h"),
                new RealityNote("FrameTimeline classifies janks as AppDeadlineMissed, BufferStuffing, "
                        + "SurfaceFlingerCpuDeadlineMissed, SurfaceFlingerGpuDeadlineMissed, DisplayHAL, "
                        + "PredictionError or Unknown; at 60 Hz the example trace gives apps 20.5 ms and "
                        + "SurfaceFlinger 10.5 ms.", "perfetto docs/data-sources/frametimeline.md"),
                new RealityNote("The blending here matches pixman bit for bit; pixman composites one layer per call, "
                        + "so 8 layers over a 1080p screen move about 12 bytes per layer-pixel through memory; "
                        + "blending all layers of a tile at once moves about 4.",
                        "pixman pixman/pixman-combine32.c (combine_over_u) and pixman.h "
                                + "(pixman_image_composite32); figures from bench/run"));
    }
}
