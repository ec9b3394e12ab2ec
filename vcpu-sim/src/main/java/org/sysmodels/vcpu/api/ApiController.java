package org.sysmodels.vcpu.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.IntConsumer;
import org.sysmodels.vcpu.host.disk.FileDisk;
import org.sysmodels.vcpu.host.threads.ThreadPlatform;
import org.sysmodels.vcpu.model.devices.virtio.Block;
import org.sysmodels.vcpu.model.devices.virtio.DiskImage;
import org.sysmodels.vcpu.model.kvm.Timing;
import org.sysmodels.vcpu.model.vcpu.FcExitCode;
import org.sysmodels.vcpu.model.vmm.ConsoleLog;
import org.sysmodels.vcpu.model.vmm.Observers;
import org.sysmodels.vcpu.model.vmm.VmConfig;
import org.sysmodels.vcpu.model.vmm.VmState;
import org.sysmodels.vcpu.model.vmm.Vmm;
import org.sysmodels.vcpu.model.vmm.VmmError;
import org.sysmodels.vcpu.model.vmm.VmmParts;

/**
 * Firecracker's API, request by request: the routing of {@code parsed_request.rs} (every error a 400 with
 * {"fault_message": ...}, an unknown path or wrong method included), the body parsers of
 * {@code api_server/request/*.rs}, and the VMM's rules from {@code rpc_interface.rs}: what is refused before the
 * microVM starts, what is refused after, the machine configuration's limits, the root drive rule, LoadSnapshot only on
 * a fresh process, and every action carried out on the VMM thread while the API thread waits for the answer
 * ({@code serve_vmm_action_request}).
 *
 * <p>Departures, said here and in docs/vcpu.md: network interfaces are recorded, no tap is opened; PUT /drives and
 * /network-interfaces after start answer "PCI is not enabled" as Firecracker main does without --enable-pci;
 * SendCtrlAltDel is x86-only in Firecracker and refused here as on aarch64.
 */
public final class ApiController {

    public static final String VMM_VERSION = "1.17.0-dev (sysmodels vcpu-sim)";
    static final String PRE_BOOT = "The requested operation is not supported before starting the microVM.";
    static final String POST_BOOT = "The requested operation is not supported after starting the microVM.";

    /** An HTTP answer: status and body (null for 204). */
    public record Response(int status, String body) {
        static Response noContent() {
            return new Response(204, null);
        }

        static Response ok(String json) {
            return new Response(200, json);
        }

        static Response fault(String message) {
            return new Response(400, Json.faultMessage(message));
        }
    }

    private static final class Fault extends Exception {
        Fault(String message) {
            super(message, null, false, false);
        }
    }

    private final ThreadPlatform platform;
    private final String instanceId;
    private final IntConsumer consoleTee;
    private final Timing timing;

    // VmResources
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

    private volatile Vmm vmm;
    private volatile String fatal;
    private ConsoleLog console;
    private long requests;

    private record Drive(Map<String, Object> config, DiskImage disk) {
        boolean root() {
            return Boolean.TRUE.equals(config.get("is_root_device"));
        }
    }

    public ApiController(ThreadPlatform platform, String instanceId, IntConsumer consoleTee, Timing timing) {
        this.platform = platform;
        this.instanceId = instanceId;
        this.consoleTee = consoleTee;
        this.timing = timing;
    }

    /** The microVM once started (or loaded), else null. */
    public Vmm vmm() {
        return vmm;
    }

    /** Set when a snapshot load failed after parsing: Firecracker ends the process (fatal_error). */
    public String fatal() {
        return fatal;
    }

    public ConsoleLog console() {
        return console;
    }

    public long requests() {
        return requests;
    }

    // ------------------------------------------------------------------ routing (parsed_request.rs)

    /** One request; never throws. {@code body} is null when the request has none. */
    public Response handle(String method, String uri, byte[] body) {
        requests++;
        try {
            Response r = route(method, uri, body == null || body.length == 0 ? null
                    : new String(body, StandardCharsets.UTF_8));
            log("The API server received a " + method + " request on \"" + uri + "\"" + (r.status() >= 400
                    ? ". Status code: 400 Bad Request." : "."));
            return r;
        } catch (Fault f) {
            log("Received Error. Status code: 400 Bad Request. Message: " + f.getMessage());
            return Response.fault(f.getMessage());
        } catch (Json.BodyError e) {
            String m = "An error occurred when deserializing the json body of a request: " + e.getMessage() + ".";
            log("Received Error. Status code: 400 Bad Request. Message: " + m);
            return Response.fault(m);
        }
    }

    private Response route(String method, String uri, String body) throws Fault, Json.BodyError {
        String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        String trimmed = path.replaceFirst("^/+", "");
        String[] tokens = trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
        if (tokens.length > 0 && tokens[tokens.length - 1].isEmpty()) {
            tokens = java.util.Arrays.copyOf(tokens, tokens.length - 1); // split_terminator
        }
        String first = tokens.length > 0 ? tokens[0] : "";
        String second = tokens.length > 1 ? tokens[1] : null;
        switch (method) {
            case "GET" -> {
                if (body != null) {
                    throw new Fault("GET request cannot have a body.");
                }
                return switch (first) {
                    case "" -> instanceInfo();
                    case "version" -> Response.ok("{\"firecracker_version\":\"" + VMM_VERSION + "\"}");
                    case "vm" -> {
                        if ("config".equals(second)) {
                            yield fullConfig();
                        }
                        throw invalid(method, first);
                    }
                    case "machine-config" -> Response.ok(machineConfig().toString());
                    default -> throw invalid(method, first);
                };
            }
            case "PUT" -> {
                if (body == null) {
                    if (isKnownPut(first)) {
                        throw new Fault("Empty PUT request.");
                    }
                    throw new Fault("Empty PUT request.");
                }
                return switch (first) {
                    case "actions" -> actions(Json.parse(body, Bodies.ACTION));
                    case "boot-source" -> bootSource(Json.parse(body, Bodies.BOOT_SOURCE));
                    case "drives" -> putDrive(checkedId(second), body);
                    case "logger" -> logger(Json.parse(body, Bodies.LOGGER));
                    case "machine-config" -> putMachineConfig(Json.parse(body, Bodies.MACHINE_CONFIG));
                    case "metrics" -> metrics(Json.parse(body, Bodies.METRICS));
                    case "network-interfaces" -> putNet(checkedId(second), body);
                    case "snapshot" -> snapshot(second, body);
                    default -> throw invalid(method, first);
                };
            }
            case "PATCH" -> {
                if (body == null) {
                    throw new Fault("Empty PATCH request.");
                }
                return switch (first) {
                    case "drives" -> patchDrive(checkedId(second), body);
                    case "machine-config" -> patchMachineConfig(Json.parse(body, Bodies.MACHINE_CONFIG_UPDATE));
                    case "network-interfaces" -> patchNet(checkedId(second), body);
                    case "vm" -> patchVm(Json.parse(body, Bodies.VM));
                    default -> throw invalid(method, first);
                };
            }
            case "DELETE" -> {
                if (body != null) {
                    throw new Fault("Empty Delete request.");
                }
                if (first.equals("drives") || first.equals("network-interfaces") || first.equals("pmem")) {
                    checkedId(second);
                    return vmmAction(() -> {
                        if (vmm == null) {
                            throw new Fault(PRE_BOOT);
                        }
                        throw new Fault("PCI is not enabled");
                    });
                }
                throw invalid(method, first);
            }
            default -> throw invalid(method, first);
        }
    }

    private static boolean isKnownPut(String first) {
        return List.of("actions", "boot-source", "drives", "logger", "machine-config", "metrics",
                "network-interfaces", "snapshot").contains(first);
    }

    private static Fault invalid(String method, String path) {
        return new Fault("Invalid request method and/or path: " + method + " " + path + ".");
    }

    /** checked_id: present, alphanumerics and '_' only. */
    private static String checkedId(String id) throws Fault {
        if (id == null || id.isEmpty()) {
            throw new Fault("The ID cannot be empty.");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c != '_' && !Character.isLetterOrDigit(c)) {
                throw new Fault("API Resource IDs can only contain alphanumeric characters and underscores.");
            }
        }
        return id;
    }

    // ------------------------------------------------------------------ the VMM thread

    private interface Action {
        Response run() throws Fault, Json.BodyError;
    }

    /** Carries {@code a} out on the VMM thread and waits for its answer, as the API thread waits in Firecracker. */
    private Response vmmAction(Action a) throws Fault, Json.BodyError {
        CompletableFuture<Object> done = new CompletableFuture<>();
        platform.submit(() -> {
            try {
                done.complete(a.run());
            } catch (Fault | Json.BodyError | RuntimeException e) {
                done.complete(e);
            }
        });
        Object r;
        try {
            r = done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Fault("Internal VMM error: interrupted");
        } catch (ExecutionException e) {
            throw new Fault("Internal VMM error: " + e.getCause());
        }
        if (r instanceof Fault f) {
            throw f;
        }
        if (r instanceof Json.BodyError b) {
            throw b;
        }
        if (r instanceof RuntimeException ex) {
            throw new Fault("Internal VMM error: " + ex);
        }
        return (Response) r;
    }

    private boolean started() {
        return vmm != null;
    }

    // ------------------------------------------------------------------ GET

    private Response instanceInfo() throws Fault, Json.BodyError {
        return vmmAction(() -> {
            ObjectNode n = Json.mapper().createObjectNode();
            n.put("id", instanceId);
            n.put("state", vmm == null ? VmState.NOT_STARTED.text() : vmm.state().text());
            n.put("vmm_version", VMM_VERSION);
            n.put("app_name", "sysmodels vcpu-sim");
            return Response.ok(n.toString());
        });
    }

    private ObjectNode machineConfig() {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("vcpu_count", vcpuCount);
        n.put("mem_size_mib", memSizeMib);
        n.put("smt", smt);
        n.put("track_dirty_pages", trackDirtyPages);
        n.put("huge_pages", hugePages);
        return n;
    }

    private Response fullConfig() throws Fault, Json.BodyError {
        return vmmAction(() -> {
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
            return Response.ok(n.toString());
        });
    }

    // ------------------------------------------------------------------ pre-boot configuration

    private Response bootSource(Map<String, Object> cfg) throws Fault, Json.BodyError {
        return vmmAction(() -> {
            if (started()) {
                throw new Fault(POST_BOOT);
            }
            bootPath = true;
            Path kernel = Path.of((String) cfg.get("kernel_image_path"));
            if (!Files.isReadable(kernel) || Files.isDirectory(kernel)) {
                throw new Fault("Boot source error: The kernel file cannot be opened: " + osError(kernel));
            }
            Object initrd = cfg.get("initrd_path");
            if (initrd != null && !Files.isReadable(Path.of((String) initrd))) {
                throw new Fault("Boot source error: The initrd file cannot be opened due to invalid path or invalid "
                        + "permissions. " + osError(Path.of((String) initrd)));
            }
            Object args = cfg.get("boot_args");
            if (args != null) {
                String a = (String) args;
                if (a.length() >= 2048) {
                    throw new Fault("Boot source error: The kernel command line is invalid: Command line string too "
                            + "large");
                }
                for (char c : a.toCharArray()) {
                    if (c < 0x20 || c > 0x7e) {
                        throw new Fault("Boot source error: The kernel command line is invalid: String contains an "
                                + "invalid character");
                    }
                }
            }
            Map<String, Object> stored = new LinkedHashMap<>();
            stored.put("kernel_image_path", cfg.get("kernel_image_path"));
            stored.put("initrd_path", cfg.get("initrd_path"));
            stored.put("boot_args", cfg.get("boot_args"));
            bootSource = stored;
            return Response.noContent();
        });
    }

    private Response putMachineConfig(Map<String, Object> cfg) throws Fault, Json.BodyError {
        return vmmAction(() -> {
            if (started()) {
                throw new Fault(POST_BOOT);
            }
            bootPath = true;
            applyMachineConfig(((Number) cfg.get("vcpu_count")).intValue(), (Long) cfg.get("mem_size_mib"),
                    (Boolean) cfg.getOrDefault("smt", false), (Boolean) cfg.getOrDefault("track_dirty_pages", false),
                    (String) cfg.getOrDefault("huge_pages", "None"));
            return Response.noContent();
        });
    }

    private Response patchMachineConfig(Map<String, Object> cfg) throws Fault, Json.BodyError {
        if (cfg.values().stream().allMatch(java.util.Objects::isNull)) {
            throw new Fault("Empty PATCH request.");
        }
        return vmmAction(() -> {
            if (started()) {
                throw new Fault(POST_BOOT);
            }
            bootPath = true;
            applyMachineConfig(cfg.get("vcpu_count") == null ? vcpuCount : ((Number) cfg.get("vcpu_count")).intValue(),
                    cfg.get("mem_size_mib") == null ? memSizeMib : (Long) cfg.get("mem_size_mib"),
                    cfg.get("smt") == null ? smt : (Boolean) cfg.get("smt"),
                    cfg.get("track_dirty_pages") == null ? trackDirtyPages : (Boolean) cfg.get("track_dirty_pages"),
                    cfg.get("huge_pages") == null ? hugePages : (String) cfg.get("huge_pages"));
            return Response.noContent();
        });
    }

    private void applyMachineConfig(int vcpus, long mib, boolean newSmt, boolean dirty, String huge) throws Fault {
        if (vcpus == 0 || vcpus > VmConfig.MAX_VCPUS || (newSmt && vcpus > 1 && vcpus % 2 == 1)) {
            throw new Fault("Machine config error: The number of vCPUs must be greater than 0, less than 32 and must "
                    + "be 1 or an even number if SMT is enabled.");
        }
        if (mib == 0 || (!huge.equals("None") && mib % 2 != 0)) {
            throw new Fault("Machine config error: The memory size (MiB) is either 0, or not a multiple of the "
                    + "configured page size.");
        }
        if (mib > VmConfig.MAX_MEM_MIB) {
            throw new Fault("Machine config error: this simulator keeps guest memory in 4 KiB pages on the Java heap "
                    + "and takes at most " + VmConfig.MAX_MEM_MIB + " MiB");
        }
        vcpuCount = vcpus;
        memSizeMib = mib;
        smt = newSmt;
        trackDirtyPages = dirty;
        hugePages = huge;
    }

    private Response putDrive(String id, String body) throws Fault, Json.BodyError {
        Map<String, Object> cfg = Json.parse(body, Bodies.DRIVE);
        if (!id.equals(cfg.get("drive_id"))) {
            throw new Fault("The id from the path does not match the id from the body!");
        }
        return vmmAction(() -> {
            if (started()) {
                throw new Fault("PCI is not enabled");
            }
            bootPath = true;
            boolean root = (Boolean) cfg.get("is_root_device");
            Drive existing = drives.get(id);
            boolean hasRoot = drives.values().stream().anyMatch(Drive::root);
            if (root && hasRoot && (existing == null || !existing.root())) {
                throw new Fault("Drive config error: A root block device already exists!");
            }
            Object path = cfg.get("path_on_host");
            if (path == null) {
                throw new Fault("Drive config error: Unable to create the virtio block device: path_on_host is "
                        + "needed for a virtio block device (vhost-user drives are not modelled)");
            }
            DiskImage disk;
            try {
                disk = FileDisk.open(Path.of((String) path), Boolean.TRUE.equals(cfg.get("is_read_only")));
            } catch (IOException e) {
                throw new Fault("Drive config error: Unable to create the virtio block device: Virtio backend "
                        + "error: Error manipulating the backing file: " + osError(Path.of((String) path)) + " "
                        + path);
            }
            Map<String, Object> stored = new LinkedHashMap<>();
            for (String k : List.of("drive_id", "partuuid", "is_root_device", "cache_type", "is_read_only",
                    "path_on_host", "rate_limiter", "io_engine", "socket")) {
                stored.put(k, cfg.get(k));
            }
            stored.putIfAbsent("cache_type", "Unsafe");
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
            return Response.noContent();
        });
    }

    private Response patchDrive(String id, String body) throws Fault, Json.BodyError {
        Map<String, Object> cfg = Json.parse(body, Bodies.DRIVE_UPDATE);
        if (!id.equals(cfg.get("drive_id"))) {
            throw new Fault("The id from the path does not match the id from the body!");
        }
        return vmmAction(() -> {
            if (!started()) {
                throw new Fault(PRE_BOOT);
            }
            Vmm.BlockDevice dev = vmm.blocks().stream().filter(b -> b.block().id().equals(id)).findFirst()
                    .orElseThrow(() -> new Fault("Drive config error: Unable to patch the block device: Failed "
                            + "perform action on device: Device not found Please verify the request arguments."));
            if (cfg.get("rate_limiter") != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> rl = (Map<String, Object>) cfg.get("rate_limiter");
                long now = vmm.now();
                synchronized (dev.transport()) {
                    dev.block().rateLimiter().update(bucket(rl.get("bandwidth"), now), bucket(rl.get("ops"), now));
                }
                drives.get(id).config().put("rate_limiter", rl);
            }
            if (cfg.get("path_on_host") != null) {
                drives.get(id).config().put("path_on_host", cfg.get("path_on_host"));
            }
            return Response.noContent();
        });
    }

    private static org.sysmodels.vcpu.model.devices.ratelimit.TokenBucket bucket(Object o, long now) {
        if (!(o instanceof Map<?, ?> m) || m.get("size") == null || ((Long) m.get("size")) == 0
                || ((Long) m.get("refill_time")) == 0) {
            return null;
        }
        long burst = m.get("one_time_burst") == null ? 0 : (Long) m.get("one_time_burst");
        return new org.sysmodels.vcpu.model.devices.ratelimit.TokenBucket((Long) m.get("size"), burst,
                (Long) m.get("refill_time"), now);
    }

    private Response putNet(String id, String body) throws Fault, Json.BodyError {
        Map<String, Object> cfg = Json.parse(body, Bodies.NET);
        if (!id.equals(cfg.get("iface_id"))) {
            throw new Fault("The id from the path [" + id + "] does not match the id from the body ["
                    + cfg.get("iface_id") + "]!");
        }
        return vmmAction(() -> {
            if (started()) {
                throw new Fault("PCI is not enabled");
            }
            bootPath = true;
            Object mac = cfg.get("guest_mac");
            if (mac != null) {
                for (Map.Entry<String, Map<String, Object>> e : netIfaces.entrySet()) {
                    if (!e.getKey().equals(id) && mac.equals(e.getValue().get("guest_mac"))) {
                        throw new Fault("Network interface config error: The guest MAC address " + mac
                                + " is already in use.");
                    }
                }
            }
            Map<String, Object> stored = new LinkedHashMap<>();
            for (String k : List.of("iface_id", "host_dev_name", "guest_mac", "mtu", "rx_rate_limiter",
                    "tx_rate_limiter")) {
                stored.put(k, cfg.get(k));
            }
            netIfaces.put(id, stored);
            return Response.noContent();
        });
    }

    private Response patchNet(String id, String body) throws Fault, Json.BodyError {
        Map<String, Object> cfg = Json.parse(body, Bodies.NET_UPDATE);
        if (!id.equals(cfg.get("iface_id"))) {
            throw new Fault("The id from the path [" + id + "] does not match the id from the body ["
                    + cfg.get("iface_id") + "]!");
        }
        return vmmAction(() -> {
            if (!started()) {
                throw new Fault(PRE_BOOT);
            }
            if (!netIfaces.containsKey(id)) {
                throw new Fault("Internal VMM error: Failed perform action on device: Device not found");
            }
            return Response.noContent();
        });
    }

    private Response logger(Map<String, Object> cfg) throws Fault, Json.BodyError {
        Object level = cfg.get("level");
        if (level != null && !List.of("off", "trace", "debug", "info", "warn", "warning", "error")
                .contains(((String) level).toLowerCase(Locale.ROOT))) {
            throw new Json.BodyError("unknown variant `" + level + "`, expected one of `Error`, `Warning`, `Info`, "
                    + "`Debug`, `Trace`, `Off`");
        }
        return vmmAction(() -> {
            if (started()) {
                throw new Fault(POST_BOOT);
            }
            Object path = cfg.get("log_path");
            if (path != null) {
                try {
                    Files.writeString(Path.of((String) path), "", StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new Fault("Logger error: Failed to open target file: " + osError(Path.of((String) path)));
                }
            }
            logger = new LinkedHashMap<>(cfg);
            return Response.noContent();
        });
    }

    private Response metrics(Map<String, Object> cfg) throws Fault, Json.BodyError {
        return vmmAction(() -> {
            if (started()) {
                throw new Fault(POST_BOOT);
            }
            Path path = Path.of((String) cfg.get("metrics_path"));
            try {
                Files.writeString(path, "", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new Fault("Metrics error: Cannot open the metrics file: " + osError(path));
            }
            metrics = new LinkedHashMap<>(cfg);
            return Response.noContent();
        });
    }

    // ------------------------------------------------------------------ actions, vm state, snapshots

    private Response actions(Map<String, Object> cfg) throws Fault, Json.BodyError {
        String type = (String) cfg.get("action_type");
        if (type.equals("SendCtrlAltDel")) {
            throw new Fault("SendCtrlAltDel does not supported on riscv64.");
        }
        return vmmAction(() -> switch (type) {
            case "InstanceStart" -> start();
            default -> flushMetrics();
        });
    }

    private Response flushMetrics() throws Fault {
        if (!started()) {
            throw new Fault(PRE_BOOT);
        }
        if (metrics != null) {
            ObjectNode n = Json.mapper().createObjectNode();
            n.put("utc_timestamp_ms", Instant.now().toEpochMilli());
            n.put("api_requests", requests);
            n.put("guest_instructions", vmm.kvm().vcpu(0).hart().instret);
            n.put("serial_bytes", console.size());
            try {
                Files.writeString(Path.of((String) metrics.get("metrics_path")), n + "\n", StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new Fault("Internal VMM error: Metrics error: " + e.getMessage());
            }
        }
        return Response.noContent();
    }

    /** StartMicroVm: build_and_boot_microvm. A failure is an answer; the process goes on serving. */
    private Response start() throws Fault {
        if (started()) {
            throw new Fault(POST_BOOT);
        }
        if (bootSource == null) {
            throw new Fault("Start microvm error: Cannot start microvm without kernel configuration.");
        }
        byte[] kernel;
        try {
            kernel = Files.readAllBytes(Path.of((String) bootSource.get("kernel_image_path")));
        } catch (IOException e) {
            throw new Fault("Start microvm error: System configuration error: Cannot copy kernel file fd");
        }
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
        VmConfig config = new VmConfig(vcpuCount, memSizeMib, trackDirtyPages, kernel,
                args == null ? VmConfig.DEFAULT_BOOT_ARGS : args, ds, timing);
        console = new ConsoleLog(platform.clock(), consoleTee);
        try {
            vmm = Vmm.boot(config, platform, VmmParts.REFERENCE, console, Observers.NONE);
        } catch (VmmError e) {
            console = null;
            throw new Fault("Start microvm error: " + e.getMessage());
        }
        return Response.noContent();
    }

    private static VmConfig.Bucket limiterBucket(Object o) {
        if (!(o instanceof Map<?, ?> m) || m.get("size") == null || ((Long) m.get("size")) == 0
                || ((Long) m.get("refill_time")) == 0) {
            return null;
        }
        return new VmConfig.Bucket((Long) m.get("size"),
                m.get("one_time_burst") == null ? 0 : (Long) m.get("one_time_burst"), (Long) m.get("refill_time"));
    }

    private Response patchVm(Map<String, Object> cfg) throws Fault, Json.BodyError {
        return vmmAction(() -> {
            if (!started()) {
                throw new Fault(PRE_BOOT);
            }
            try {
                if ("Paused".equals(cfg.get("state"))) {
                    vmm.pauseVm();
                } else {
                    vmm.resumeVm();
                }
            } catch (VmmError e) {
                throw new Fault("Internal VMM error: " + e.getMessage());
            }
            return Response.noContent();
        });
    }

    private Response snapshot(String op, String body) throws Fault, Json.BodyError {
        if (op == null) {
            throw new Fault("Missing snapshot operation type.");
        }
        return switch (op) {
            case "create" -> createSnapshot(Json.parse(body, Bodies.SNAPSHOT_CREATE));
            case "load" -> loadSnapshot(Json.parse(body, Bodies.SNAPSHOT_LOAD));
            default -> throw new Fault("Invalid request method and/or path: PUT /snapshot/" + op + ".");
        };
    }

    private Response createSnapshot(Map<String, Object> cfg) throws Fault, Json.BodyError {
        return vmmAction(() -> {
            if (!started()) {
                throw new Fault(PRE_BOOT);
            }
            boolean full = !"Diff".equals(cfg.get("snapshot_type"));
            Vmm.Snapshot s;
            try {
                s = vmm.createSnapshot(full);
            } catch (VmmError e) {
                throw new Fault("Create snapshot error: Cannot save the microVM state: " + e.getMessage());
            }
            try {
                SnapshotFiles.write(s, Path.of((String) cfg.get("snapshot_path")),
                        Path.of((String) cfg.get("mem_file_path")));
            } catch (IOException e) {
                throw new Fault("Create snapshot error: Cannot perform open on the snapshot backing file: "
                        + e.getMessage());
            }
            return Response.noContent();
        });
    }

    private Response loadSnapshot(Map<String, Object> cfg) throws Fault, Json.BodyError {
        Object memFile = cfg.get("mem_file_path");
        Object backend = cfg.get("mem_backend");
        if (memFile != null && backend != null) {
            throw new Json.BodyError("too many fields: either `mem_backend` or `mem_file_path` exclusively is "
                    + "required");
        }
        if (memFile == null && backend == null) {
            throw new Json.BodyError("missing field: either `mem_backend` or `mem_file_path` is required");
        }
        String memPath = memFile != null ? (String) memFile : (String) ((Map<?, ?>) backend).get("backend_path");
        if (backend != null && "Uffd".equals(((Map<?, ?>) backend).get("backend_type"))) {
            throw new Fault("Load snapshot error: userfaultfd page-fault handlers are not modelled; use File");
        }
        return vmmAction(() -> {
            if (started()) {
                throw new Fault(POST_BOOT);
            }
            if (bootPath) {
                throw new Fault("Load snapshot error: Loading a microVM snapshot not allowed after configuring "
                        + "boot-specific resources.");
            }
            boolean dirty = Boolean.TRUE.equals(cfg.get("track_dirty_pages"))
                    || Boolean.TRUE.equals(cfg.get("enable_diff_snapshots"));
            try {
                Vmm.Snapshot s = SnapshotFiles.read(Path.of((String) cfg.get("snapshot_path")), Path.of(memPath));
                console = new ConsoleLog(platform.clock(), consoleTee);
                vmm = Vmm.restore(s, platform, VmmParts.REFERENCE, console, b -> {
                    try {
                        return b.path() == null ? null : FileDisk.open(Path.of(b.path()), b.readOnly());
                    } catch (IOException e) {
                        return null;
                    }
                }, timing, dirty, Observers.NONE);
                if (Boolean.TRUE.equals(cfg.get("resume_vm"))) {
                    vmm.resumeVm();
                }
            } catch (IOException | VmmError e) {
                fatal = "Load snapshot error: Failed to restore from snapshot: " + e.getMessage();
                throw new Fault(fatal);
            }
            return Response.noContent();
        });
    }

    // ------------------------------------------------------------------ helpers

    /** The io::Error text Firecracker prints ("No such file or directory (os error 2)"). */
    static String osError(Path p) {
        if (!Files.exists(p)) {
            return "No such file or directory (os error 2)";
        }
        if (Files.isDirectory(p)) {
            return "Is a directory (os error 21)";
        }
        return "Permission denied (os error 13)";
    }

    private void log(String line) {
        Map<String, Object> l = logger;
        if (l == null || l.get("log_path") == null) {
            return;
        }
        try {
            Files.writeString(Path.of((String) l.get("log_path")), Instant.now() + " [" + instanceId
                    + ":fc_api] " + line + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            // a log that cannot be written is counted as lost (Firecracker's lost-logs metric), not an error
        }
    }

    /** The microVM's exit code once it stopped, else null. */
    public FcExitCode exitCode() {
        Vmm v = vmm;
        return v == null ? null : v.shutdownExitCode();
    }

    static boolean noSuchFile(Exception e) {
        return e instanceof NoSuchFileException;
    }
}
