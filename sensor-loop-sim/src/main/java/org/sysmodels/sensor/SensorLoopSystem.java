package org.sysmodels.sensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.grade.GradeCase;
import org.sysmodels.core.grade.GradeRow;
import org.sysmodels.core.grade.Grader;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.lab.BugLab;
import org.sysmodels.core.option.OptionSpec;
import org.sysmodels.core.option.Options;
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
import org.sysmodels.core.system.Subcommand;
import org.sysmodels.sensor.check.BusCleared;
import org.sysmodels.sensor.check.DeadlineMet;
import org.sysmodels.sensor.check.FaultClass;
import org.sysmodels.sensor.check.FaultReactionWithinFtti;
import org.sysmodels.sensor.check.MainNeverReturns;
import org.sysmodels.sensor.check.NoHardFault;
import org.sysmodels.sensor.check.NoSpuriousReset;
import org.sysmodels.sensor.check.OutputRefreshed;
import org.sysmodels.sensor.check.ResponseTimeWithinBound;
import org.sysmodels.sensor.check.TripOnDemand;
import org.sysmodels.sensor.host.Firmware;
import org.sysmodels.sensor.host.rtic.RticApp;
import org.sysmodels.sensor.quiz.SensorQuiz;
import org.sysmodels.sensor.run.Bme280Command;
import org.sysmodels.sensor.run.Campaign;
import org.sysmodels.sensor.run.FirmwareSource;
import org.sysmodels.sensor.run.Labs;
import org.sysmodels.sensor.run.LoopGuard;
import org.sysmodels.sensor.run.LoopRun;
import org.sysmodels.sensor.run.Reports;
import org.sysmodels.sensor.run.RunSetup;
import org.sysmodels.sensor.run.Grades;
import org.sysmodels.sensor.run.Tour;
import org.sysmodels.sensor.scenario.ScenarioCatalogs;
import org.sysmodels.sensor.scenario.Scenario;

/**
 * {@code sim sensor-loop}: a safety-critical sensor loop on a simulated Cortex-M MCU. Runs a scenario with the
 * reference firmware, a bug lab or a student's firmware; runs fault campaigns; decodes a real BME280's numbers.
 */
public final class SensorLoopSystem implements SimSystem {

    @Override
    public String name() {
        return "sensor-loop";
    }

    @Override
    public String title() {
        return "Safety-critical sensor loop on a simulated Cortex-M MCU: I2C BME280s, watchdogs, IEC 61508 "
                + "diagnostics";
    }

    @Override
    public String description() {
        return "An over-temperature trip on a Cortex-M4-class MCU (NVIC, SysTick, WFI, independent and window "
                + "watchdogs, I2C at transaction level) reading Bosch BME280 sensors with the data sheet's or Bosch's "
                + "driver's compensation, voting 1oo1/1oo2/2oo3 with plausibility, stale and frozen-data checks, CRC "
                + "over its parameters and program-flow monitoring. Faults from the scenario's fault plan (stuck "
                + "sensors, hung buses, NACK storms, clock faults, a hung loop, ...) are checked for detection and "
                + "reaction within the FTTI; --campaign N measures diagnostic coverage per fault class against IEC "
                + "61508's levels. Firmware comes bare-metal (main loop + interrupts) or RTIC-style (tasks, the "
                + "priority ceiling protocol and a response-time analysis the run checks).";
    }

    @Override
    public List<ScenarioEntry> scenarios() {
        return ScenarioCatalogs.catalog().entries();
    }

    @Override
    public List<BugLab> bugLabs() {
        return Labs.bugLabs();
    }

    @Override
    public List<Rule> rules() {
        return List.of(FaultReactionWithinFtti.RULE, TripOnDemand.RULE, OutputRefreshed.RULE, BusCleared.RULE,
                NoSpuriousReset.RULE, NoHardFault.RULE, MainNeverReturns.RULE, ResponseTimeWithinBound.RULE,
                DeadlineMet.RULE);
    }

    @Override
    public List<OptionSpec<?>> options() {
        return SensorLoopFlags.ALL;
    }

    @Override
    public List<Subcommand> subcommands() {
        return List.of(new Bme280Command());
    }

    @Override
    public Optional<StudentSlot> student() {
        return Optional.of(new StudentSlot("--firmware", "firmware", StudentSlot.Kind.JAVA_SOURCE,
                "One Java file whose public class implements org.sysmodels.sensor.host.Firmware (bare-metal: main "
                        + "and interrupt handlers) or extends org.sysmodels.sensor.host.rtic.RticApp (RTIC tasks), "
                        + "with a public no-argument constructor. It runs on the simulated MCU with every check; "
                        + "--grade runs the fault campaign against it and prints coverage and FTTI verdicts per "
                        + "fault class.",
                List.of(Template.resource(SensorLoopSystem.class, "firmware", "bare-metal starter: main loop, "
                                + "SysTick, two sensors, 1oo2", "MyFirmware.java",
                                "/org/sysmodels/sensor/templates/MyFirmware.java"),
                        Template.resource(SensorLoopSystem.class, "rtic", "RTIC-style starter: two tasks sharing "
                                + "a resource under the ceiling protocol", "MyRticFirmware.java",
                                "/org/sysmodels/sensor/templates/MyRticFirmware.java"))));
    }

    /**
     * A student's firmware runs on the caller's thread: {@code sim} holds {@code --time-limit} around the whole run,
     * as for every system, so a loop that never lets time pass is reported on the student's line (a second limit
     * inside it would leave the outer one watching a thread that only waits).
     */
    @Override
    public RunResult run(RunRequest request) throws UserInputException, StudentCodeFailure {
        Options o = request.options();
        BugLab bug = request.bug().isPresent() ? bugLab(request.bug().get()) : null;
        Labs.Lab lab = bug == null ? null : Labs.named(bug.name());
        String scenarioName = request.scenario().orElse(lab != null ? lab.scenario() : "steady");
        Scenario scenario = ScenarioOverrides.apply(ScenarioCatalogs.catalog().resolve(scenarioName), o);
        JavaStudentCode code = request.student().isPresent() ? compile(request.student().get()) : null;
        boolean rtic = code != null ? RticApp.class.isAssignableFrom(code.mainClass())
                : lab != null ? lab.firmware().label().contains("priority-inversion") || scenario.firmware()
                .equals("rtic") : scenario.firmware().equals("rtic");
        RunSetup setup = RunSetup.of(scenario, scenarioName, request.seed()).withRtic(rtic);
        FirmwareSource source = lab != null ? lab.firmware() : rtic ? FirmwareSource.RTIC : FirmwareSource.BARE_METAL;
        for (OptionSpec<?> campaignOnly : List.of(SensorLoopFlags.CLASSES, SensorLoopFlags.THREADS)) {
            if (o.has(campaignOnly) && !o.has(SensorLoopFlags.CAMPAIGN)) {
                throw new UserInputException(campaignOnly.name() + " sets up a fault campaign, and this run is none: "
                        + "give it with --campaign N, or leave it out");
            }
        }
        if (o.has(SensorLoopFlags.CAMPAIGN)) {
            Campaign.Spec spec = campaignSpec(o, request.seed());
            Campaign.Result result = Campaign.run(setup, spec, source, code);
            // a trace records one run: the campaign's first, run again with the tracer on (the same run: it is
            // a pure function of the seed and its index)
            LoopRun.Result first = request.trace() ? Campaign.one(setup, spec, 0, source, code,
                    request.tracer("sensor-loop")) : null;
            return Reports.campaign(result, "fault campaign (" + spec.faults() + " faults)", request.seed(), first);
        }
        String title = (lab != null ? "bug lab " + lab.bugLab().name() : "scenario " + scenarioName)
                + (code != null ? " with " + code.fileName() : "");
        LoopRun.Result r = LoopRun.run(setup, source, setup.scenario().faultPlan(), request.seed(),
                new LoopRun.Options(true, request.tracer("sensor-loop"), code), scenarioName);
        return Reports.run(r, title, bug, request.seed());
    }

    @Override
    public RunResult grade(RunRequest request) throws UserInputException {
        if (request.student().isEmpty()) {
            throw new UserInputException("--grade needs a firmware file: sim sensor-loop --grade MyFirmware.java");
        }
        Options o = request.options();
        if (o.has(SensorLoopFlags.INJECT)) {
            // the battery injects its own faults, one class per row; an --inject would land in every case, the
            // fault-free one included, and fail it for a fault the grade did not choose
            throw new UserInputException("--inject and --grade: the grade injects its own faults (one class per "
                    + "row, after a fault-free case); run the firmware with one fault of yours as sim sensor-loop "
                    + "--firmware FILE --inject KIND@TIME");
        }
        JavaStudentCode code = compile(request.student().get());
        boolean rtic = RticApp.class.isAssignableFrom(code.mainClass());
        Scenario base = ScenarioOverrides.apply(ScenarioCatalogs.catalog().resolve(request.scenario().orElse("steady")),
                o);
        RunSetup setup = RunSetup.of(base, "grade", request.seed()).withRtic(rtic);
        int perClass = (int) (long) o.get(SensorLoopFlags.CAMPAIGN).orElse(13L * 8) / FaultClass.values().length;
        List<GradeCase> cases = new ArrayList<>();
        cases.add(new GradeCase("fault-free", "2 s at 25 °C: no fault, every check clean, no watchdog reset"));
        cases.add(new GradeCase("demand", "the process heats past the trip limit: actuator off within the FTTI"));
        for (FaultClass c : FaultClass.values()) {
            if (c != FaultClass.CLOCK_DRIFT) {
                cases.add(new GradeCase(c.kind(), Math.max(1, perClass) + " faults: " + c.what()));
            }
        }
        Campaign.Result[] all = new Campaign.Result[1];
        List<Campaign.Result> perClassResults = new ArrayList<>();
        List<GradeRow> rows = Grader.grade(cases, code, request.timeLimit(), gc -> {
            if (gc.name().equals("fault-free") || gc.name().equals("demand")) {
                Scenario s = ScenarioCatalogs.catalog().resolve(gc.name().equals("fault-free") ? "steady" : "demand");
                RunSetup su = RunSetup.of(ScenarioOverrides.apply(s, o), gc.name(), request.seed()).withRtic(rtic);
                return Reports.run(LoopRun.run(su, FirmwareSource.BARE_METAL, su.scenario().faultPlan(),
                        request.seed(), new LoopRun.Options(false, org.sysmodels.core.trace.Tracer.off(), code),
                        gc.name()), gc.name(), null, request.seed());
            }
            Campaign.Result cr = Campaign.run(setup, new Campaign.Spec(Math.max(1, perClass),
                    List.of(FaultClass.ofKind(gc.name())), request.seed(), 1), FirmwareSource.BARE_METAL, code);
            perClassResults.add(cr);
            return Reports.campaign(cr, gc.name(), request.seed());
        });
        RunResult.Builder b = RunResult.builder(name(), "grade " + code.fileName(), request.seed());
        b.summary(Grader.summary(rows));
        b.table(Grader.table("grade: " + code.fileName(), rows));
        b.table(Grades.coverage(perClassResults, setup));
        Grades.summary(perClassResults, setup).forEach(b::summary);
        Reports.CAMPAIGN_NOTES.forEach(n -> b.summary("note: " + n));
        b.summary("not graded: clock-drift (a core clock 5–15 % off sits inside the clock cross-check's tolerance, "
                + "so no firmware on this board can detect it without a second accurate time source); "
                + "--campaign N --classes clock-drift shows it");
        // a failed case breaks the battery's rule, whichever of the board's rules its first finding names
        for (GradeRow r : rows) {
            if (!r.passed()) {
                b.finding(new org.sysmodels.core.check.Finding(org.sysmodels.core.check.Severity.VIOLATION,
                        Grader.RULE, "case " + r.gradeCase().name() + " failed: " + r.firstFinding(), 0,
                        r.gradeCase().name()));
            }
        }
        b.checks(List.of(Grader.RULE));
        return b.build();
    }

    @Override
    public RunResult tour(RunRequest request) throws UserInputException {
        return Tour.run(request.seed(), request.tracer("sensor-loop-tour"));
    }

    @Override
    public List<QuizQuestion> quiz(RunRequest request) {
        return SensorQuiz.generate(request.seed());
    }

    @Override
    public List<RealityNote> reality() {
        return Reality.NOTES;
    }

    /**
     * The student's firmware, compiled and checked for the public no-argument constructor every reset calls, so a
     * missing one is a {@code file:line:col} error (exit 2) before the run, as a class that is not public is, not a
     * finding at the first boot.
     */
    private static JavaStudentCode compile(java.nio.file.Path file) throws UserInputException {
        JavaStudentCode code = LoopGuard.compile(file);
        try {
            code.mainClass().getConstructor();
        } catch (NoSuchMethodException e) {
            String name = code.mainClass().getSimpleName();
            throw new org.sysmodels.core.student.CompileException(List.of(code.fileName() + ":1:1: class " + name
                    + " needs a public constructor " + name + "() (a reset creates a fresh instance with it)"));
        }
        return code;
    }

    private static Campaign.Spec campaignSpec(Options o, long seed) throws UserInputException {
        List<FaultClass> classes;
        try {
            classes = Reports.classes(o.get(SensorLoopFlags.CLASSES).orElse(null));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--classes: " + e.getMessage());
        }
        return new Campaign.Spec((int) (long) o.get(SensorLoopFlags.CAMPAIGN).orElseThrow(), classes, seed,
                o.get(SensorLoopFlags.THREADS).orElse(2));
    }
}
