package org.sysmodels.vcpu.model.vmm;

import java.util.List;
import org.sysmodels.vcpu.model.vcpu.VcpuSavedState;

/**
 * A microVM's saved state, the content of Firecracker's snapshot state file ({@code persist.rs}
 * {@code MicrovmState}: vm_info, the vCPU states, the device states); guest memory goes to its own file
 * ({@link MemoryImage}).
 *
 * @param vmInfo  what the restore needs to build the machine
 * @param vcpus   one state per vCPU, in index order
 * @param devices the devices' states
 */
public record MicrovmState(VmInfo vmInfo, List<VcpuSavedState> vcpus, DeviceStates devices) {

    public MicrovmState {
        vcpus = List.copyOf(vcpus);
    }

    /**
     * Firecracker's VmInfo: the memory size and boot source (kernel and initrd paths, boot arguments), plus the vCPU
     * count and dirty tracking. A restore rebuilds the configuration GET /vm/config shows from it.
     */
    public record VmInfo(long memSizeMib, int vcpuCount, String bootArgs, boolean trackDirtyPages,
                         String kernelImagePath, String initrdPath) {

        /** The VmInfo of a machine built from {@code config} (persist.rs {@code From<&Vmm> for VmInfo}). */
        public static VmInfo of(VmConfig config, boolean trackDirtyPages) {
            return new VmInfo(config.memSizeMib(), config.vcpuCount(), config.bootArgs(), trackDirtyPages,
                    config.bootSource().kernelImagePath(), config.bootSource().initrdPath());
        }
    }

    /** The devices: serial (vm-superio SerialState), interrupt controller, and each block device. */
    public record DeviceStates(byte[] serial, int[] interruptController, List<BlockState> blocks) {
        public DeviceStates {
            serial = serial.clone();
            interruptController = interruptController.clone();
            blocks = List.copyOf(blocks);
        }
    }

    /**
     * A block device: its id, backing file (path_on_host; null for a disk in memory) and drive flags, the transport's registers, the device's queue state, its rate limiter's
     * buckets (size, burst, initial burst, refill ms, budget, last update; empty = no bucket) and whether the limiter
     * was blocked.
     */
    public record BlockState(String id, String path, boolean readOnly, boolean root, String engine,
                             long asyncLatencyNs, boolean writebackCache, int[] transport, long[] device,
                             long[] bandwidth, long[] ops, boolean limiterBlocked) {
    }
}
