package org.sysmodels.irp.run;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.check.Severity;
import org.sysmodels.core.grade.GradeCase;
import org.sysmodels.core.grade.GradeRow;
import org.sysmodels.core.grade.Grader;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.random.Distribution;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.student.JavaStudentCode;
import org.sysmodels.core.student.StudentCodeFailure;
import org.sysmodels.core.student.StudentFault;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.irp.check.Verifier;
import org.sysmodels.irp.host.DeviceStack;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.IrpMajor;
import org.sysmodels.irp.scenario.CancellationSpec;
import org.sysmodels.irp.scenario.DeviceSpec;
import org.sysmodels.irp.scenario.IrpScenario;
import org.sysmodels.irp.scenario.IrpScenarios;
import org.sysmodels.irp.scenario.MixEntry;
import org.sysmodels.irp.scenario.StackSpec;
import org.sysmodels.irp.scenario.WorkloadSection;
import org.sysmodels.irp.wdm.WdmDriver;

/**
 * {@code sim irp --grade MyDriver.java}: the student's driver, at its position in the stack, through a fixed
 * battery: synchronous completion, pended completion from a DPC, cancel races three ways (CancelIoEx, thread exit,
 * handle close), many processors, open arrivals, associated IRPs passing through, and device removal. Every case runs
 * under every verifier rule, and under Windows' DPC watchdog ({@link DpcWatchdog}), so a case whose driver never
 * returns at DISPATCH_LEVEL or above reports bug check 0x133 as a run of {@code --driver} does.
 */
public final class IrpGrade {

    private record Case(GradeCase gradeCase, IrpScenario scenario, boolean remove, boolean mustPend) {
        Case(GradeCase gradeCase, IrpScenario scenario, boolean remove) {
            this(gradeCase, scenario, remove, false);
        }
    }

    /**
     * The rule every case holds besides the verifier's and student-code: its requests did what the case tests. A
     * case whose requests never reached the driver, failed, or (where it tests pending) never pended tested nothing,
     * whatever rules held.
     */
    public static final Rule TESTED = new Rule("case-tested", "the case's requests reach your driver and do what the "
            + "case tests: each finishes with success (or STATUS_CANCELLED when cancelled), and they pend where the "
            + "case tests pending", "the grading battery (sim irp --grade)");

    private IrpGrade() {
    }

    private static IrpScenario base(List<MixEntry> mix) throws UserInputException {
        return IrpScenarios.resolve("demo").withWorkload(new WorkloadSection(4, 1, null, null, null, 3_000L, null,
                null, mix)).withCancellation(CancellationSpec.NONE);
    }

    /**
     * The requests a case issues where the driver sits: the scenarios' own mix (null) above the RAM disk or in its
     * place; below it, the RAM disk completes every read, write and IOCTL of its own, so a lower filter would see
     * none of them: its cases trade the disk's IOCTL for the bus's IOCTL_BUS_QUERY_SLOT, which the disk passes down
     * through the lower filters to the bus.
     */
    static List<MixEntry> mix(DeviceStack.Position position) {
        return position != DeviceStack.Position.LOWER ? null : List.of(
                new MixEntry(MixEntry.OpName.READ, 70, 4096L, null, null),
                new MixEntry(MixEntry.OpName.WRITE, 20, 4096L, null, null),
                new MixEntry(MixEntry.OpName.IOCTL, 10, 8L, "IOCTL_BUS_QUERY_SLOT", null));
    }

    private static List<Case> cases(DeviceStack.Position position) throws UserInputException {
        List<MixEntry> mix = mix(position);
        IrpScenario demo = base(mix);
        WorkloadSection deep = new WorkloadSection(4, 8, null, null, null, 3_000L, null, null, mix);
        DeviceSpec slow = new DeviceSpec(true, 1, new Distribution.Exponential(30_000));
        Distribution soon = new Distribution.Uniform(0, 200_000);
        List<Case> out = new java.util.ArrayList<>(List.of(
                new Case(new GradeCase("sync", "no controller: every request completes in a dispatch routine"),
                        demo.withDevice(new DeviceSpec(false, null, null)), false),
                new Case(new GradeCase("pended", "requests pend and complete from the controller's DPC"), demo,
                        false, true),
                new Case(new GradeCase("cancel-io", "30% CancelIoEx on deep queues: cancel races"),
                        demo.withDevice(slow).withWorkload(deep).withCancellation(new CancellationSpec(0.3, soon,
                                CancellationSpec.Kind.CANCEL_IO)), false),
                new Case(new GradeCase("thread-exit", "threads exit with requests outstanding (IoCancelThreadIo)"),
                        demo.withDevice(slow).withWorkload(deep).withCancellation(new CancellationSpec(0.05, soon,
                                CancellationSpec.Kind.THREAD_EXIT)), false),
                new Case(new GradeCase("close-handle", "handles close under load (IRP_MJ_CLEANUP)"),
                        demo.withDevice(slow).withWorkload(deep).withCancellation(new CancellationSpec(0.05, soon,
                                CancellationSpec.Kind.CLOSE_HANDLE)), false),
                new Case(new GradeCase("many-cpus", "16 processors, 16 threads, interrupts spread over all"),
                        demo.withProcessors(16).withWorkload(new WorkloadSection(16, 2, null, null, null, 4_000L,
                                null, null, mix)), false),
                new Case(new GradeCase("open-loop", "open arrivals at 150k/s: queues build"),
                        demo.withWorkload(new WorkloadSection(8, 4, WorkloadSection.Mode.OPEN, 150_000.0, null, null,
                                20_000_000L, null, mix)), false),
                new Case(new GradeCase("pnp-remove", "IRP_MN_REMOVE_DEVICE after the workload: detach and delete"),
                        demo, true)));
        if (position == DeviceStack.Position.UPPER) {
            out.add(new Case(new GradeCase("split-reads", "associated IRPs from the splitter above pass through"),
                    demo.withStack(new StackSpec(List.of("splitter"), "ramdisk", List.of("counting"), null))
                            .withWorkload(new WorkloadSection(4, 2, null, null, null, 1_000L, null, null,
                                    List.of(new MixEntry(MixEntry.OpName.READ, 1, 65536L, null, null)))), false));
        }
        return out;
    }

    public static RunResult grade(RunRequest request, JavaStudentCode code, DeviceStack.Position position,
                                  RunResult.Builder b) throws UserInputException {
        List<Case> cases = cases(position);
        List<GradeRow> rows = Grader.grade(cases.stream().map(Case::gradeCase).toList(), code, request.timeLimit(),
                c -> {
                    Case k = cases.stream().filter(x -> x.gradeCase() == c).findFirst().orElseThrow();
                    RunResult.Builder rb = RunResult.builder("irp", c.name(), request.seed());
                    WdmDriver driver;
                    try {
                        driver = code.newInstance(WdmDriver.class);
                    } catch (StudentCodeFailure f) {
                        return failed(rb, f.finding());
                    }
                    IrpRun.Outcome o;
                    try {
                        o = IrpRun.watched(k.scenario(), IrpRun.Options.seed(request.seed())
                                .withInserted(new IrpRun.Inserted(code.mainClass().getSimpleName(), position, driver))
                                .withRemoveAtEnd(k.remove()), request.timeLimit(), request.timeLimit());
                    } catch (OutOfMemoryError e) {
                        return failed(rb, outOfHeap(e, code));
                    } catch (StudentCodeFailure f) {
                        if (f.finding().rule().equals(StudentFault.TIME_LIMIT.name())) {
                            throw f;    // the battery stops at a case that did not return
                        }
                        // an Error the run does not catch (an OutOfMemoryError with its stack), on the student's line
                        return failed(rb, f.finding());
                    }
                    // the same rules for every case, whether it ran or its driver failed to load
                    rb.checks(o.verifier().checker().rules()).checks(List.of(StudentFault.RULE, TESTED))
                            .findings(o.findings());
                    untested(o, k.mustPend()).ifPresent(rb::finding);
                    if (o.thrown() != null) {
                        rb.finding(o.thrownFinding());
                    }
                    return rb.build();
                });
        return Grader.report(b, "sim irp --grade " + code.fileName() + " --position " + position.word() + " (seed "
                + request.seed() + ")", rows).build();
    }

    /** A case whose driver failed before the run could judge it: its finding, and the rules every row counts. */
    private static RunResult failed(RunResult.Builder rb, Finding finding) {
        return rb.checks(Verifier.allRules()).checks(List.of(StudentFault.RULE, TESTED)).finding(finding).build();
    }

    /**
     * A case's driver ran out of heap, and the JVM gave the error no stack: HotSpot records one for its first few
     * OutOfMemoryErrors only (PreallocatedOutOfMemoryErrorCount), and a battery can meet more. Its own row, as for any
     * throw; the battery goes on.
     */
    private static Finding outOfHeap(OutOfMemoryError e, JavaStudentCode code) {
        if (StudentFault.firstFrame(e).isPresent()) {
            return StudentFault.of(e, code);
        }
        return new Finding(Severity.VIOLATION, StudentFault.rule(code.noun()), "your code threw OutOfMemoryError: "
                + e.getMessage() + " (the JVM names no line: it records where only for its first few "
                + "OutOfMemoryErrors): an allocation larger than the heap, or objects your code keeps (a collection "
                + "in a static field that only grows?)", 0, "");
    }

    /** The reads, writes and device controls that the dispatch routines of the inserted driver's devices got. */
    private static long reached(IrpRun.Outcome o) {
        WdmDriver inserted = o.options().inserted().driver();
        long n = 0;
        for (DeviceObject device : o.stack().started()) {
            DeviceStack.Member m = o.stack().member(device.DriverObject);
            if (m != null && m.driver() == inserted) {
                long[] c = o.dispatches().of(device);
                n += c[IrpMajor.IRP_MJ_READ] + c[IrpMajor.IRP_MJ_WRITE] + c[IrpMajor.IRP_MJ_DEVICE_CONTROL];
            }
        }
        return n;
    }

    /**
     * Why a case that ran to its end without a finding tested nothing: none of the driver's devices was in the stack
     * (Windows starts such a stack, so a plain run only says so, but a grade must not pass it); no read, write or
     * device control reached it (the drivers above completed them all); requests finished with
     * an error (a filter placed as the function driver forwards reads to the bus, which fails them); or, where the
     * case tests pending, none pended.
     */
    static Optional<Finding> untested(IrpRun.Outcome o, boolean mustPend) {
        if (o.stack() == null || o.thrown() != null || o.stop() != null || o.findings().violations() > 0) {
            return Optional.empty();
        }
        IrpMetrics m = o.metrics();
        Optional<String> why = IrpReport.absent(o);
        if (why.isEmpty() && o.options().inserted() != null && reached(o) == 0) {
            why = Optional.of(String.format(Locale.ROOT, "none of the %,d requests reached your driver: its "
                    + "dispatch routines were called with no read, write or device control", m.issued()));
        }
        if (why.isEmpty() && m.failed() > 0) {
            why = Optional.of(String.format(Locale.ROOT, "%,d of %,d requests finished with an error status (the "
                    + "first: %s for %s), where this case expects success", m.failed(), m.finished(),
                    NtStatus.name(m.firstFailure()), IrpMajor.name(m.firstFailureMajor())));
        }
        if (why.isEmpty() && mustPend && m.pended() == 0) {
            why = Optional.of(String.format(Locale.ROOT, "none of %,d requests pended (IoCallDriver never returned "
                    + "STATUS_PENDING), where this case tests completion from the controller's DPC", m.issued()));
        }
        return why.map(w -> new Finding(Severity.VIOLATION, TESTED.name(), w + "; this case tested nothing",
                o.endedAt(), "", TESTED.source()));
    }
}
