package org.sysmodels.vcpu.model.vmm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.sysmodels.vcpu.model.devices.ratelimit.TokenBucket;
import org.sysmodels.vcpu.model.devices.virtio.Block;
import org.sysmodels.vcpu.model.devices.virtio.DiskImage;
import org.sysmodels.vcpu.model.isa.Hart;
import org.sysmodels.vcpu.model.kvm.KvmVcpu;
import org.sysmodels.vcpu.model.kvm.Timing;
import org.sysmodels.vcpu.model.memory.GuestMemory;
import org.sysmodels.vcpu.model.platform.Platform;
import org.sysmodels.vcpu.model.vcpu.VcpuSavedState;

/**
 * Firecracker's {@code build_microvm_from_snapshot} ({@code builder.rs}, with {@code persist.rs}'s restore): the
 * machine assembled as {@link MicrovmBuilder} does, then guest memory loaded from the snapshot's image, each vCPU's
 * registers and run state restored, the serial port, interrupt controller and block devices (transport, queues, rate
 * limiter buckets) restored, and the vCPU threads started Paused.
 */
final class SnapshotRestore {

    private SnapshotRestore() {
    }

    /**
     * Builds a microVM from a snapshot (build_microvm_from_snapshot): memory from the image, the vCPUs and devices
     * restored, the vCPU threads started Paused; the VM is Paused until resumed.
     *
     * @param disks what backs each drive (the file its path_on_host names, or a disk kept by a test)
     */
    static Vmm restore(Vmm.Snapshot snapshot, Platform platform, VmmParts factory, ConsoleLog console,
                       Function<MicrovmState.BlockState, DiskImage> disks, Timing timing,
                       boolean trackDirtyPages,
                       Observers observers) throws VmmError {
        MicrovmState s = snapshot.state();
        if (snapshot.memory().sizeBytes() != s.vmInfo().memSizeMib() << 20) {
            throw VmmError.of("Cannot restore microvm state: the memory file holds "
                    + snapshot.memory().sizeBytes() + " bytes, the state says " + s.vmInfo().memSizeMib() + " MiB");
        }
        List<VmConfig.Drive> drives = new ArrayList<>();
        for (MicrovmState.BlockState b : s.devices().blocks()) {
            DiskImage disk = disks.apply(b);
            if (disk == null) {
                throw VmmError.of("Cannot restore devices: no backing file for drive " + b.id());
            }
            drives.add(new VmConfig.Drive(b.id(), disk, b.root(), VmConfig.Limiter.NONE,
                    Block.Engine.valueOf(b.engine()), b.asyncLatencyNs(), b.writebackCache()));
        }
        // builder.rs: vm_resources.boot_source.config = microvm_state.vm_info.boot_source
        VmConfig config = new VmConfig(s.vmInfo().vcpuCount(), s.vmInfo().memSizeMib(), trackDirtyPages, null,
                s.vmInfo().bootArgs(), drives, timing, new VmConfig.BootSource(s.vmInfo().kernelImagePath(),
                s.vmInfo().initrdPath()));
        Vmm.Parts parts = MicrovmBuilder.assemble(config, platform, factory, console, trackDirtyPages,
                observers.block());
        GuestMemory restored = snapshot.memory().toMemory();
        for (int i = 0; i < restored.pageCount(); i++) {
            byte[] p = restored.pageBytes(i);
            if (p != null) {
                parts.memory().loadPage(i, p);
            }
        }
        for (VcpuSavedState v : s.vcpus()) {
            KvmVcpu k = parts.kvm().vcpu(v.id());
            Hart h = k.hart();
            System.arraycopy(v.x(), 0, h.x, 0, 32);
            h.pc = v.pc();
            h.instret = v.instret();
            h.stallNs = v.stallNs();
            h.reservation = v.reservation();
            h.reservedValue = v.reservedValue();
            k.setRunnable(v.started());
            k.setWaitingForInterrupt(v.inWfi());
        }
        parts.serial().restore(s.devices().serial());
        parts.kvm().plic().restore(s.devices().interruptController());
        for (int n = 0; n < parts.blocks().size(); n++) {
            Vmm.BlockDevice bd = parts.blocks().get(n);
            MicrovmState.BlockState b = s.devices().blocks().get(n);
            bd.transport().restore(b.transport());
            bd.block().restore(b.device());
            bd.block().rateLimiter().update(b.bandwidth().length == 0 ? null : TokenBucket.restore(b.bandwidth()),
                    b.ops().length == 0 ? null : TokenBucket.restore(b.ops()));
            if (b.limiterBlocked()) {
                bd.block().rateLimiter().setBlocked(true);
            }
        }
        Vmm vmm = factory.vmm(parts);
        vmm.watchedBy(observers);
        vmm.startVcpus();
        vmm.restoredPaused();
        return vmm;
    }
}
