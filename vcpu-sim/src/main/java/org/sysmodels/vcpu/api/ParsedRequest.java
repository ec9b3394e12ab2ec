package org.sysmodels.vcpu.api;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Firecracker's request parsing ({@code parsed_request.rs} {@code ParsedRequest::try_from}, and one parser per
 * resource in {@code api_server/request/*.rs}): method and path to a {@link VmmAction}, the body checked against its
 * schema, and what can be refused without asking the VMM refused here, each with Firecracker's text: an unknown path
 * or wrong method ("Invalid request method and/or path"), a missing or unexpected body, a bad resource ID
 * ({@code checked_id}), a path ID that differs from the body's, a snapshot load with both or neither memory source,
 * SendCtrlAltDel (x86 only).
 */
final class ParsedRequest {

    private ParsedRequest() {
    }

    /** The action {@code method uri} with {@code body} (null when the request has none) asks for. */
    static VmmAction parse(String method, String uri, String body) throws ApiFault, Json.BodyError {
        String trimmed = absPath(uri).replaceFirst("^/+", "");
        String[] tokens = trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
        if (tokens.length > 0 && tokens[tokens.length - 1].isEmpty()) {
            tokens = Arrays.copyOf(tokens, tokens.length - 1); // split_terminator
        }
        String first = tokens.length > 0 ? tokens[0] : "";
        String second = tokens.length > 1 ? tokens[1] : null;
        return switch (method) {
            case "GET" -> get(first, second, body);
            case "PUT" -> put(first, second, body);
            case "PATCH" -> patch(first, second, body);
            case "DELETE" -> delete(first, second, body);
            default -> throw invalid(method, first);
        };
    }

    private static VmmAction get(String first, String second, String body) throws ApiFault {
        if (body != null) {
            throw new ApiFault("GET request cannot have a body.");
        }
        return switch (first) {
            case "" -> new VmmAction.GetVmInstanceInfo();
            case "version" -> new VmmAction.GetVmmVersion();
            case "vm" -> {
                if ("config".equals(second)) {
                    yield new VmmAction.GetFullVmConfig();
                }
                throw invalid("GET", first);
            }
            case "machine-config" -> new VmmAction.GetVmMachineConfig();
            default -> throw invalid("GET", first);
        };
    }

    private static VmmAction put(String first, String second, String body) throws ApiFault, Json.BodyError {
        if (body == null) {
            throw new ApiFault("Empty PUT request.");
        }
        return switch (first) {
            case "actions" -> actions(Json.parse(body, Bodies.ACTION));
            case "boot-source" -> new VmmAction.ConfigureBootSource(Json.parse(body, Bodies.BOOT_SOURCE));
            case "drives" -> {
                String id = checkedId(second);
                Map<String, Object> cfg = Json.parse(body, Bodies.DRIVE);
                if (!id.equals(cfg.get("drive_id"))) {
                    throw new ApiFault("The id from the path does not match the id from the body!");
                }
                yield new VmmAction.InsertBlockDevice(id, cfg);
            }
            case "logger" -> new VmmAction.ConfigureLogger(Json.parse(body, Bodies.LOGGER));
            case "machine-config" -> new VmmAction.PutMachineConfiguration(Json.parse(body, Bodies.MACHINE_CONFIG));
            case "metrics" -> new VmmAction.ConfigureMetrics(Json.parse(body, Bodies.METRICS));
            case "network-interfaces" -> {
                String id = checkedId(second);
                yield new VmmAction.InsertNetworkDevice(id, netMatching(id, Json.parse(body, Bodies.NET)));
            }
            case "snapshot" -> snapshot(second, body);
            default -> throw invalid("PUT", first);
        };
    }

    private static VmmAction patch(String first, String second, String body) throws ApiFault, Json.BodyError {
        if (body == null) {
            throw new ApiFault("Empty PATCH request.");
        }
        return switch (first) {
            case "drives" -> {
                String id = checkedId(second);
                Map<String, Object> cfg = Json.parse(body, Bodies.DRIVE_UPDATE);
                if (!id.equals(cfg.get("drive_id"))) {
                    throw new ApiFault("The id from the path does not match the id from the body!");
                }
                yield new VmmAction.UpdateBlockDevice(id, cfg);
            }
            case "machine-config" -> {
                Map<String, Object> cfg = Json.parse(body, Bodies.MACHINE_CONFIG_UPDATE);
                if (cfg.values().stream().allMatch(Objects::isNull)) {
                    throw new ApiFault("Empty PATCH request.");
                }
                yield new VmmAction.UpdateMachineConfiguration(cfg);
            }
            case "network-interfaces" -> {
                String id = checkedId(second);
                netMatching(id, Json.parse(body, Bodies.NET_UPDATE));
                yield new VmmAction.UpdateNetworkInterface(id);
            }
            case "vm" -> "Paused".equals(Json.parse(body, Bodies.VM).get("state")) ? new VmmAction.Pause()
                    : new VmmAction.Resume();
            default -> throw invalid("PATCH", first);
        };
    }

    private static VmmAction delete(String first, String second, String body) throws ApiFault {
        if (body != null) {
            throw new ApiFault("Empty Delete request.");
        }
        if (first.equals("drives") || first.equals("network-interfaces") || first.equals("pmem")) {
            checkedId(second);
            return new VmmAction.HotUnplugDevice();
        }
        throw invalid("DELETE", first);
    }

    /**
     * micro_http's {@code Uri::get_abs_path} ({@code request.rs}): "http://host/p" is "/p", "/p" is itself, anything
     * else is empty. A query is not split off: "/vm?x" names the resource "vm?x".
     */
    private static String absPath(String uri) {
        if (uri.startsWith("http://")) {
            int slash = uri.indexOf('/', "http://".length());
            return slash < 0 ? "" : uri.substring(slash);
        }
        return uri.startsWith("/") ? uri : "";
    }

    private static ApiFault invalid(String method, String path) {
        return new ApiFault("Invalid request method and/or path: " + method + " " + path + ".");
    }

    /**
     * checked_id ({@code parsed_request.rs}): present, and every char '_' or Rust's {@code char::is_alphanumeric}
     * (Unicode Alphabetic, or a number of category Nd, Nl or No), so "disk_é", "disk²" and "𝐀" are IDs.
     */
    private static String checkedId(String id) throws ApiFault {
        if (id == null || id.isEmpty()) {
            throw new ApiFault("The ID cannot be empty.");
        }
        if (!id.codePoints().allMatch(c -> c == '_' || Character.isAlphabetic(c) || numeric(c))) {
            throw new ApiFault("API Resource IDs can only contain alphanumeric characters and underscores.");
        }
        return id;
    }

    private static boolean numeric(int c) {
        int t = Character.getType(c);
        return t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER;
    }

    /** A network interface body whose iface_id is the path's ({@code request/net.rs}). */
    private static Map<String, Object> netMatching(String id, Map<String, Object> cfg) throws ApiFault {
        if (!id.equals(cfg.get("iface_id"))) {
            throw new ApiFault("The id from the path [" + id + "] does not match the id from the body ["
                    + cfg.get("iface_id") + "]!");
        }
        return cfg;
    }

    /** {@code request/actions.rs}: InstanceStart, FlushMetrics; SendCtrlAltDel is x86-only. */
    private static VmmAction actions(Map<String, Object> cfg) throws ApiFault {
        String type = (String) cfg.get("action_type");
        if (type.equals("SendCtrlAltDel")) {
            throw new ApiFault("SendCtrlAltDel does not supported on riscv64.");
        }
        return type.equals("InstanceStart") ? new VmmAction.StartMicroVm() : new VmmAction.FlushMetrics();
    }

    /** {@code request/snapshot.rs}: create and load; a load names its memory file one way, not both. */
    private static VmmAction snapshot(String op, String body) throws ApiFault, Json.BodyError {
        if (op == null) {
            throw new ApiFault("Missing snapshot operation type.");
        }
        return switch (op) {
            case "create" -> new VmmAction.CreateSnapshot(Json.parse(body, Bodies.SNAPSHOT_CREATE));
            case "load" -> load(Json.parse(body, Bodies.SNAPSHOT_LOAD));
            default -> throw new ApiFault("Invalid request method and/or path: PUT /snapshot/" + op + ".");
        };
    }

    private static VmmAction load(Map<String, Object> cfg) throws ApiFault, Json.BodyError {
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
            throw new ApiFault("Load snapshot error: userfaultfd page-fault handlers are not modelled; use File");
        }
        return new VmmAction.LoadSnapshot(cfg, memPath);
    }
}
