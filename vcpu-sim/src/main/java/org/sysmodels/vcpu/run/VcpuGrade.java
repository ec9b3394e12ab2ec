package org.sysmodels.vcpu.run;

import java.util.List;
import java.util.Locale;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.grade.GradeCase;
import org.sysmodels.core.grade.GradeRow;
import org.sysmodels.core.grade.Grader;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.vcpu.scenario.VcpuScenario;
import org.sysmodels.vcpu.scenario.VcpuScenario.Action;
import org.sysmodels.vcpu.scenario.VcpuScenario.What;

/**
 * {@code sim vcpu --grade guest.elf}: the student's guest through boot, pause/resume at three points, a full snapshot
 * restored and compared, a full then a diff snapshot, two vCPUs, and real threads. Pauses and snapshots are placed at
 * fractions of the guest's own run time, measured by the first case. Each case runs the guest for at most its
 * {@link GradeBudget} (virtual time, or guest instructions on real threads); a guest that does not finish the first
 * case within it fails that case and the others are not run.
 */
public final class VcpuGrade {

    /** Same output with and without the VMM's interventions. */
    public static final Rule SAME_OUTPUT = new Rule("same-output", "pausing, resuming, snapshotting or adding "
            + "vCPUs is invisible to a guest that runs on one hart: its serial output and exit are unchanged",
            "Firecracker docs/snapshotting/snapshot-support.md; vcpu.rs (a paused vCPU is only not running)");

    /** Each case ends within its budget. */
    public static final Rule FINISHES = new Rule("finishes-in-budget", "the guest shuts down within the case's "
            + "budget: " + GradeBudget.DEFAULT.describe(), "sysmodels' grading battery (a limit of the grader, "
            + "counted in the simulation; Firecracker itself lets a guest run for ever)");

    private static final GradeBudget BUDGET = GradeBudget.DEFAULT;

    private static final List<GradeCase> CASES = List.of(
            new GradeCase("boots", "boots, prints, and shuts down with exit code 0 within "
                    + SimTime.format(BUDGET.virtualNs()) + " of virtual time"),
            new GradeCase("pause-resume", "paused and resumed at 25%, 50% and 75% of its run: same output"),
            new GradeCase("snapshot-restore", "full snapshot at 40% of its run, restored: ends exactly the same"),
            new GradeCase("diff-snapshot", "full at 25%, diff at 60% (dirty pages), each restored: the same"),
            new GradeCase("two-vcpus", "with a second vCPU present (stopped until started): the same output"),
            new GradeCase("threads", "one real thread per vCPU instead of the simulated host: the same output"));

    private VcpuGrade() {
    }

    public static RunResult grade(RunRequest request, byte[] kernel, String name, RunResult.Builder b)
            throws UserInputException {
        VcpuScenario base = new VcpuScenario(name, "", 1, null, null, null, BUDGET.virtualNs(), null, null, null,
                null, null, null);
        MicroVmRun.Outcome first = MicroVmRun.run(MicroVmRun.Setup.of(base, kernel, name));
        if (first.startError() != null) {
            throw new UserInputException(name + ": InstanceStart failed (HTTP 400): " + first.startError());
        }
        long t = Math.max(10_000, first.endNs());
        boolean finished = first.exitCode() != null;
        List<GradeRow> rows = Grader.grade(CASES, null, request.timeLimit(), c -> !finished && !c.name().equals(
                "boots") ? notRun(c) : switch (c.name()) {
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
            default -> compare(c, first, MicroVmRun.Setup.of(base.withMode(VcpuScenario.Mode.THREADED)
                    .withRunFor(BUDGET.wallNs()), kernel, name).withInstructionBudget(BUDGET.instructions()));
        });
        return Grader.report(b, "sim vcpu --grade " + name, rows).build();
    }

    private static RunResult compare(GradeCase c, MicroVmRun.Outcome first, VcpuScenario s, byte[] kernel,
                                     String name) {
        return compare(c, first, MicroVmRun.Setup.of(s, kernel, name));
    }

    private static RunResult compare(GradeCase c, MicroVmRun.Outcome first, MicroVmRun.Setup setup) {
        MicroVmRun.Outcome o = MicroVmRun.run(setup);
        String diff = null;
        if (o.exitCode() != first.exitCode()) {
            diff = "ended with " + (o.exitCode() == null ? "no exit (cut by the budget)" : o.exitCode().rustName())
                    + "; alone it ended with " + (first.exitCode() == null ? "none" : first.exitCode().rustName());
        } else if (!o.console().equals(first.console())) {
            diff = "its serial output changed";
        }
        return result(c, o, diff);
    }

    private static RunResult result(GradeCase c, MicroVmRun.Outcome o, String difference) {
        Findings f = o.findings();
        if (o.exitCode() == null) {
            f.violation(FINISHES, unfinished(o), o.endNs(), c.name());
        } else if (difference != null) {
            f.violation(SAME_OUTPUT, difference, o.endNs(), c.name());
        }
        return RunResult.builder("vcpu", c.name(), 0).checks(o.checker().rules())
                .checks(List.of(SAME_OUTPUT, FINISHES)).findings(f).build();
    }

    /** What ended a run that did not finish: its budget of virtual time or of instructions, or the wall backstop. */
    private static String unfinished(MicroVmRun.Outcome o) {
        String ran = String.format(Locale.ROOT, " (it retired %,d instructions)", o.instructions());
        if (o.scenario().mode() != VcpuScenario.Mode.THREADED) {
            return "the guest did not finish within its budget of " + SimTime.format(BUDGET.virtualNs())
                    + " of virtual time" + ran;
        }
        if (o.instructions() >= BUDGET.instructions()) {
            return String.format(Locale.ROOT, "the guest did not finish within its budget of %,d guest "
                    + "instructions on real threads", BUDGET.instructions()) + ran;
        }
        return "the guest did not finish within " + SimTime.format(BUDGET.wallNs()) + " of real time on real "
                + "threads, retiring fewer than its budget of instructions: it was waiting (wfi), not running" + ran;
    }

    /** A later case, not run: the guest did not finish the first within its budget and would not here either. */
    private static RunResult notRun(GradeCase c) {
        Findings f = new Findings();
        f.violation(FINISHES, "not run: the guest did not finish case boots within its budget ("
                + SimTime.format(BUDGET.virtualNs()) + " of virtual time)", 0, c.name());
        return RunResult.builder("vcpu", c.name(), 0).checks(List.of(SAME_OUTPUT, FINISHES)).findings(f).build();
    }
}
