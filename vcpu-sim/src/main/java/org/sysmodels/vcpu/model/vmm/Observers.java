package org.sysmodels.vcpu.model.vmm;

import org.sysmodels.vcpu.model.devices.virtio.Block;
import org.sysmodels.vcpu.model.vcpu.VcpuObserver;

/** Who watches a microVM: the VMM's observer, the vCPU threads', the block devices'. */
public record Observers(VmmObserver vmm, VcpuObserver vcpu, Block.Listener block) {

    public static final Observers NONE = new Observers(VmmObserver.NONE, VcpuObserver.NONE, new Block.Listener() { });

    /** One object that is all three (a run's observer). */
    public static <T extends VmmObserver & VcpuObserver & Block.Listener> Observers of(T all) {
        return new Observers(all, all, all);
    }
}
