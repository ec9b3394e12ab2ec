package org.sysmodels.vcpu.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sysmodels.vcpu.host.disk.FileDisk;
import org.sysmodels.vcpu.model.devices.ratelimit.RateLimiter;
import org.sysmodels.vcpu.model.devices.ratelimit.TokenBucket;
import org.sysmodels.vcpu.model.devices.virtio.Block;
import org.sysmodels.vcpu.model.devices.virtio.DiskImage;
import org.sysmodels.vcpu.model.kvm.Timing;
import org.sysmodels.vcpu.model.vmm.VmConfig;
import org.sysmodels.vcpu.model.vmm.Vmm;

/**
 * The microVM as configured before it starts: Firecracker's {@code VmResources} ({@code resources.rs}) with the
 * checks of each resource's builder (boot source, machine configuration, drives, network interfaces, logger,
 * metrics) and their error texts, the answers of GET /machine-config and GET /vm/config, and the {@link VmConfig}
 * InstanceStart builds from it. {@code boot_path} records that a boot-specific resource was configured, after which
 * LoadSnapshot is refused ({@code rpc_interface.rs}). Used only on the VMM thread, except the two GET answers.
 */
final class VmResources {

    /** A drive as configured: its body as stored (for GET /vm/config) and the opened backing file. */
    record Drive(Map<String, Object> config, DiskImage disk) {
        boolean root() {
            return Boolean.TRUE.equals(config.get("is_root_device"));
        }
    }

    private int vcpuCount = VmConfig.DEFAULT_VCPUS;
    private long memSizeMib = VmConfig.DEFAULT_MEM_MIB;
    private boolean smt;
    private boolean trackDirtyPages;
    private String hugePages = "None";
    private Map<String, Object> bootSource;
    private final LinkedHashMap<String, Drive> drives = new LinkedHashMap<>();
    private final LinkedHashMap<String, Map<String, Object>> netIfaces = new LinkedHashMap<>();
    private Map<String, Object> logger;
    private Map<String, Object> metrics;
    private boolean bootPath;

    boolean bootPath() {
        return bootPath;
    }

    Map<String, Object> bootSource() {
        return bootSource;
    }

    Map<String, Object> logger() {
        return logger;
    }

    Map<String, Object> metrics() {
        return metrics;
    }

    /** PATCH /drives after start: one field of drive {@code id}'s stored body, as GET /vm/config shows it. */
    void updateDrive(String id, String field, Object value) {
        Drive d = drives.get(id);
        if (d != null) {
            d.config().put(field, value);
        }
    }

    boolean hasNetworkInterface(String id) {
        return netIfaces.containsKey(id);
    }

    // ------------------------------------------------------------------ boot source (boot_source.rs)

    void configureBootSource(Map<String, Object> cfg) throws ApiFault {
        bootPath = true;
        String kernelFault = "Boot source error: The kernel file cannot be opened: ";
        Path kernel = ApiController.hostPath(cfg.get("kernel_image_path"), kernelFault);
        if (!Files.isReadable(kernel) || Files.isDirectory(kernel)) {
            throw new ApiFault(kernelFault + ApiController.osError(kernel));
        }
        Object initrd = cfg.get("initrd_path");
        String initrdFault = "Boot source error: The initrd file cannot be opened due to invalid path or invalid "
                + "permissions. ";
        if (initrd != null && !Files.isReadable(ApiController.hostPath(initrd, initrdFault))) {
            throw new ApiFault(initrdFault + ApiController.osError(Path.of((String) initrd)));
        }
        Object args = cfg.get("boot_args");
        if (args != null) {
            String a = (String) args;
            if (a.length() >= 2048) {
                throw new ApiFault("Boot source error: The kernel command line is invalid: Command line string too "
                        + "large");
            }
            for (char c : a.toCharArray()) {
                if (c < 0x20 || c > 0x7e) {
                    throw new ApiFault("Boot source error: The kernel command line is invalid: String contains an "
                            + "invalid character");
                }
            }
        }
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("kernel_image_path", cfg.get("kernel_image_path"));
        stored.put("initrd_path", cfg.get("initrd_path"));
        stored.put("boot_args", cfg.get("boot_args"));
        bootSource = stored;
    }

    // ------------------------------------------------------------------ machine configuration (machine_config.rs)

    /** PUT: every field from the body (serde defaults for the optional ones). */
    void putMachineConfig(Map<String, Object> cfg) throws ApiFault {
        bootPath = true;
        applyMachineConfig(((Number) cfg.get("vcpu_count")).intValue(), (Long) cfg.get("mem_size_mib"),
                (Boolean) cfg.getOrDefault("smt", false), (Boolean) cfg.getOrDefault("track_dirty_pages", false),
                (String) cfg.getOrDefault("huge_pages", "None"));
    }

    /** PATCH: the fields given, the others as they are. */
    void updateMachineConfig(Map<String, Object> cfg) throws ApiFault {
        bootPath = true;
        applyMachineConfig(cfg.get("vcpu_count") == null ? vcpuCount : ((Number) cfg.get("vcpu_count")).intValue(),
                cfg.get("mem_size_mib") == null ? memSizeMib : (Long) cfg.get("mem_size_mib"),
                cfg.get("smt") == null ? smt : (Boolean) cfg.get("smt"),
                cfg.get("track_dirty_pages") == null ? trackDirtyPages : (Boolean) cfg.get("track_dirty_pages"),
                cfg.get("huge_pages") == null ? hugePages : (String) cfg.get("huge_pages"));
    }

    private void applyMachineConfig(int vcpus, long mib, boolean newSmt, boolean dirty, String huge) throws ApiFault {
        if (vcpus == 0 || vcpus > VmConfig.MAX_VCPUS || (newSmt && vcpus > 1 && vcpus % 2 == 1)) {
            throw new ApiFault("Machine config error: The number of vCPUs must be greater than 0, less than 32 and "
                    + "must be 1 or an even number if SMT is enabled.");
        }
        if (mib == 0 || (!huge.equals("None") && mib % 2 != 0)) {
            throw new ApiFault("Machine config error: The memory size (MiB) is either 0, or not a multiple of the "
                    + "configured page size.");
        }
        if (mib > VmConfig.MAX_MEM_MIB) {
            throw new ApiFault("Machine config error: this simulator keeps guest memory in 4 KiB pages on the Java "
                    + "heap and takes at most " + VmConfig.MAX_MEM_MIB + " MiB");
        }
        vcpuCount = vcpus;
        memSizeMib = mib;
        smt = newSmt;
        trackDirtyPages = dirty;
        hugePages = huge;
    }

    // ------------------------------------------------------------------ drives (drive.rs) and network (net.rs)

    /** A drive added or replaced; the root drive is kept first in the list ({@code vmm_config/drive.rs}). */
    void insertBlockDevice(String id, Map<String, Object> cfg) throws ApiFault {
        bootPath = true;
        boolean root = (Boolean) cfg.get("is_root_device");
        Drive existing = drives.get(id);
        boolean hasRoot = drives.values().stream().anyMatch(Drive::root);
        if (root && hasRoot && (existing == null || !existing.root())) {
            throw new ApiFault("Drive config error: A root block device already exists!");
        }
        Object path = cfg.get("path_on_host");
        if (path == null) {
            throw new ApiFault("Drive config error: Unable to create the virtio block device: path_on_host is "
                    + "needed for a virtio block device (vhost-user drives are not modelled)");
        }
        String fault = "Drive config error: Unable to create the virtio block device: Virtio backend error: Error "
                + "manipulating the backing file: ";
        Path file;
        try {
            file = ApiController.hostPath(path, fault);
        } catch (ApiFault f) {
            throw new ApiFault(f.getMessage() + " " + path);
        }
        DiskImage disk;
        try {
            disk = FileDisk.open(file, Boolean.TRUE.equals(cfg.get("is_read_only")));
        } catch (IOException e) {
            throw new ApiFault(fault + ApiController.osError(e, file) + " " + path);
        }
        Map<String, Object> stored = new LinkedHashMap<>();
        for (String k : List.of("drive_id", "partuuid", "is_root_device", "cache_type", "is_read_only",
                "path_on_host", "rate_limiter", "io_engine", "socket")) {
            stored.put(k, cfg.get(k));
        }
        if (stored.get("cache_type") == null) {
            stored.put("cache_type", "Unsafe");
        }
        if (stored.get("io_engine") == null) {
            stored.put("io_engine", "Sync");
        }
        LinkedHashMap<String, Drive> reordered = new LinkedHashMap<>();
        Drive d = new Drive(stored, disk);
        if (root) {
            reordered.put(id, d);
        }
        drives.forEach((k, v) -> {
            if (!k.equals(id)) {
                reordered.put(k, v);
            }
        });
        if (!root) {
            reordered.put(id, d);
        }
        drives.clear();
        drives.putAll(reordered);
    }

    /**
     * A network interface recorded (no tap is opened); no two may share a guest MAC (the address, not its spelling:
     * the body's guest_mac is already MacAddr's Display). {@code vmm_config/net.rs} {@code NetBuilder::build}:
     * "The MAC address is already in use: {mac}", as {@code VmmActionError::NetworkConfig}.
     */
    void insertNetworkDevice(String id, Map<String, Object> cfg) throws ApiFault {
        bootPath = true;
        Object mac = cfg.get("guest_mac");
        if (mac != null) {
            for (Map.Entry<String, Map<String, Object>> e : netIfaces.entrySet()) {
                if (!e.getKey().equals(id) && mac.equals(e.getValue().get("guest_mac"))) {
                    throw new ApiFault("Network config error: The MAC address is already in use: " + mac);
                }
            }
        }
        Map<String, Object> stored = new LinkedHashMap<>();
        for (String k : List.of("iface_id", "host_dev_name", "guest_mac", "mtu", "rx_rate_limiter",
                "tx_rate_limiter")) {
            stored.put(k, cfg.get(k));
        }
        netIfaces.put(id, stored);
    }

    // ------------------------------------------------------------------ logger and metrics (not boot-specific)

    void configureLogger(Map<String, Object> cfg) throws ApiFault {
        Object path = cfg.get("log_path");
        if (path != null) {
            String fault = "Logger error: Failed to open target file: ";
            Path file = ApiController.hostPath(path, fault);
            try {
                Files.writeString(file, "", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new ApiFault(fault + ApiController.osError(e, file));
            }
        }
        logger = new LinkedHashMap<>(cfg);
    }

    void configureMetrics(Map<String, Object> cfg) throws ApiFault {
        String fault = "Metrics error: Cannot open the metrics file: ";
        Path path = ApiController.hostPath(cfg.get("metrics_path"), fault);
        try {
            Files.writeString(path, "", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new ApiFault(fault + ApiController.osError(e, path));
        }
        metrics = new LinkedHashMap<>(cfg);
    }

    // ------------------------------------------------------------------ what GET answers, what InstanceStart builds

    ObjectNode machineConfig() {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("vcpu_count", vcpuCount);
        n.put("mem_size_mib", memSizeMib);
        n.put("smt", smt);
        n.put("track_dirty_pages", trackDirtyPages);
        n.put("huge_pages", hugePages);
        return n;
    }

    /** GET /vm/config: the whole configuration, in Firecracker's field order. */
    String fullConfig() {
        ObjectNode n = Json.mapper().createObjectNode();
        n.putNull("balloon");
        ArrayNode d = n.putArray("drives");
        drives.values().forEach(x -> d.add(Json.mapper().valueToTree(x.config())));
        n.set("boot-source", bootSource == null ? Json.mapper().createObjectNode().put("kernel_image_path", "")
                .putNull("initrd_path").putNull("boot_args") : Json.mapper().valueToTree(bootSource));
        n.putNull("cpu-config");
        n.set("logger", logger == null ? null : Json.mapper().valueToTree(logger));
        n.set("machine-config", machineConfig());
        n.set("metrics", metrics == null ? null : Json.mapper().valueToTree(metrics));
        n.putNull("mmds-config");
        ArrayNode nets = n.putArray("network-interfaces");
        netIfaces.values().forEach(x -> nets.add(Json.mapper().valueToTree(x)));
        n.putNull("vsock");
        n.putNull("entropy");
        n.putArray("pmem");
        return n.toString();
    }

    /** The machine InstanceStart builds: this configuration with the kernel's bytes. */
    VmConfig vmConfig(byte[] kernel, Timing timing) {
        List<VmConfig.Drive> ds = new ArrayList<>();
        for (Drive d : drives.values()) {
            String id = (String) d.config().get("drive_id");
            @SuppressWarnings("unchecked")
            Map<String, Object> rl = (Map<String, Object>) d.config().get("rate_limiter");
            VmConfig.Limiter limiter = rl == null ? VmConfig.Limiter.NONE
                    : new VmConfig.Limiter(limiterBucket(rl.get("bandwidth")), limiterBucket(rl.get("ops")));
            ds.add(new VmConfig.Drive(id, d.disk(), d.root(), limiter,
                    "Async".equals(d.config().get("io_engine")) ? Block.Engine.ASYNC : Block.Engine.SYNC, 0,
                    "Writeback".equals(d.config().get("cache_type"))));
        }
        String args = (String) bootSource.get("boot_args");
        return new VmConfig(vcpuCount, memSizeMib, trackDirtyPages, kernel,
                args == null ? VmConfig.DEFAULT_BOOT_ARGS : args, ds, timing, new VmConfig.BootSource(
                (String) bootSource.get("kernel_image_path"), (String) bootSource.get("initrd_path")));
    }

    // ------------------------------------------------------------------ what a snapshot load restores

    /**
     * The configuration of a microVM loaded from a snapshot, as Firecracker rebuilds its VmResources
     * ({@code persist.rs} {@code restore_from_snapshot}: the machine configuration from the vCPU states and vm_info,
     * track_dirty_pages from the load request, huge_pages resolved against the snapshot's; {@code builder.rs}
     * {@code build_microvm_from_snapshot}: the boot source from vm_info; {@code device_manager/persist.rs}: each
     * restored block device added, its config read back from the device). SMT and huge pages are not in this
     * model's snapshot: they come back as false and "None".
     */
    void restoredFrom(Vmm vmm, Map<String, Object> load, boolean trackDirtyPages) {
        VmConfig c = vmm.config();
        vcpuCount = c.vcpuCount();
        memSizeMib = c.memSizeMib();
        smt = false;
        this.trackDirtyPages = trackDirtyPages;
        Object huge = load.get("huge_pages");
        hugePages = huge == null || "Snapshot".equals(huge) ? "None" : (String) huge;
        Map<String, Object> boot = new LinkedHashMap<>();
        boot.put("kernel_image_path", c.bootSource().kernelImagePath() == null ? ""
                : c.bootSource().kernelImagePath());
        boot.put("initrd_path", c.bootSource().initrdPath());
        boot.put("boot_args", c.bootArgs());
        bootSource = boot;
        drives.clear();
        for (Vmm.BlockDevice b : vmm.blocks()) {
            drives.put(b.block().id(), new Drive(restoredDrive(b), b.block().disk()));
        }
    }

    /** A restored block device's config, read back from the device ({@code VirtioBlock::config}). */
    private static Map<String, Object> restoredDrive(Vmm.BlockDevice b) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("drive_id", b.block().id());
        d.put("partuuid", null);
        d.put("is_root_device", b.drive().root());
        d.put("cache_type", b.drive().writebackCache() ? "Writeback" : "Unsafe");
        d.put("is_read_only", b.block().disk().readOnly());
        d.put("path_on_host", b.block().disk().path());
        RateLimiter l = b.block().rateLimiter();
        Map<String, Object> rl = new LinkedHashMap<>();
        rl.put("bandwidth", bucketConfig(l.bandwidth()));
        rl.put("ops", bucketConfig(l.ops()));
        d.put("rate_limiter", l.bandwidth() == null && l.ops() == null ? null : rl);
        d.put("io_engine", b.block().engine() == Block.Engine.ASYNC ? "Async" : "Sync");
        d.put("socket", null);
        return d;
    }

    /** TokenBucketConfig from a bucket ({@code vmm_config/mod.rs}): one_time_burst null when it was 0. */
    private static Map<String, Object> bucketConfig(TokenBucket t) {
        if (t == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("size", t.size());
        m.put("one_time_burst", t.initialOneTimeBurst() == 0 ? null : t.initialOneTimeBurst());
        m.put("refill_time", t.refillTimeMs());
        return m;
    }

    private static VmConfig.Bucket limiterBucket(Object o) {
        if (!(o instanceof Map<?, ?> m) || m.get("size") == null || ((Long) m.get("size")) == 0
                || ((Long) m.get("refill_time")) == 0) {
            return null;
        }
        return new VmConfig.Bucket((Long) m.get("size"),
                m.get("one_time_burst") == null ? 0 : (Long) m.get("one_time_burst"), (Long) m.get("refill_time"));
    }
}
