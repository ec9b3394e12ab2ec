package org.sysmodels.vcpu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.vcpu.host.guest.Guests;

/**
 * GET /vm/config after PUT /snapshot/load shows the restored microVM, as Firecracker rebuilds its VmResources from
 * the snapshot ({@code persist.rs} {@code restore_from_snapshot}, {@code builder.rs}
 * {@code build_microvm_from_snapshot}, {@code device_manager/persist.rs}): the vCPU count of the saved vCPUs, the
 * memory size and boot source of vm_info, track_dirty_pages from the load request, and each restored drive.
 */
class ApiSnapshotLoadConfigTest {

    @TempDir
    Path dir;

    @Test
    void getVmConfigAfterLoadShowsTheRestoredMachine() throws Exception {
        Path kernel = Files.write(dir.resolve("idle.elf"), Guests.get("idle").elf());
        Path rootfs = Files.write(dir.resolve("rootfs.ext4"), new byte[4096]);
        Path state = dir.resolve("vm.state");
        Path mem = dir.resolve("vm.mem");
        JsonNode saved;
        try (ApiHarness h = new ApiHarness()) {
            h.expect("PUT", "/machine-config", "{\"vcpu_count\": 2, \"mem_size_mib\": 64}", 204, null);
            h.expect("PUT", "/boot-source", "{\"kernel_image_path\": \"" + kernel + "\", \"boot_args\": "
                    + "\"console=ttyS0 reboot=k panic=1\"}", 204, null);
            h.expect("PUT", "/drives/rootfs", "{\"drive_id\": \"rootfs\", \"path_on_host\": \"" + rootfs + "\", "
                    + "\"is_root_device\": true, \"is_read_only\": true, \"cache_type\": \"Writeback\", "
                    + "\"rate_limiter\": {\"ops\": {\"size\": 100, \"refill_time\": 1000}}}", 204, null);
            saved = Json.mapper().readTree(h.expect("GET", "/vm/config", null, 200, null));
            h.expect("PUT", "/actions", "{\"action_type\": \"InstanceStart\"}", 204, null);
            h.expect("PATCH", "/vm", "{\"state\": \"Paused\"}", 204, null);
            h.expect("PUT", "/snapshot/create", "{\"snapshot_path\": \"" + state + "\", \"mem_file_path\": \""
                    + mem + "\"}", 204, null);
        }
        try (ApiHarness h = new ApiHarness()) {
            h.expect("PUT", "/snapshot/load", "{\"snapshot_path\": \"" + state + "\", \"mem_file_path\": \"" + mem
                    + "\", \"track_dirty_pages\": true}", 204, null);
            JsonNode loaded = Json.mapper().readTree(h.expect("GET", "/vm/config", null, 200, null));
            JsonNode machine = loaded.get("machine-config");
            assertEquals(2, machine.get("vcpu_count").asInt(), loaded.toString());
            assertEquals(64, machine.get("mem_size_mib").asLong(), loaded.toString());
            assertEquals(true, machine.get("track_dirty_pages").asBoolean(), "from the load request");
            assertEquals(saved.get("boot-source"), loaded.get("boot-source"));
            JsonNode drive = loaded.get("drives").get(0);
            JsonNode savedDrive = saved.get("drives").get(0);
            for (String f : new String[] {"drive_id", "is_root_device", "cache_type", "is_read_only",
                "path_on_host", "io_engine"}) {
                assertEquals(savedDrive.get(f), drive.get(f), f + " in " + loaded);
            }
            assertEquals(100, drive.at("/rate_limiter/ops/size").asLong(), loaded.toString());
            assertEquals(1000, drive.at("/rate_limiter/ops/refill_time").asLong(), loaded.toString());
            h.expect("GET", "/machine-config", null, 200, "\"vcpu_count\":2,\"mem_size_mib\":64");
        }
    }
}
