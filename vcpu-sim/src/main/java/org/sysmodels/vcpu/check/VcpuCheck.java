package org.sysmodels.vcpu.check;

import org.sysmodels.core.check.Check;
import org.sysmodels.vcpu.model.devices.virtio.Block;
import org.sysmodels.vcpu.model.vcpu.VcpuObserver;
import org.sysmodels.vcpu.model.vmm.VmmObserver;

/**
 * A run-time rule of the microVM: one class per rule. A check sees what the vCPU threads, the VMM and the block
 * devices report, and says so in the run's findings when its rule is broken. Calls come from the vCPU threads and
 * the VMM thread: in deterministic mode one at a time; with real threads, checks that keep state synchronize.
 */
public interface VcpuCheck extends Check, VcpuObserver, VmmObserver, Block.Listener {
}
