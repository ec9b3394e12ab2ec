package org.sysmodels.vcpu.check;

import java.util.List;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.vcpu.model.vcpu.VcpuState;

/** A block device's state is saved with nothing in flight: the snapshot has no place for in-flight requests. */
public final class BlockDrainedBeforeSave implements VcpuCheck {

    public static final Rule RULE = new Rule("block-drained-before-save", "before a block device's state is saved, "
            + "its in-flight requests are completed and flushed (prepare_save → drain_and_flush); the saved state "
            + "holds no in-flight requests, so any left would be lost on restore",
            "Firecracker src/vmm/src/devices/virtio/block/virtio/device.rs prepare_save (l. 569-578)");

    private final Findings findings;

    public BlockDrainedBeforeSave(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public synchronized void snapshotCaptured(boolean full, List<VcpuState> states, int inFlight, long at) {
        if (inFlight > 0) {
            findings.violation(RULE, inFlight + " block request" + (inFlight == 1 ? " was" : "s were")
                    + " still in flight when the device state was saved: the restored microVM will never see "
                    + (inFlight == 1 ? "it" : "them") + " complete", at, "virtio-blk");
        }
    }
}
