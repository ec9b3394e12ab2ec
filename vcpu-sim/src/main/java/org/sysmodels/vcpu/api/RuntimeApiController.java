package org.sysmodels.vcpu.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import org.sysmodels.vcpu.model.devices.ratelimit.TokenBucket;
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

    private void updateBlockDevice(Vmm vmm, String id, Map<String, Object> cfg) throws ApiFault {
        Vmm.BlockDevice dev = vmm.blocks().stream().filter(b -> b.block().id().equals(id)).findFirst()
                .orElseThrow(() -> new ApiFault("Drive config error: Unable to patch the block device: Failed "
                        + "perform action on device: Device not found Please verify the request arguments."));
        if (cfg.get("rate_limiter") != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> rl = (Map<String, Object>) cfg.get("rate_limiter");
            long now = vmm.now();
            synchronized (dev.transport()) {
                dev.block().rateLimiter().update(bucket(rl.get("bandwidth"), now), bucket(rl.get("ops"), now));
            }
            resources.driveConfig(id).put("rate_limiter", rl);
        }
        if (cfg.get("path_on_host") != null) {
            resources.driveConfig(id).put("path_on_host", cfg.get("path_on_host"));
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
