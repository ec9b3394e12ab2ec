package org.sysmodels.vcpu.run;

import java.util.List;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.grade.GradeCase;
import org.sysmodels.core.grade.GradeRow;
import org.sysmodels.core.grade.Grader;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.vcpu.scenario.VcpuScenario;
import org.sysmodels.vcpu.scenario.VcpuScenario.Action;
import org.sysmodels.vcpu.scenario.VcpuScenario.What;

/**
 * {@code sim vcpu --grade guest.elf}: the student's guest through boot, pause/resume at three points, a full snapshot
 * restored and compared, a full then a diff snapshot, two vCPUs, and real threads. Pauses and snapshots are placed at
 * fractions of the guest's own run time, measured by the first case.
 */
public final class VcpuGrade {

    /** Same output with and without the VMM's interventions. */
    public static final Rule SAME_OUTPUT = new Rule("same-output", "pausing, resuming, snapshotting or adding "
            + "vCPUs is invisible to a guest that runs on one hart: its serial output and exit are unchanged",
            "Firecracker docs/snapshotting/snapshot-support.md; vcpu.rs (a paused vCPU is only not running)");

    private static final List<GradeCase> CASES = List.of(
            new GradeCase("boots", "boots, prints, and shuts down with exit code 0 within 10 s of virtual time"),
            new GradeCase("pause-resume", "paused and resumed at 25%, 50% and 75% of its run: same output"),
            new GradeCase("snapshot-restore", "full snapshot at 40% of its run, restored: ends exactly the same"),
            new GradeCase("diff-snapshot", "full at 25%, diff at 60% (dirty pages), each restored: the same"),
            new GradeCase("two-vcpus", "with a second vCPU present (stopped until started): the same output"),
            new GradeCase("threads", "one real thread per vCPU instead of the simulated host: the same output"));

    private VcpuGrade() {
    }

    public static RunResult grade(RunRequest request, byte[] kernel, String name, RunResult.Builder b)
            throws UserInputException {
        VcpuScenario base = new VcpuScenario(name, "", 1, null, null, null, 10_000_000_000L, null, null, null,
                null, null, null);
        MicroVmRun.Outcome first = MicroVmRun.run(MicroVmRun.Setup.of(base, kernel, name));
        if (first.startError() != null) {
            throw new UserInputException(name + ": InstanceStart failed (HTTP 400): " + first.startError());
        }
        long t = Math.max(10_000, first.endNs());
        List<GradeRow> rows = Grader.grade(CASES, null, request.timeLimit(), c -> switch (c.name()) {
            case "boots" -> result(c, first, null);
            case "pause-resume" -> compare(c, first, base.withActions(List.of(
                    Action.at(t / 4, What.PAUSE), Action.at(t / 4, What.RESUME),
                    Action.at(t / 2, What.PAUSE), Action.at(t / 2, What.RESUME),
                    Action.at(3 * t / 4, What.PAUSE), Action.at(3 * t / 4, What.RESUME))), kernel, name);
            case "snapshot-restore" -> compare(c, first, base.withActions(List.of(
                    Action.at(2 * t / 5, What.PAUSE), Action.snapshotAt(2 * t / 5, VcpuScenario.SnapshotType.FULL),
                    Action.at(2 * t / 5, What.RESUME))), kernel, name);
            case "diff-snapshot" -> compare(c, first, base.withTrackDirtyPages(true).withActions(List.of(
                    Action.at(t / 4, What.PAUSE), Action.snapshotAt(t / 4, VcpuScenario.SnapshotType.FULL),
                    Action.at(t / 4, What.RESUME), Action.at(3 * t / 5, What.PAUSE),
                    Action.snapshotAt(3 * t / 5, VcpuScenario.SnapshotType.DIFF),
                    Action.at(3 * t / 5, What.RESUME))), kernel, name);
            case "two-vcpus" -> compare(c, first, base.withVcpus(2), kernel, name);
            default -> compare(c, first, base.withMode(VcpuScenario.Mode.THREADED).withRunFor(30_000_000_000L),
                    kernel, name);
        });
        return Grader.report(b, "sim vcpu --grade " + name, rows).build();
    }

    private static RunResult compare(GradeCase c, MicroVmRun.Outcome first, VcpuScenario s, byte[] kernel,
                                     String name) {
        MicroVmRun.Outcome o = MicroVmRun.run(MicroVmRun.Setup.of(s, kernel, name));
        String diff = null;
        if (o.exitCode() != first.exitCode()) {
            diff = "ended with " + (o.exitCode() == null ? "no exit (cut by the time limit)" : o.exitCode().rustName())
                    + "; alone it ended with " + (first.exitCode() == null ? "none" : first.exitCode().rustName());
        } else if (!o.console().equals(first.console())) {
            diff = "its serial output changed";
        }
        return result(c, o, diff);
    }

    private static RunResult result(GradeCase c, MicroVmRun.Outcome o, String difference) {
        Findings f = o.findings();
        if (o.exitCode() == null) {
            f.violation(SAME_OUTPUT, "the guest did not shut down within the case's time", o.endNs(), c.name());
        } else if (difference != null) {
            f.violation(SAME_OUTPUT, difference, o.endNs(), c.name());
        }
        return RunResult.builder("vcpu", c.name(), 0).checks(o.checker().rules()).checks(List.of(SAME_OUTPUT))
                .findings(f).build();
    }
}
