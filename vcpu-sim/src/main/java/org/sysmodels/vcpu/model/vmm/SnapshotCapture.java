package org.sysmodels.vcpu.model.vmm;

import java.util.ArrayList;
import java.util.List;
import org.sysmodels.vcpu.model.devices.Serial;
import org.sysmodels.vcpu.model.devices.ratelimit.RateLimiter;
import org.sysmodels.vcpu.model.kvm.KvmVm;
import org.sysmodels.vcpu.model.memory.GuestMemory;

/**
 * The VMM's side of Firecracker's {@code create_snapshot} ({@code vmm/src/persist.rs}), beside
 * {@link SnapshotRestore}: the machine's description, the devices' states (each device drained first,
 * {@code prepare_save}) and the memory image (every page for a Full snapshot; for a Diff, the pages dirtied since
 * the last snapshot, or with dirty tracking off the resident pages, as Firecracker falls back to mincore). The
 * vCPUs' states come from their threads ({@link VcpuFleet#saveStates}).
 */
final class SnapshotCapture {

    private final VmConfig config;
    private final GuestMemory memory;
    private final KvmVm kvm;
    private final Serial serial;
    private final List<Vmm.BlockDevice> blocks;

    SnapshotCapture(VmConfig config, GuestMemory memory, KvmVm kvm, Serial serial, List<Vmm.BlockDevice> blocks) {
        this.config = config;
        this.memory = memory;
        this.kvm = kvm;
        this.serial = serial;
        this.blocks = blocks;
    }

    /** The machine as the snapshot describes it: memory size, vCPU count, boot arguments, dirty tracking. */
    MicrovmState.VmInfo vmInfo() {
        return MicrovmState.VmInfo.of(config, memory.trackingDirtyPages());
    }

    /** The devices' states, each drained first (prepare_save). */
    MicrovmState.DeviceStates devices() {
        List<MicrovmState.BlockState> bs = new ArrayList<>();
        for (Vmm.BlockDevice b : blocks) {
            synchronized (b.transport()) {
                b.block().prepareSave();
                RateLimiter l = b.block().rateLimiter();
                bs.add(new MicrovmState.BlockState(b.block().id(), b.block().disk().path(),
                        b.block().disk().readOnly(), b.drive().root(), b.block().engine().name(),
                        b.drive().asyncLatencyNs(), b.drive().writebackCache(), b.transport().save(),
                        b.block().save(), l.bandwidth() == null ? new long[0] : l.bandwidth().save(),
                        l.ops() == null ? new long[0] : l.ops().save(), l.isBlocked()));
            }
        }
        byte[] serialState;
        synchronized (serial) {
            serialState = serial.save();
        }
        return new MicrovmState.DeviceStates(serialState, kvm.plic().save(), bs);
    }

    /** The memory part of a snapshot; takes (and so clears) the dirty log. */
    MemoryImage memory(boolean full) {
        return image(memory, full);
    }

    /** The image of {@code memory}: Full, or Diff with the dirty log or, with tracking off, every resident page. */
    static MemoryImage image(GuestMemory memory, boolean full) {
        long[] dirty = memory.takeDirtyLog();
        if (!full && !memory.trackingDirtyPages()) {
            for (int i = 0; i < memory.pageCount(); i++) {
                if (memory.page(i) != null) {
                    dirty[i >>> 6] |= 1L << i;
                }
            }
        }
        return MemoryImage.of(memory, full, dirty);
    }
}
