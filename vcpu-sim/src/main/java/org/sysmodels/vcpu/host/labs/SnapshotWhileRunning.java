package org.sysmodels.vcpu.host.labs;

import java.util.ArrayList;
import java.util.List;
import org.sysmodels.vcpu.model.isa.Hart;
import org.sysmodels.vcpu.model.kvm.KvmVcpu;
import org.sysmodels.vcpu.model.memory.GuestMemory;
import org.sysmodels.vcpu.model.platform.DeterministicPlatform;
import org.sysmodels.vcpu.model.vcpu.VcpuSavedState;
import org.sysmodels.vcpu.model.vmm.MemoryImage;
import org.sysmodels.vcpu.model.vmm.MicrovmState;
import org.sysmodels.vcpu.model.vmm.Vmm;
import org.sysmodels.vcpu.model.vmm.VmmParts;

/**
 * Bug lab: a VMM that snapshots a running microVM. It does not pause; it copies guest memory page by page while the
 * vCPUs go on running (copying takes {@link #COPY_NS_PER_PAGE} of virtual time per page, about 4 GB/s, so 128 MiB
 * take 33 ms), then reads each vCPU's registers itself instead of asking the vCPU thread, which would refuse: the
 * memory is of many instants, the registers of a later one.
 */
public final class SnapshotWhileRunning extends Vmm {

    public static final long COPY_NS_PER_PAGE = 1_000;

    public static final VmmParts PARTS = new VmmParts() {
        @Override
        public Vmm vmm(Parts parts) {
            return new SnapshotWhileRunning(parts);
        }

        @Override
        public String name() {
            return "snapshot-while-running";
        }
    };

    public SnapshotWhileRunning(Parts parts) {
        super(parts);
    }

    @Override
    public Snapshot createSnapshot(boolean full) {
        MicrovmState.DeviceStates devices = saveDevices();
        GuestMemory copy = new GuestMemory(memory.size());
        for (int i = 0; i < memory.pageCount(); i++) {
            byte[] page = memory.pageBytes(i);
            if (page != null) {
                copy.loadPage(i, page);
            }
            if (platform instanceof DeterministicPlatform dp) {
                dp.runUntil(() -> false, dp.now() + COPY_NS_PER_PAGE); // the vCPUs keep running meanwhile
            }
        }
        memory.takeDirtyLog();
        List<VcpuSavedState> vcpus = new ArrayList<>();
        for (int i = 0; i < kvm.vcpuCount(); i++) {
            KvmVcpu k = kvm.vcpu(i);
            Hart h = k.hart();
            vcpus.add(new VcpuSavedState(i, h.registers(), h.pc, h.instret, h.stallNs, k.hsmStatus() == 0,
                    k.waitingForInterrupt(), h.reservation, h.reservedValue));
        }
        observer.snapshotCaptured(full, runLoopStates(), inFlight(), now());
        long[] all = new long[(copy.pageCount() + 63) >>> 6];
        java.util.Arrays.fill(all, -1L);
        MicrovmState state = new MicrovmState(MicrovmState.VmInfo.of(config, memory.trackingDirtyPages()),
                vcpus, devices);
        return new Snapshot(state, MemoryImage.of(copy, true, all));
    }
}
