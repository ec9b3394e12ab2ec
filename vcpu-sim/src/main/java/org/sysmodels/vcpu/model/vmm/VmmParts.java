package org.sysmodels.vcpu.model.vmm;

import org.sysmodels.vcpu.model.devices.MmioBus;
import org.sysmodels.vcpu.model.devices.ratelimit.RateLimiter;
import org.sysmodels.vcpu.model.devices.virtio.Block;
import org.sysmodels.vcpu.model.devices.virtio.DiskImage;
import org.sysmodels.vcpu.model.kvm.KvmVcpu;
import org.sysmodels.vcpu.model.memory.GuestMemory;
import org.sysmodels.vcpu.model.os.Channel;
import org.sysmodels.vcpu.model.os.Clock;
import org.sysmodels.vcpu.model.os.EventFd;
import org.sysmodels.vcpu.model.os.TimerFd;
import org.sysmodels.vcpu.model.os.VcpuThread;
import org.sysmodels.vcpu.model.vcpu.SbiConsole;
import org.sysmodels.vcpu.model.vcpu.Vcpu;
import org.sysmodels.vcpu.model.vcpu.VcpuEvent;
import org.sysmodels.vcpu.model.vcpu.VcpuResponse;

/**
 * Makes the VMM's swappable parts: the vCPU thread's side, the VMM's handle on it, a block device, and the VMM
 * itself. The reference parts are Firecracker's; a bug lab swaps one of them for a variant (in {@code host/labs}),
 * so no reference class carries a bug flag.
 */
public class VmmParts {

    public static final VmmParts REFERENCE = new VmmParts();

    public Vcpu vcpu(KvmVcpu kvm, Channel<VcpuEvent> events, Channel<VcpuResponse> responses, EventFd exitEvt,
                     MmioBus bus, SbiConsole console) {
        return new Vcpu(kvm, events, responses, exitEvt, bus, console);
    }

    public VcpuHandle handle(Channel<VcpuEvent> events, Channel<VcpuResponse> responses, KvmVcpu kvm,
                             VcpuThread thread) {
        return new VcpuHandle(events, responses, kvm, thread);
    }

    public Block block(String id, GuestMemory mem, DiskImage disk, RateLimiter limiter, Block.Engine engine,
                       long asyncLatencyNs, TimerFd completionTimer, Clock clock, boolean writebackCache) {
        return new Block(id, mem, disk, limiter, engine, asyncLatencyNs, completionTimer, clock, writebackCache);
    }

    /** The VMM (a lab may take snapshots its own way). */
    public Vmm vmm(Vmm.Parts parts) {
        return new Vmm(parts);
    }

    /** A name for reports: "reference", or the lab's. */
    public String name() {
        return "reference";
    }
}
