package org.sysmodels.irp.run;

import java.util.List;
import java.util.Optional;
import org.sysmodels.core.check.Finding;
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
import org.sysmodels.irp.host.DeviceStack;
import org.sysmodels.irp.scenario.CancellationSpec;
import org.sysmodels.irp.scenario.DeviceSpec;
import org.sysmodels.irp.scenario.IrpScenario;
import org.sysmodels.irp.scenario.IrpScenarios;
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

    private record Case(GradeCase gradeCase, IrpScenario scenario, boolean remove) {
    }

    private IrpGrade() {
    }

    private static IrpScenario base() throws UserInputException {
        return IrpScenarios.resolve("demo").withWorkload(new WorkloadSection(4, 1, null, null, null, 3_000L, null,
                null, null)).withCancellation(CancellationSpec.NONE);
    }

    private static List<Case> cases(DeviceStack.Position position) throws UserInputException {
        IrpScenario demo = base();
        WorkloadSection deep = new WorkloadSection(4, 8, null, null, null, 3_000L, null, null, null);
        DeviceSpec slow = new DeviceSpec(true, 1, new Distribution.Exponential(30_000));
        Distribution soon = new Distribution.Uniform(0, 200_000);
        List<Case> out = new java.util.ArrayList<>(List.of(
                new Case(new GradeCase("sync", "no controller: every request completes in a dispatch routine"),
                        demo.withDevice(new DeviceSpec(false, null, null)), false),
                new Case(new GradeCase("pended", "requests pend and complete from the controller's DPC"), demo,
                        false),
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
                                null, null, null)), false),
                new Case(new GradeCase("open-loop", "open arrivals at 150k/s: queues build"),
                        demo.withWorkload(new WorkloadSection(8, 4, WorkloadSection.Mode.OPEN, 150_000.0, null, null,
                                20_000_000L, null, null)), false),
                new Case(new GradeCase("pnp-remove", "IRP_MN_REMOVE_DEVICE after the workload: detach and delete"),
                        demo, true)));
        if (position == DeviceStack.Position.UPPER) {
            out.add(new Case(new GradeCase("split-reads", "associated IRPs from the splitter above pass through"),
                    demo.withStack(new StackSpec(List.of("splitter"), "ramdisk", List.of("counting"), null))
                            .withWorkload(new WorkloadSection(4, 2, null, null, null, 1_000L, null, null,
                                    List.of(new org.sysmodels.irp.scenario.MixEntry(
                                            org.sysmodels.irp.scenario.MixEntry.OpName.READ, 1, 65536L, null,
                                            null)))), false));
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
                        return rb.finding(f.finding()).build();
                    }
                    IrpRun.Outcome o = IrpRun.watched(k.scenario(), IrpRun.Options.seed(request.seed())
                            .withInserted(new IrpRun.Inserted(code.mainClass().getSimpleName(), position, driver))
                            .withRemoveAtEnd(k.remove()), request.timeLimit(), request.timeLimit());
                    rb.checks(o.verifier().checker().rules()).findings(o.findings());
                    untested(o).ifPresent(f -> rb.checks(List.of(StudentFault.RULE)).finding(f));
                    if (o.thrown() != null) {
                        rb.checks(List.of(StudentFault.RULE)).finding(o.thrownFinding());
                    }
                    return rb.build();
                });
        return Grader.report(b, "sim irp --grade " + code.fileName() + " --position " + position.word() + " (seed "
                + request.seed() + ")", rows).build();
    }

    /**
     * A case whose run had none of the driver's devices in the stack tested nothing: Windows starts such a stack
     * (AddDevice may decline a device), so a plain run only says so, but a grade must not pass it.
     */
    static Optional<Finding> untested(IrpRun.Outcome o) {
        return o.stack() == null || o.thrown() != null ? Optional.empty() : IrpReport.absent(o)
                .map(a -> new Finding(Severity.VIOLATION, StudentFault.RULE, a + "; this case tested nothing",
                        o.endedAt(), ""));
    }
}
