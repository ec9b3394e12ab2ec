package org.sysmodels.vcpu.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import org.sysmodels.vcpu.host.disk.FileDisk;
import org.sysmodels.vcpu.model.devices.ratelimit.TokenBucket;
import org.sysmodels.vcpu.model.devices.virtio.DiskImage;
import org.sysmodels.vcpu.model.vmm.Vmm;
import org.sysmodels.vcpu.model.vmm.VmmError;

/**
 * The VMM's answers once the microVM runs: Firecracker's {@code RuntimeApiController} ({@code rpc_interface.rs}
 * {@code handle_request}). Pause and resume, full and diff snapshots, a drive's rate limiter or backing path
 * updated, a network interface checked, metrics flushed; PUT /drives, /network-interfaces and DELETE answer "PCI is
 * not enabled" (hot-plug without --enable-pci, as on Firecracker main); every pre-boot action is refused with "not
 * supported after starting".
 */
final class RuntimeApiController {

    private final ApiController api;
    private final VmResources resources;

    RuntimeApiController(ApiController api, VmResources resources) {
        this.api = api;
        this.resources = resources;
    }

    ApiController.Response handle(VmmAction action) throws ApiFault {
        Vmm vmm = api.vmm;
        switch (action) {
            case VmmAction.InsertBlockDevice a -> throw new ApiFault("PCI is not enabled");
            case VmmAction.InsertNetworkDevice a -> throw new ApiFault("PCI is not enabled");
            case VmmAction.HotUnplugDevice a -> throw new ApiFault("PCI is not enabled");
            case VmmAction.UpdateBlockDevice a -> updateBlockDevice(vmm, a.id(), a.config());
            case VmmAction.UpdateNetworkInterface a -> {
                if (!resources.hasNetworkInterface(a.id())) {
                    throw new ApiFault("Internal VMM error: Failed perform action on device: Device not found");
                }
            }
            case VmmAction.Pause a -> pauseOrResume(vmm, true);
            case VmmAction.Resume a -> pauseOrResume(vmm, false);
            case VmmAction.CreateSnapshot a -> createSnapshot(vmm, a.config());
            case VmmAction.FlushMetrics a -> flushMetrics(vmm);
            default -> throw new ApiFault(ApiController.POST_BOOT);
        }
        return ApiController.Response.noContent();
    }

    private static final String PATCH_FAULT = "Drive config error: Unable to patch the block device: ";
    private static final String PATCH_HINT = " Please verify the request arguments.";

    /**
     * PATCH /drives after start ({@code rpc_interface.rs} {@code update_block_device}): a new path_on_host is opened
     * (read-only if the drive is) and swapped into the running device, which takes the new capacity and tells the
     * guest ({@code lib.rs} {@code update_block_device_path}, {@link org.sysmodels.vcpu.model.devices.virtio.Block
     * #updateDiskImage}); then the rate limiter is updated. A body with neither is a vhost-user update, which a
     * virtio block device refuses.
     */
    private void updateBlockDevice(Vmm vmm, String id, Map<String, Object> cfg) throws ApiFault {
        Vmm.BlockDevice dev = vmm.blocks().stream().filter(b -> b.block().id().equals(id)).findFirst()
                .orElseThrow(() -> new ApiFault(PATCH_FAULT + "Failed perform action on device: Device not found"
                        + PATCH_HINT));
        if (cfg.get("path_on_host") == null && cfg.get("rate_limiter") == null) {
            throw new ApiFault(PATCH_FAULT + "Block: Running method expected different backend." + PATCH_HINT);
        }
        if (cfg.get("path_on_host") != null) {
            swapDisk(dev, (String) cfg.get("path_on_host"));
            resources.updateDrive(id, "path_on_host", cfg.get("path_on_host"));
        }
        if (cfg.get("rate_limiter") != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> rl = (Map<String, Object>) cfg.get("rate_limiter");
            long now = vmm.now();
            synchronized (dev.transport()) {
                dev.block().rateLimiter().update(bucket(rl.get("bandwidth"), now), bucket(rl.get("ops"), now));
            }
            resources.updateDrive(id, "rate_limiter", rl);
        }
    }

    /** DiskProperties::update: open the new file as the device opens its disk, then the device takes it. */
    private static void swapDisk(Vmm.BlockDevice dev, String path) throws ApiFault {
        String fault = PATCH_FAULT + "Block: Virtio backend error: Error manipulating the backing file: ";
        Path file;
        try {
            file = ApiController.hostPath(path, fault);
        } catch (ApiFault f) {
            throw new ApiFault(f.getMessage() + " " + path + PATCH_HINT);
        }
        DiskImage old = dev.block().disk();
        DiskImage disk;
        try {
            disk = FileDisk.open(file, old.readOnly());
        } catch (IOException e) {
            throw new ApiFault(fault + ApiController.osError(e, file) + " " + path + PATCH_HINT);
        }
        synchronized (dev.transport()) {
            dev.block().updateDiskImage(disk);
        }
        if (old instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // the old file is dropped as Firecracker drops its File: a failed close is not the request's error
            }
        }
    }

    private static TokenBucket bucket(Object o, long now) {
        if (!(o instanceof Map<?, ?> m) || m.get("size") == null || ((Long) m.get("size")) == 0
                || ((Long) m.get("refill_time")) == 0) {
            return null;
        }
        long burst = m.get("one_time_burst") == null ? 0 : (Long) m.get("one_time_burst");
        return new TokenBucket((Long) m.get("size"), burst, (Long) m.get("refill_time"), now);
    }

    private static void pauseOrResume(Vmm vmm, boolean pause) throws ApiFault {
        try {
            if (pause) {
                vmm.pauseVm();
            } else {
                vmm.resumeVm();
            }
        } catch (VmmError e) {
            throw new ApiFault("Internal VMM error: " + e.getMessage());
        }
    }

    private static void createSnapshot(Vmm vmm, Map<String, Object> cfg) throws ApiFault {
        boolean full = !"Diff".equals(cfg.get("snapshot_type"));
        Vmm.Snapshot s;
        try {
            s = vmm.createSnapshot(full);
        } catch (VmmError e) {
            throw new ApiFault("Create snapshot error: Cannot save the microVM state: " + e.getMessage());
        }
        // persist.rs CreateSnapshotError: SnapshotBackingFile("open", err), then vm.rs MemoryBackingFile("open", err)
        String stateFault = "Create snapshot error: Cannot perform open on the snapshot backing file: ";
        String memoryFault = "Create snapshot error: Cannot perform open on the memory backing file: ";
        Path statePath = ApiController.hostPath(cfg.get("snapshot_path"), stateFault);
        try {
            SnapshotFiles.writeState(s, statePath);
        } catch (IOException e) {
            throw new ApiFault(stateFault + ApiController.osError(e, statePath));
        }
        Path memPath = ApiController.hostPath(cfg.get("mem_file_path"), memoryFault);
        try {
            SnapshotFiles.writeMemory(s.memory(), memPath);
        } catch (IOException e) {
            throw new ApiFault(memoryFault + ApiController.osError(e, memPath));
        }
    }

    private void flushMetrics(Vmm vmm) throws ApiFault {
        Map<String, Object> metrics = resources.metrics();
        if (metrics != null) {
            ObjectNode n = Json.mapper().createObjectNode();
            n.put("utc_timestamp_ms", Instant.now().toEpochMilli());
            n.put("api_requests", api.requests());
            n.put("guest_instructions", vmm.kvm().vcpu(0).hart().instret);
            n.put("serial_bytes", api.console.size());
            try {
                Files.writeString(Path.of((String) metrics.get("metrics_path")), n + "\n", StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new ApiFault("Internal VMM error: Metrics error: " + e.getMessage());
            }
        }
    }
}
