package org.sysmodels.vcpu.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sysmodels.vcpu.host.disk.FileDisk;
import org.sysmodels.vcpu.model.vmm.ConsoleLog;
import org.sysmodels.vcpu.model.vmm.MicrovmState;
import org.sysmodels.vcpu.model.vmm.Observers;
import org.sysmodels.vcpu.model.vmm.VmConfig;
import org.sysmodels.vcpu.model.vmm.Vmm;
import org.sysmodels.vcpu.model.vmm.VmmError;
import org.sysmodels.vcpu.model.vmm.VmmParts;

/**
 * The VMM's answers before the microVM starts: Firecracker's {@code PrebootApiController} ({@code rpc_interface.rs}
 * {@code handle_preboot_request}). It configures the {@link VmResources}, starts the microVM
 * ({@code build_and_boot_microvm}: a failure is an answer and the process goes on serving) or loads it from a
 * snapshot (only on a fresh process: not after a boot-specific resource; a failure after parsing ends the process,
 * {@code fatal_error}), and refuses what needs a running microVM with "not supported before starting".
 */
final class PrebootApiController {

    private final ApiController api;
    private final VmResources resources;

    PrebootApiController(ApiController api, VmResources resources) {
        this.api = api;
        this.resources = resources;
    }

    ApiController.Response handle(VmmAction action) throws ApiFault {
        switch (action) {
            case VmmAction.ConfigureBootSource a -> resources.configureBootSource(a.config());
            case VmmAction.PutMachineConfiguration a -> resources.putMachineConfig(a.config());
            case VmmAction.UpdateMachineConfiguration a -> resources.updateMachineConfig(a.config());
            case VmmAction.InsertBlockDevice a -> resources.insertBlockDevice(a.id(), a.config());
            case VmmAction.InsertNetworkDevice a -> resources.insertNetworkDevice(a.id(), a.config());
            case VmmAction.ConfigureLogger a -> resources.configureLogger(a.config());
            case VmmAction.ConfigureMetrics a -> resources.configureMetrics(a.config());
            case VmmAction.StartMicroVm a -> start();
            case VmmAction.LoadSnapshot a -> loadSnapshot(a);
            default -> throw new ApiFault(ApiController.PRE_BOOT);
        }
        return ApiController.Response.noContent();
    }

    /** StartMicroVm: build_and_boot_microvm. A failure is an answer; the process goes on serving. */
    private void start() throws ApiFault {
        if (resources.bootSource() == null) {
            throw new ApiFault("Start microvm error: Cannot start microvm without kernel configuration.");
        }
        byte[] kernel;
        try {
            kernel = Files.readAllBytes(Path.of((String) resources.bootSource().get("kernel_image_path")));
        } catch (IOException e) {
            throw new ApiFault("Start microvm error: System configuration error: Cannot copy kernel file fd");
        }
        VmConfig config = resources.vmConfig(kernel, api.timing);
        api.console = new ConsoleLog(api.platform.clock(), api.consoleTee);
        try {
            api.vmm = Vmm.boot(config, api.platform, VmmParts.REFERENCE, api.console, Observers.NONE);
        } catch (VmmError e) {
            api.console = null;
            throw new ApiFault("Start microvm error: " + e.getMessage());
        }
    }

    private static final String RESTORE = "Load snapshot error: Failed to restore from snapshot: ";
    /** persist.rs: RestoreFromSnapshotError::File, then SnapshotStateFromFileError's Open or Load. */
    private static final String STATE = RESTORE + "Failed to get snapshot state from file: ";
    private static final String STATE_OPEN = STATE + "Failed to open snapshot file: ";
    /** persist.rs: RestoreFromSnapshotError::GuestMemory(File(GuestMemoryFromFileError::File(io::Error))). */
    private static final String MEMORY_OPEN = RESTORE + "Failed to load guest memory: Error creating guest memory "
            + "from file: Failed to load guest memory: ";

    private void loadSnapshot(VmmAction.LoadSnapshot load) throws ApiFault {
        if (resources.bootPath()) {
            throw new ApiFault("Load snapshot error: Loading a microVM snapshot not allowed after configuring "
                    + "boot-specific resources.");
        }
        boolean dirty = Boolean.TRUE.equals(load.config().get("track_dirty_pages"))
                || Boolean.TRUE.equals(load.config().get("enable_diff_snapshots"));
        try {
            Path statePath = ApiController.hostPath(load.config().get("snapshot_path"), STATE_OPEN);
            MicrovmState state;
            try {
                state = SnapshotFiles.readState(statePath);
            } catch (IOException e) {
                throw new ApiFault(ApiController.isOpenFailure(e) ? STATE_OPEN + ApiController.osError(e, statePath)
                        : STATE + "Failed to load snapshot state from file: " + e.getMessage());
            }
            Path memPath = ApiController.hostPath(load.memPath(), MEMORY_OPEN);
            Vmm.Snapshot s;
            try {
                s = SnapshotFiles.readMemory(state, memPath);
            } catch (IOException e) {
                throw new ApiFault(ApiController.isOpenFailure(e) ? MEMORY_OPEN + ApiController.osError(e, memPath)
                        : RESTORE + e.getMessage());
            }
            api.console = new ConsoleLog(api.platform.clock(), api.consoleTee);
            api.vmm = Vmm.restore(s, api.platform, VmmParts.REFERENCE, api.console, b -> {
                try {
                    return b.path() == null ? null : FileDisk.open(Path.of(b.path()), b.readOnly());
                } catch (IOException e) {
                    return null;
                }
            }, api.timing, dirty, Observers.NONE);
            resources.restoredFrom(api.vmm, load.config(), dirty);
            if (Boolean.TRUE.equals(load.config().get("resume_vm"))) {
                api.vmm.resumeVm();
            }
        } catch (VmmError e) {
            api.fatal = RESTORE + e.getMessage();
            throw new ApiFault(api.fatal);
        } catch (ApiFault f) {
            api.fatal = f.getMessage();
            throw f;
        }
    }
}
