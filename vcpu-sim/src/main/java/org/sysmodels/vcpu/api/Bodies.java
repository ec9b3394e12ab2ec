package org.sysmodels.vcpu.api;

import static org.sysmodels.vcpu.api.Json.BOOL;
import static org.sysmodels.vcpu.api.Json.PATH;
import static org.sysmodels.vcpu.api.Json.STR;
import static org.sysmodels.vcpu.api.Json.U16;
import static org.sysmodels.vcpu.api.Json.U64;
import static org.sysmodels.vcpu.api.Json.U8;
import static org.sysmodels.vcpu.api.Json.USIZE;
import static org.sysmodels.vcpu.api.Json.dflt;
import static org.sysmodels.vcpu.api.Json.opt;
import static org.sysmodels.vcpu.api.Json.req;
import static org.sysmodels.vcpu.api.Json.variants;

import java.util.List;
import java.util.Locale;
import org.sysmodels.vcpu.api.Json.Schema;
import org.sysmodels.vcpu.api.Json.Type;

/**
 * The request bodies, field by field as Firecracker's structs declare them (src/vmm/src/vmm_config/*.rs,
 * src/firecracker/src/api_server/request/*.rs, logger/logging.rs): required fields, Option fields, serde defaults,
 * whether unknown fields are denied, PathBuf fields ("path string"), and enum variants in declaration order (serde
 * lists them in that order when it refuses one).
 */
final class Bodies {

    /** TokenBucketConfig: size, one_time_burst (Option), refill_time; not deny_unknown_fields. */
    static final Schema TOKEN_BUCKET = Schema.lenient("TokenBucketConfig", req("size", U64),
            opt("one_time_burst", U64), req("refill_time", U64));
    /** RateLimiterConfig: two optional buckets; strict. */
    static final Schema RATE_LIMITER = Schema.strict("RateLimiterConfig",
            opt("bandwidth", new Type.Struct(TOKEN_BUCKET)), opt("ops", new Type.Struct(TOKEN_BUCKET)));

    /** Firecracker's MacAddr ({@code utils/net/mac.rs}, its own Deserialize), kept as its Display writes it. */
    static final Type MAC = new Type.Custom(STR, MacAddress::canonical, "The provided MAC address is invalid.");

    static final Schema BOOT_SOURCE = Schema.strict("BootSourceConfig", req("kernel_image_path", STR),
            opt("initrd_path", STR), opt("boot_args", STR));

    static final Schema DRIVE = Schema.strict("BlockDeviceConfig", req("drive_id", STR), opt("partuuid", STR),
            req("is_root_device", BOOL), dflt("cache_type", variants("Unsafe", "Writeback")),
            opt("is_read_only", BOOL), opt("path_on_host", STR), opt("rate_limiter", new Type.Struct(RATE_LIMITER)),
            opt("io_engine", variants("Async", "Sync")), opt("socket", STR));

    static final Schema DRIVE_UPDATE = Schema.strict("BlockDeviceUpdateConfig", req("drive_id", STR),
            opt("path_on_host", STR), opt("rate_limiter", new Type.Struct(RATE_LIMITER)));

    static final Schema MACHINE_CONFIG = Schema.strict("MachineConfig", req("vcpu_count", U8),
            req("mem_size_mib", USIZE), dflt("smt", BOOL), opt("cpu_template", variants("C3", "T2", "T2S", "T2CL",
                    "T2A", "V1N1", "None")), dflt("track_dirty_pages", BOOL),
            dflt("huge_pages", variants("None", "Transparent", "2M")));

    static final Schema MACHINE_CONFIG_UPDATE = Schema.strict("MachineConfigUpdate", opt("vcpu_count", U8),
            opt("mem_size_mib", USIZE), opt("smt", BOOL), opt("cpu_template", variants("C3", "T2", "T2S", "T2CL",
                    "T2A", "V1N1", "None")), opt("track_dirty_pages", BOOL),
            opt("huge_pages", variants("None", "Transparent", "2M")));

    static final Schema NET = Schema.strict("NetworkInterfaceConfig", req("iface_id", STR),
            req("host_dev_name", STR), opt("guest_mac", MAC), opt("mtu", U16),
            opt("rx_rate_limiter", new Type.Struct(RATE_LIMITER)), opt("tx_rate_limiter", new Type.Struct(RATE_LIMITER)));

    static final Schema NET_UPDATE = Schema.strict("NetworkInterfaceUpdateConfig", req("iface_id", STR),
            opt("rx_rate_limiter", new Type.Struct(RATE_LIMITER)), opt("tx_rate_limiter", new Type.Struct(RATE_LIMITER)));

    /**
     * Firecracker's LevelFilter ({@code logger/logging.rs}, its own Deserialize): a string, case-insensitive, "Warn"
     * too; anything else is the custom error "Invalid LevelFilter".
     */
    static final Type LEVEL = new Type.Custom(STR, v -> List.of("off", "trace", "debug", "info", "warn", "warning",
            "error").contains(((String) v).toLowerCase(Locale.ROOT)) ? v : null, "Invalid LevelFilter");

    static final Schema LOGGER = Schema.strict("LoggerConfig", opt("log_path", PATH), opt("level", LEVEL),
            opt("show_level", BOOL), opt("show_log_origin", BOOL), opt("module", STR));

    /** MetricsConfig: not deny_unknown_fields at Firecracker main. */
    static final Schema METRICS = Schema.lenient("MetricsConfig", req("metrics_path", PATH), dflt("emit_id", BOOL),
            opt("properties", new Type.AnyObject()));

    static final Schema ACTION = Schema.strict("ActionBody", req("action_type",
            variants("FlushMetrics", "InstanceStart", "SendCtrlAltDel")));

    static final Schema VM = Schema.strict("Vm", req("state", variants("Paused", "Resumed")));

    static final Schema SNAPSHOT_CREATE = Schema.strict("CreateSnapshotParams",
            dflt("snapshot_type", variants("Diff", "Full")), req("snapshot_path", PATH), req("mem_file_path", PATH));

    static final Schema MEM_BACKEND = Schema.strict("MemBackendConfig", req("backend_path", PATH),
            req("backend_type", variants("File", "Uffd")));

    static final Schema SNAPSHOT_LOAD = Schema.strict("LoadSnapshotConfig", req("snapshot_path", PATH),
            opt("mem_file_path", PATH), opt("mem_backend", new Type.Struct(MEM_BACKEND)),
            dflt("enable_diff_snapshots", BOOL), dflt("track_dirty_pages", BOOL), dflt("resume_vm", BOOL),
            dflt("network_overrides", new Type.Vec(new Type.AnyObject())), opt("vsock_override", new Type.AnyObject()),
            dflt("clock_realtime", BOOL), dflt("huge_pages", variants("Snapshot", "None", "Transparent", "2M")));

    private Bodies() {
    }
}
