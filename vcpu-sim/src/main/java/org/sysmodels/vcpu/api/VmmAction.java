package org.sysmodels.vcpu.api;

import java.util.Map;

/**
 * What a parsed request asks of the VMM: Firecracker's {@code VmmAction} ({@code rpc_interface.rs}), for the
 * resources this model has. {@link ParsedRequest} makes one from a request; {@link ApiController} answers the two
 * reads the API thread answers itself and hands every other one to the VMM thread, where
 * {@link PrebootApiController} handles it before the microVM starts and {@link RuntimeApiController} after. A body is
 * kept as parsed ({@link Json#parse}, checked against its schema in {@link Bodies}).
 */
sealed interface VmmAction {

    /** GET /version. */
    record GetVmmVersion() implements VmmAction {
    }

    /** GET /machine-config. */
    record GetVmMachineConfig() implements VmmAction {
    }

    /** GET /. */
    record GetVmInstanceInfo() implements VmmAction {
    }

    /** GET /vm/config. */
    record GetFullVmConfig() implements VmmAction {
    }

    /** PUT /boot-source. */
    record ConfigureBootSource(Map<String, Object> config) implements VmmAction {
    }

    /** PUT /machine-config: every field given (Firecracker turns it into UpdateMachineConfiguration). */
    record PutMachineConfiguration(Map<String, Object> config) implements VmmAction {
    }

    /** PATCH /machine-config: the fields given replace the current ones. */
    record UpdateMachineConfiguration(Map<String, Object> config) implements VmmAction {
    }

    /** PUT /drives/{id}. */
    record InsertBlockDevice(String id, Map<String, Object> config) implements VmmAction {
    }

    /** PATCH /drives/{id}. */
    record UpdateBlockDevice(String id, Map<String, Object> config) implements VmmAction {
    }

    /** PUT /network-interfaces/{id}. */
    record InsertNetworkDevice(String id, Map<String, Object> config) implements VmmAction {
    }

    /** PATCH /network-interfaces/{id}. */
    record UpdateNetworkInterface(String id) implements VmmAction {
    }

    /** DELETE /drives|/network-interfaces|/pmem/{id}. */
    record HotUnplugDevice() implements VmmAction {
    }

    /** PUT /logger. */
    record ConfigureLogger(Map<String, Object> config) implements VmmAction {
    }

    /** PUT /metrics. */
    record ConfigureMetrics(Map<String, Object> config) implements VmmAction {
    }

    /** PUT /actions InstanceStart. */
    record StartMicroVm() implements VmmAction {
    }

    /** PUT /actions FlushMetrics. */
    record FlushMetrics() implements VmmAction {
    }

    /** PATCH /vm {"state": "Paused"}. */
    record Pause() implements VmmAction {
    }

    /** PATCH /vm {"state": "Resumed"}. */
    record Resume() implements VmmAction {
    }

    /** PUT /snapshot/create. */
    record CreateSnapshot(Map<String, Object> config) implements VmmAction {
    }

    /** PUT /snapshot/load; {@code memPath} from mem_file_path or mem_backend's backend_path. */
    record LoadSnapshot(Map<String, Object> config, String memPath) implements VmmAction {
    }
}
