package org.sysmodels.irp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.lab.BugLab;
import org.sysmodels.core.option.OptionSpec;
import org.sysmodels.core.option.Options;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.scenario.ScenarioEntry;
import org.sysmodels.core.scenario.ScenarioLoader;
import org.sysmodels.core.student.JavaStudentCode;
import org.sysmodels.core.student.StudentCodeFailure;
import org.sysmodels.core.student.StudentFault;
import org.sysmodels.core.student.StudentSlot;
import org.sysmodels.core.student.Template;
import org.sysmodels.core.system.QuizQuestion;
import org.sysmodels.core.system.RealityNote;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.system.SimSystem;
import org.sysmodels.irp.check.Verifier;
import org.sysmodels.irp.host.DeviceStack;
import org.sysmodels.irp.quiz.StackQuiz;
import org.sysmodels.irp.run.IrpGrade;
import org.sysmodels.irp.run.IrpReport;
import org.sysmodels.irp.run.IrpRun;
import org.sysmodels.irp.run.IrpTour;
import org.sysmodels.irp.scenario.CancellationSpec;
import org.sysmodels.irp.scenario.IrpLabs;
import org.sysmodels.irp.scenario.IrpScenario;
import org.sysmodels.irp.scenario.IrpScenarios;
import org.sysmodels.irp.scenario.LabSetup;
import org.sysmodels.irp.scenario.WorkloadSection;
import org.sysmodels.irp.wdm.WdmDriver;

/**
 * {@code sim irp}: the Windows I/O manager. IRPs with their stack locations go down a PnP-shaped device stack and
 * complete back up it exactly as ReactOS's IofCompleteRequest walks them; drivers pend, cancel, take spin locks, run
 * ISRs and DPCs on several simulated processors; a verifier of Driver Verifier's and Static Driver Verifier's rules
 * stops the machine with the bug check Windows would raise. Students write drivers against the WDM API
 * ({@code --driver}).
 */
public final class IrpSystem implements SimSystem {

    static final OptionSpec<String> POSITION = OptionSpec.choice("--position", "WHERE",
            List.of("upper", "lower", "function"), "Where --driver (or --grade) goes: an upper filter just above the "
                    + "function driver, a lower filter just below it, or the function driver itself (replacing the "
                    + "RAM disk).").withDefault("upper");
    static final OptionSpec<Integer> PROCESSORS = OptionSpec.integer("--processors", "N", 1, 64,
            "Simulated processors.").withDefault("the scenario's, 4");
    static final OptionSpec<Integer> THREADS = OptionSpec.integer("--threads", "N", 1, 256,
            "User threads issuing requests.").withDefault("the scenario's, 4");
    static final OptionSpec<Integer> IODEPTH = OptionSpec.integer("--iodepth", "N", 1, 256,
            "Requests each thread keeps outstanding (1: a synchronous handle).").withDefault("the scenario's, 1");
    static final OptionSpec<Long> REQUESTS = OptionSpec.count("--requests", "N", 1, WorkloadSection.MAX_REQUESTS,
            "Requests to issue in all (it replaces a scenario's duration).").withDefault("the scenario's: 2,000 in "
            + "the packaged ones (split-reads 500; open-loop runs for 10 ms instead); 20,000 in a scenario file that "
            + "sets neither requests nor a duration");
    static final OptionSpec<Double> CANCEL = OptionSpec.decimal("--cancel", "P", 0, 1,
            "Share of requests cancelled with CancelIoEx, 0 to 1.").withDefault("the scenario's");

    /** The flags that shape a run's scenario; the grading battery has its own scenarios, so --grade takes none. */
    private static final List<OptionSpec<?>> SCENARIO_FLAGS = List.of(PROCESSORS, THREADS, IODEPTH, REQUESTS, CANCEL);

    private static final StudentSlot SLOT = new StudentSlot("--driver", "driver", StudentSlot.Kind.JAVA_SOURCE,
            "One Java class extending org.sysmodels.irp.wdm.WdmDriver: a WDM driver with DriverEntry, AddDevice and "
                    + "dispatch routines, written with the WDM names (IoCallDriver, IoCompleteRequest, "
                    + "IoMarkIrpPending, ...). It is loaded into the stack at --position and runs under every "
                    + "verifier rule.",
            List.of(Template.resource(IrpSystem.class, "filter", "an upper filter that watches reads complete: "
                            + "correct, ready to break", "MyFilter.java", "/org/sysmodels/irp/template/MyFilter.java"),
                    Template.resource(IrpSystem.class, "function", "a function driver with a cancel-safe queue, an "
                                    + "ISR and a DPC (run with --position function)", "MyFunction.java",
                            "/org/sysmodels/irp/template/MyFunction.java")));

    @Override
    public String name() {
        return "irp";
    }

    @Override
    public String title() {
        return "Windows I/O manager: IRPs, device stacks, completion, cancellation, IRQL and a verifier";
    }

    @Override
    public String description() {
        return "I/O request packets with their stack locations travel down a PnP device stack (PDO <- lower "
                + "filter <- function driver <- upper filter) through IoCallDriver and come back up through "
                + "IoCompleteRequest, completion routine by completion routine, as ReactOS's IofCompleteRequest "
                + "walks them. Requests pend in a cancel-safe queue and complete from a DPC after the controller "
                + "interrupts, on several processors, with cancellations racing completions. A verifier holds Driver "
                + "Verifier's and Static Driver Verifier's rules and stops the machine with the bug check Windows "
                + "would raise.";
    }

    @Override
    public List<ScenarioEntry> scenarios() {
        return IrpScenarios.entries();
    }

    @Override
    public List<BugLab> bugLabs() {
        return IrpLabs.labs();
    }

    @Override
    public List<Rule> rules() {
        return Verifier.allRules();
    }

    @Override
    public List<OptionSpec<?>> options() {
        return List.of(POSITION, PROCESSORS, THREADS, IODEPTH, REQUESTS, CANCEL);
    }

    @Override
    public Optional<StudentSlot> student() {
        return Optional.of(SLOT);
    }

    @Override
    public RunResult run(RunRequest request) throws UserInputException, StudentCodeFailure {
        long started = System.nanoTime();    // the command line's time limit runs from here
        RunResult.Builder b = RunResult.builder(name(), title(), request.seed());
        IrpRun.Options opts = IrpRun.Options.seed(request.seed()).withTrace(request.traceEvents());
        IrpScenario scenario;
        if (request.bug().isPresent()) {
            if (request.scenario().isPresent()) {
                throw new UserInputException("--bug runs the lab on its own stack; leave out --scenario");
            }
            LabSetup lab = IrpLabs.byName(bugLab(request.bug().get()).name());
            scenario = lab.scenario(IrpScenarios.labBase());
            opts = opts.withReplacements(lab.replacements(), lab.otherStack());
            b.lab(lab.lab());
        } else {
            scenario = IrpScenarios.resolve(request.scenario().orElse(IrpScenarios.DEFAULT));
        }
        scenario = withFlags(scenario, request.options());
        boolean student = request.student().isPresent();
        if (!student && request.options().has(POSITION)) {
            throw new UserInputException("--position places your driver in the stack: give it with --driver FILE "
                    + "(or --grade FILE)");
        }
        if (student) {
            JavaStudentCode code = JavaStudentCode.compile(request.student().get(), WdmDriver.class, SLOT.noun());
            WdmDriver driver = code.newInstance(WdmDriver.class);
            DeviceStack.Position position = position(request.options());
            opts = opts.withInserted(new IrpRun.Inserted(code.mainClass().getSimpleName(), position, driver));
            b.summary("your driver: \\Driver\\" + code.mainClass().getSimpleName() + " (" + code.fileName() + ") as "
                    + (position == DeviceStack.Position.FUNCTION ? "the function driver" : "the " + position.word()
                    + " filter next to the function driver"));
        }
        IrpRun.Outcome o = student ? IrpRun.watched(scenario, opts, request.timeLimit(),
                request.timeLimit().minusNanos(System.nanoTime() - started)) : IrpRun.run(scenario, opts);
        IrpReport.describe(b, o);
        if (o.thrown() != null) {
            if (!student) {
                throw new IllegalStateException("the simulation threw (a bug in sysmodels, not in a driver you wrote)", o.thrown());
            }
            b.checks(List.of(StudentFault.RULE)).finding(o.thrownFinding());
        }
        return b.build();
    }

    @Override
    public RunResult grade(RunRequest request) throws UserInputException {
        String battery = "--grade runs the driver through its own battery of scenarios; leave out ";
        if (request.scenario().isPresent()) {
            throw new UserInputException(battery + "--scenario (or run one scenario with --driver FILE --scenario)");
        }
        for (OptionSpec<?> flag : SCENARIO_FLAGS) {
            if (request.options().has(flag)) {
                throw new UserInputException(battery + flag.name() + " (or use it with --driver FILE)");
            }
        }
        JavaStudentCode code = JavaStudentCode.compile(request.student().orElseThrow(
                () -> new UserInputException("--grade needs a file")), WdmDriver.class, SLOT.noun());
        return IrpGrade.grade(request, code, position(request.options()),
                RunResult.builder(name(), title(), request.seed()));
    }

    @Override
    public RunResult tour(RunRequest request) throws UserInputException {
        return IrpTour.run(RunResult.builder(name(), title(), request.seed()), request);
    }

    @Override
    public List<QuizQuestion> quiz(RunRequest request) {
        return StackQuiz.generate(request.seed());
    }

    @Override
    public List<RealityNote> reality() {
        return List.of(
                new RealityNote("Completing an IRP is a walk, not a return: IoCompleteRequest goes up the stack "
                        + "location by location, calling each completion routine, and a routine that returns "
                        + "STATUS_MORE_PROCESSING_REQUIRED stops it and takes the IRP back.",
                        "ReactOS ntoskrnl/io/iomgr/irp.c IofCompleteRequest; WDK IoCompleteRequest"),
                new RealityNote("A cancel routine runs at DISPATCH_LEVEL holding the system-wide cancel spin lock, "
                        + "which it must release itself; returning with it is bug check 0x11B.",
                        "ReactOS irp.c IoCancelIrp; WDK Bug Check 0x11B DRIVER_RETURNED_HOLDING_CANCEL_LOCK"),
                new RealityNote("Static Driver Verifier's rules (MarkIrpPending, LowerDriverReturn, CancelSpinLock, "
                        + "...) are checked at compile time; at run time Windows only bug checks what the kernel or "
                        + "Driver Verifier's I/O verification (0xC9) detects. The simulator checks both on the paths "
                        + "a run takes, and says which is which.",
                        "WDK Static Driver Verifier WDM rules; WDK Bug Check 0xC9"),
                new RealityNote("Rust is in the Windows kernel, in one component: win32kbase_rs.sys, a GDI region "
                        + "implementation, shipped to Insiders in build 25905 (July 2023). Drivers in Rust use "
                        + "microsoft/windows-drivers-rs, whose own README calls it early and not yet for "
                        + "production.",
                        "Windows Insider Preview build 25905 notes (July 2023); github.com/microsoft/windows-drivers-rs"
                                + " README"),
                new RealityNote("\"About 70% of the CVEs Microsoft assigns each year are memory-safety issues\" is a "
                        + "share of CVEs (MSRC, 2019), not a measured reduction from any language change.",
                        "MSRC, \"A proactive approach to more secure code\", July 2019"));
    }

    private static DeviceStack.Position position(Options o) {
        return switch (o.getOr(POSITION, "upper")) {
            case "lower" -> DeviceStack.Position.LOWER;
            case "function" -> DeviceStack.Position.FUNCTION;
            default -> DeviceStack.Position.UPPER;
        };
    }

    private static IrpScenario withFlags(IrpScenario s, Options o) throws UserInputException {
        WorkloadSection w = s.workload();
        boolean requestsGiven = o.has(REQUESTS);
        WorkloadSection nw;
        try {
            nw = new WorkloadSection(o.getOr(THREADS, w.threads()), o.getOr(IODEPTH, w.iodepth()), w.mode(),
                    w.rate(), w.think(), requestsGiven ? o.getOr(REQUESTS, w.requests()) : w.requests(),
                    requestsGiven ? 0L : w.duration(), w.drain(), w.mix());
        } catch (InvalidFieldException e) {
            // only --requests can get here: it replaces the scenario's duration
            throw new UserInputException("--requests: it replaces the scenario's duration, and then workload."
                    + e.field() + ": " + e.getMessage() + "; or leave out --requests");
        }
        IrpScenario out = s.withProcessors(o.getOr(PROCESSORS, s.processors())).withWorkload(nw);
        if (o.has(CANCEL)) {
            CancellationSpec c = s.cancellation();
            out = out.withCancellation(new CancellationSpec(o.getOr(CANCEL, 0.0), c.after(), c.kind()));
        }
        ScenarioLoader.checkFlags(out);
        List<String> given = new ArrayList<>();
        for (OptionSpec<?> flag : SCENARIO_FLAGS) {
            o.get(flag).ifPresent(v -> given.add(flag.name() + " " + v));
        }
        return given.isEmpty() ? out : out.withDescription((out.description().isEmpty() ? "" : out.description()
                + "; ") + "changed by " + String.join(" ", given));
    }
}
