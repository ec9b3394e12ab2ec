package org.sysmodels.vcpu.model.vmm;

import java.util.List;
import org.sysmodels.vcpu.model.devices.virtio.Block;
import org.sysmodels.vcpu.model.devices.virtio.DiskImage;
import org.sysmodels.vcpu.model.kvm.Timing;

/**
 * Everything the VMM needs to build a microVM (Firecracker's {@code VmResources} after the API calls): the machine
 * configuration, the kernel image's bytes and boot arguments, the drives with what backs them. The API layer reads
 * the files; the model sees bytes and disk images only.
 *
 * @param vcpuCount       machine-config vcpu_count
 * @param memSizeMib      machine-config mem_size_mib
 * @param trackDirtyPages machine-config track_dirty_pages: needed for diff snapshots
 * @param kernel          the kernel image (kernel_image_path's contents), or null if none was configured
 * @param bootArgs        boot-source boot_args
 * @param drives          the drives, root device first (Firecracker's BlockBuilder keeps it at the front)
 * @param timing          the deterministic mode's virtual-time costs
 * @param bootSource      where the kernel (and initrd) came from, as configured: the Vmm's
 *                        {@code boot_source_config}, which a snapshot keeps ({@code persist.rs} VmInfo)
 */
public record VmConfig(int vcpuCount, long memSizeMib, boolean trackDirtyPages, byte[] kernel, String bootArgs,
                       List<Drive> drives, Timing timing, BootSource bootSource) {

    /** machine-config defaults: 1 vCPU, 128 MiB (vmm_config/machine_config.rs). */
    public static final int DEFAULT_VCPUS = 1;
    public static final long DEFAULT_MEM_MIB = 128;
    /** MAX_SUPPORTED_VCPUS. */
    public static final int MAX_VCPUS = 32;
    /** Firecracker's DEFAULT_KERNEL_CMDLINE (vmm_config/boot_source.rs), used when boot_args is not given. */
    public static final String DEFAULT_BOOT_ARGS = "reboot=k panic=1 nomodule 8250.nr_uarts=0 i8042.noaux i8042.nomux "
            + "i8042.dumbkbd swiotlb=noforce";
    /** This simulator's own limit: a page table of 4 KiB pages for at most this much RAM. */
    public static final long MAX_MEM_MIB = 16384;

    public VmConfig {
        drives = List.copyOf(drives);
        bootSource = bootSource == null ? BootSource.NONE : bootSource;
    }

    /** A machine whose kernel came from no file the API named (a packaged guest, a scenario, a test). */
    public VmConfig(int vcpuCount, long memSizeMib, boolean trackDirtyPages, byte[] kernel, String bootArgs,
                    List<Drive> drives, Timing timing) {
        this(vcpuCount, memSizeMib, trackDirtyPages, kernel, bootArgs, drives, timing, BootSource.NONE);
    }

    /** boot-source's kernel_image_path and initrd_path (null when none was named). */
    public record BootSource(String kernelImagePath, String initrdPath) {
        public static final BootSource NONE = new BootSource(null, null);
    }

    public static VmConfig of(byte[] kernel, String bootArgs) {
        return new VmConfig(DEFAULT_VCPUS, DEFAULT_MEM_MIB, false, kernel, bootArgs, List.of(), Timing.DEFAULT);
    }

    public VmConfig withVcpus(int n) {
        return new VmConfig(n, memSizeMib, trackDirtyPages, kernel, bootArgs, drives, timing, bootSource);
    }

    public VmConfig withMemory(long mib) {
        return new VmConfig(vcpuCount, mib, trackDirtyPages, kernel, bootArgs, drives, timing, bootSource);
    }

    public VmConfig withDirtyTracking(boolean on) {
        return new VmConfig(vcpuCount, memSizeMib, on, kernel, bootArgs, drives, timing, bootSource);
    }

    public VmConfig withDrives(List<Drive> d) {
        return new VmConfig(vcpuCount, memSizeMib, trackDirtyPages, kernel, bootArgs, d, timing, bootSource);
    }

    public VmConfig withTiming(Timing t) {
        return new VmConfig(vcpuCount, memSizeMib, trackDirtyPages, kernel, bootArgs, drives, t, bootSource);
    }

    /** A drive (PUT /drives/{id}): its id, backing image, root flag, rate limiter, engine, cache type. */
    public record Drive(String id, DiskImage disk, boolean root, Limiter limiter, Block.Engine engine,
                        long asyncLatencyNs, boolean writebackCache) {

        public static Drive of(String id, DiskImage disk) {
            return new Drive(id, disk, false, Limiter.NONE, Block.Engine.SYNC, 0, false);
        }

        public Drive withEngine(Block.Engine e, long latencyNs) {
            return new Drive(id, disk, root, limiter, e, latencyNs, writebackCache);
        }

        public Drive withLimiter(Limiter l) {
            return new Drive(id, disk, root, l, engine, asyncLatencyNs, writebackCache);
        }

        public Drive asRoot() {
            return new Drive(id, disk, true, limiter, engine, asyncLatencyNs, writebackCache);
        }
    }

    /** A rate limiter's two buckets (null = no limit on that token type). */
    public record Limiter(Bucket bandwidth, Bucket ops) {
        public static final Limiter NONE = new Limiter(null, null);
    }

    /** TokenBucket: size, one_time_burst, refill_time (ms). */
    public record Bucket(long size, long oneTimeBurst, long refillTimeMs) {
    }
}
