package org.sysmodels.vcpu.check;

import java.util.List;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.vcpu.model.vcpu.VcpuState;

/** A snapshot is taken of a paused microVM only: every vCPU thread must be Paused when its state is captured. */
public final class SnapshotOnlyPaused implements VcpuCheck {

    public static final Rule RULE = new Rule("snapshot-only-paused", "a snapshot captures a paused microVM: every "
            + "vCPU is Paused (a running vCPU refuses SaveState), so registers and memory are of one instant",
            "Firecracker docs/snapshotting/snapshot-support.md (\"the microVM must be paused\"); vcpu.rs running() "
            + "l. 289-295; lib.rs Vmm::save_state");

    private final Findings findings;

    public SnapshotOnlyPaused(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public synchronized void snapshotCaptured(boolean full, List<VcpuState> states, int inFlight, long at) {
        for (int i = 0; i < states.size(); i++) {
            if (!(states.get(i) instanceof VcpuState.Paused)) {
                findings.violation(RULE, (full ? "full" : "diff") + " snapshot captured while vCPU " + i + " was "
                        + VcpuState.describe(states.get(i)) + ": its registers and the memory copied later are of "
                        + "different instants (a torn snapshot)", at, "vmm");
            }
        }
    }
}
