package org.sysmodels.compositor.run;

import java.util.List;
import java.util.function.Supplier;
import org.sysmodels.compositor.app.SurfaceApp;
import org.sysmodels.compositor.scenario.CompositorScenario;
import org.sysmodels.compositor.scenario.Scenarios;
import org.sysmodels.core.grade.GradeCase;
import org.sysmodels.core.grade.GradeRow;
import org.sysmodels.core.grade.Grader;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.random.Distribution;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.student.JavaStudentCode;
import org.sysmodels.core.student.StudentCodeFailure;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.trace.Tracer;

/**
 * {@code sim compositor --grade MyApp.java}: the student's app on the app window of every packaged scenario, then on
 * harder ones: 120 Hz (half the time per frame), two planes (the app's layer is composed by the GPU, which reads its
 * buffers), rotation with double buffering (buffers change size while only two exist), and a slow consumer
 * (SurfaceFlinger takes longer than a vsync, so buffers come back late and dequeueBuffer often finds none FREE).
 */
public final class CompositorGrade {

    /** A case of the battery and how to build its scenario. */
    private record Case(GradeCase gradeCase, Supplier<CompositorScenario> scenario) {
    }

    /** Longest case, in vsyncs: long enough for every scenario's transactions, short enough for a quick grade. */
    static final int MAX_VSYNCS = 240;

    private static final List<Case> CASES = List.of(
            packaged("home-screen", "four layers on four planes; the app is the launcher window"),
            packaged("scrolling-list", "a list whose frames take long: skipped callbacks, late frames"),
            packaged("scrolling-list-120hz", "the list at 120 Hz"),
            packaged("video-overlay", "a 1280×720 buffer scaled on a plane, at the layer's own 30 fps clock"),
            packaged("more-layers-than-planes", "seven layers: the app moves between a plane and the GPU"),
            packaged("rotation", "the buffers turn landscape at vsync 40 and back at 90: sizes change"),
            new Case(new GradeCase("home-screen-120hz", "the home screen at 120 Hz: 8.3 ms per frame"),
                    () -> load("home-screen").withRefresh(120)),
            new Case(new GradeCase("few-planes", "more layers than planes with two planes: the GPU reads the app's "
                    + "buffers, so release fences come from client composition"),
                    () -> load("more-layers-than-planes").withPlanes(CompositorRun.planes(2))),
            new Case(new GradeCase("rotation-double-buffered", "the rotation with two buffers per layer"),
                    () -> doubleBuffered(load("rotation"))),
            new Case(new GradeCase("slow-consumer", "SurfaceFlinger takes 22 ms a frame and the app has two "
                    + "buffers: dequeueBuffer often finds none FREE"),
                    () -> doubleBuffered(load("scrolling-list").withSfCpu(new Distribution.Fixed(22_000_000L)))));

    private CompositorGrade() {
    }

    public static List<GradeCase> cases() {
        return CASES.stream().map(Case::gradeCase).toList();
    }

    /**
     * Refuses {@code --scenario} and the flags of {@link CompositorFlags#ONE_RUN}: the battery's cases set their own
     * scenario, length, refresh rate and planes, so such a flag would be ignored without a word.
     */
    public static void refuseOneRunFlags(RunRequest request, String file) throws UserInputException {
        String battery = ": --grade runs its own battery of scenarios; leave it out, or ";
        if (request.scenario().isPresent()) {
            throw new UserInputException("--scenario" + battery + "run one scenario with --app " + file
                    + " --scenario " + request.scenario().get());
        }
        for (var flag : CompositorFlags.ONE_RUN) {
            if (request.options().has(flag)) {
                throw new UserInputException(flag.name() + battery + "use it on one run with --app " + file);
            }
        }
    }

    public static RunResult grade(RunRequest request, JavaStudentCode code, RunResult.Builder b)
            throws UserInputException {
        List<GradeRow> rows = Grader.grade(cases(), code, request.timeLimit(), c -> {
            CompositorScenario s = CASES.stream().filter(k -> k.gradeCase() == c).findFirst().orElseThrow()
                    .scenario().get();
            s = s.withVsyncs(Math.min(s.vsyncs(), MAX_VSYNCS));
            SurfaceApp app;
            try {
                app = code.newInstance(SurfaceApp.class);
            } catch (StudentCodeFailure f) {
                return RunResult.builder("compositor", c.name(), request.seed()).finding(f.finding()).build();
            }
            String layer;
            try {
                layer = CompositorRun.appLayer(s, request.options());
            } catch (UserInputException e) {
                throw new UserInputException(e.getMessage() + " (in grade case " + c.name() + ")");
            }
            Simulation.Outcome o = Simulation.run(s, request.seed(), Hosts.student(app, layer), Tracer.off(),
                    List.of());
            return RunResult.builder("compositor", c.name(), request.seed()).checks(o.checker().rules())
                    .findings(o.findings()).build();
        });
        return Grader.report(b, "sim compositor --grade " + code.fileName() + " (seed " + request.seed() + ")",
                rows).build();
    }

    private static Case packaged(String name, String what) {
        return new Case(new GradeCase(name, what), () -> load(name));
    }

    private static CompositorScenario load(String name) {
        try {
            return Scenarios.load(name);
        } catch (UserInputException e) {
            throw new IllegalStateException("packaged scenario " + name + " does not load", e);
        }
    }

    /** Every layer with a buffer double buffered. */
    private static CompositorScenario doubleBuffered(CompositorScenario s) {
        return s.withLayers(s.layers().stream().map(l -> l.withBuffers(2)).toList());
    }
}
