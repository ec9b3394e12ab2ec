package org.sysmodels.vcpu.run;

import java.util.List;
import java.util.function.UnaryOperator;
import org.sysmodels.core.lab.BugLab;
import org.sysmodels.vcpu.check.BlockDrainedBeforeSave;
import org.sysmodels.vcpu.check.RestoreMatchesRun;
import org.sysmodels.vcpu.check.VcpuStateTable;
import org.sysmodels.vcpu.check.VcpusAnswerInTime;
import org.sysmodels.vcpu.host.labs.AnswersInWrongState;
import org.sysmodels.vcpu.host.labs.ForgetsImmediateExit;
import org.sysmodels.vcpu.host.labs.LosesInFlightWrite;
import org.sysmodels.vcpu.host.labs.SnapshotWhileRunning;
import org.sysmodels.vcpu.model.vmm.VmmParts;
import org.sysmodels.vcpu.scenario.VcpuScenario;
import org.sysmodels.vcpu.scenario.VcpuScenario.Action;
import org.sysmodels.vcpu.scenario.VcpuScenario.Trigger;
import org.sysmodels.vcpu.scenario.VcpuScenario.What;

/** The bug labs of {@code sim vcpu}: each a VMM part swapped for a buggy variant from {@code host/labs}. */
public final class VcpuLabs {

    /** A lab, the parts it runs with, and the scenario that shows the bug (before the user's flags). */
    public record Lab(BugLab lab, VmmParts parts, UnaryOperator<VcpuScenario> setup) {
    }

    public static final List<Lab> ALL = List.of(
            new Lab(new BugLab("forgets-immediate-exit", "the kick only signals the vCPU thread; it does not set "
                    + "kvm_run.immediate_exit first, so a signal that finds the thread in the VMM's own code is lost",
                    VcpusAnswerInTime.RULE, "send the event, set immediate_exit = 1, fence(Release), then signal "
                    + "(vcpu.rs send_event): whichever side is where, the vCPU sees the event before it runs guest "
                    + "code again", List.of("guest idle (prints a line, then sleeps in wfi)",
                    "pause as soon as the guest has booted, while its vCPU is handling serial exits")),
                    ForgetsImmediateExit.PARTS, s -> s.withGuest("idle", "").withRunFor(31_000_000_000L)
                    .withActions(List.of(new Action(null, Trigger.BOOTED, What.PAUSE, null)))),
            new Lab(new BugLab("snapshot-while-running", "the VMM snapshots without pausing: it copies guest "
                    + "memory while the vCPUs run, then reads their registers itself", RestoreMatchesRun.RULE,
                    "pause first (PATCH /vm Paused), then snapshot, then resume; a running vCPU refuses SaveState "
                    + "(NotAllowed) precisely so that registers and memory are of one instant",
                    List.of("guest count=4000000 step=400000", "a full snapshot at 1 ms with no pause before it")),
                    SnapshotWhileRunning.PARTS, s -> s.withGuest("count", "count=4000000 step=400000")
                    .withActions(List.of(VcpuScenario.Action.snapshotAt(1_000_000L,
                            VcpuScenario.SnapshotType.FULL)))),
            new Lab(new BugLab("loses-in-flight-write", "the block device's prepare_save flushes but does not wait "
                    + "for the requests its async engine has in flight; the saved state cannot hold them",
                    BlockDrainedBeforeSave.RULE, "drain and flush first (prepare_save → drain_and_flush, then "
                    + "complete what came back), so the saved queue state has nothing in flight",
                    List.of("guest blk, drive on the Async engine (100 µs per request)",
                            "pause, full snapshot and resume while the guest's write is in flight")),
                    LosesInFlightWrite.PARTS, s -> s.withGuest("blk", "").withDrive(new VcpuScenario.Drive(null, 64L,
                    "sector zero of the rootfs\n", false, VcpuScenario.Engine.ASYNC, 100_000L, null, null))
                    .withActions(List.of(new Action(null, Trigger.WRITE_IN_FLIGHT, What.PAUSE, null),
                            new Action(null, Trigger.WRITE_IN_FLIGHT, What.SNAPSHOT, null),
                            new Action(null, Trigger.WRITE_IN_FLIGHT, What.RESUME, null)))),
            new Lab(new BugLab("saves-while-running", "the vCPU thread handles SaveState in the wrong state: "
                    + "while Running it saves and answers SavedState instead of NotAllowed",
                    VcpuStateTable.RULE, "in running(), answer SaveState with NotAllowed(\"save/restore unavailable "
                    + "while running\") and stay Running; save only in paused()",
                    List.of("guest count", "a full snapshot at 1 ms with no pause before it")),
                    AnswersInWrongState.PARTS, s -> s.withGuest("count", "count=200000 step=20000")
                    .withActions(List.of(VcpuScenario.Action.snapshotAt(1_000_000L,
                            VcpuScenario.SnapshotType.FULL)))));

    private VcpuLabs() {
    }

    public static List<BugLab> labs() {
        return ALL.stream().map(Lab::lab).toList();
    }

    public static Lab byName(String name) {
        return ALL.stream().filter(l -> l.lab().name().equals(name)).findFirst().orElseThrow();
    }
}
