package org.sysmodels.vcpu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.vcpu.host.guest.Guests;

/**
 * Firecracker's API over the real Unix socket: the getting-started sequence, every documented call in order, each
 * pre-boot call refused after start, the errors (HTTP 400 with fault_message; micro_http's own for methods and sizes),
 * a snapshot created on one server and loaded on a fresh one, and the same sequence with curl when it is installed.
 */
class ApiServerTest {

    @TempDir
    Path dir;

    /** A server in the background; stop() ends it and returns what it served. */
    final class Server implements AutoCloseable {
        final Path socket;
        final AtomicBoolean stop = new AtomicBoolean();
        final CompletableFuture<ApiServe.Outcome> done = new CompletableFuture<>();
        final StringBuilder console = new StringBuilder();

        Server(String name) throws Exception {
            socket = dir.resolve(name);
            CompletableFuture<String> listening = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    done.complete(ApiServe.serve(socket, 0, c -> {
                        synchronized (console) {
                            console.append((char) c);
                        }
                    }, stop::get, listening::complete));
                } catch (Exception e) {
                    listening.completeExceptionally(e);
                    done.completeExceptionally(e);
                }
            }, "api-test-server");
            t.setDaemon(true);
            t.start();
            listening.get(60, TimeUnit.SECONDS);
        }

        ApiServe.Outcome stop() throws Exception {
            stop.set(true);
            return done.get(60, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws Exception {
            if (!done.isDone()) {
                stop();
            }
        }
    }

    Path file(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    static void expect(UnixHttpClient c, String method, String path, String body, int status, String contains)
            throws Exception {
        UnixHttpClient.Reply r = c.send(method, path, body);
        assertEquals(status, r.status(), method + " " + path + " " + body + " → " + r.body());
        if (contains != null) {
            assertTrue(r.body().contains(contains), method + " " + path + ": " + r.body());
        }
        assertEquals("Firecracker API", r.server());
    }

    String gettingStarted(Path kernel, Path rootfs, Path log) {
        return "";
    }

    @Test
    void everyDocumentedCallInOrderThenPreBootCallsAreRefused() throws Exception {
        Path kernel = file("vmlinux.elf", Guests.get("idle").elf());
        Path rootfs = file("rootfs.ext4", new byte[64 * 1024]);
        Path log = dir.resolve("firecracker.log");
        Path metrics = dir.resolve("metrics.json");
        try (Server s = new Server("fc.sock"); UnixHttpClient c = new UnixHttpClient(s.socket)) {
            expect(c, "GET", "/", null, 200, "\"state\":\"Not started\"");
            expect(c, "PUT", "/logger", "{\"log_path\": \"" + log + "\", \"level\": \"Debug\", \"show_level\": true, "
                    + "\"show_log_origin\": true}", 204, null);
            expect(c, "PUT", "/metrics", "{\"metrics_path\": \"" + metrics + "\"}", 204, null);
            expect(c, "PUT", "/machine-config", "{\"vcpu_count\": 2, \"mem_size_mib\": 64}", 204, null);
            expect(c, "PATCH", "/machine-config", "{\"mem_size_mib\": 128}", 204, null);
            expect(c, "GET", "/machine-config", null, 200, "\"vcpu_count\":2,\"mem_size_mib\":128");
            expect(c, "PUT", "/boot-source", "{\"kernel_image_path\": \"" + kernel + "\", \"boot_args\": "
                    + "\"console=ttyS0 reboot=k panic=1\"}", 204, null);
            expect(c, "PUT", "/drives/rootfs", "{\"drive_id\": \"rootfs\", \"path_on_host\": \"" + rootfs + "\", "
                    + "\"is_root_device\": true, \"is_read_only\": false}", 204, null);
            expect(c, "PUT", "/network-interfaces/net1", "{\"iface_id\": \"net1\", \"guest_mac\": "
                    + "\"06:00:AC:10:00:02\", \"host_dev_name\": \"tap0\"}", 204, null);
            expect(c, "GET", "/vm/config", null, 200, "\"drives\":[{\"drive_id\":\"rootfs\"");
            expect(c, "PATCH", "/vm", "{\"state\": \"Paused\"}", 400,
                    "not supported before starting the microVM");
            expect(c, "PUT", "/actions", "{\"action_type\": \"InstanceStart\"}", 204, null);
            expect(c, "GET", "/", null, 200, "\"state\":\"Running\"");
            // pre-boot calls after start
            expect(c, "PUT", "/boot-source", "{\"kernel_image_path\": \"" + kernel + "\"}", 400,
                    "not supported after starting the microVM");
            expect(c, "PUT", "/logger", "{\"level\": \"Info\"}", 400, "not supported after starting");
            expect(c, "PUT", "/metrics", "{\"metrics_path\": \"" + metrics + "\"}", 400, "not supported after");
            expect(c, "PUT", "/machine-config", "{\"vcpu_count\": 1, \"mem_size_mib\": 128}", 400,
                    "not supported after starting");
            expect(c, "PATCH", "/machine-config", "{\"vcpu_count\": 1}", 400, "not supported after starting");
            expect(c, "PUT", "/actions", "{\"action_type\": \"InstanceStart\"}", 400, "not supported after");
            expect(c, "PUT", "/drives/data", "{\"drive_id\": \"data\", \"path_on_host\": \"" + rootfs + "\", "
                    + "\"is_root_device\": false}", 400, "PCI is not enabled");
            expect(c, "PUT", "/network-interfaces/net2", "{\"iface_id\": \"net2\", \"host_dev_name\": \"tap1\"}",
                    400, "PCI is not enabled");
            expect(c, "PUT", "/snapshot/load", "{\"snapshot_path\": \"x\", \"mem_file_path\": \"y\"}", 400,
                    "not supported after starting");
            // post-boot calls
            expect(c, "PATCH", "/drives/rootfs", "{\"drive_id\": \"rootfs\", \"rate_limiter\": {\"ops\": "
                    + "{\"size\": 100, \"refill_time\": 1000}}}", 204, null);
            expect(c, "PATCH", "/network-interfaces/net1", "{\"iface_id\": \"net1\"}", 204, null);
            expect(c, "PUT", "/snapshot/create", "{\"snapshot_type\": \"Full\", \"snapshot_path\": \""
                    + dir.resolve("s.state") + "\", \"mem_file_path\": \"" + dir.resolve("s.mem") + "\"}", 400,
                    "save/restore unavailable while running");
            expect(c, "PATCH", "/vm", "{\"state\": \"Paused\"}", 204, null);
            expect(c, "GET", "/", null, 200, "\"state\":\"Paused\"");
            expect(c, "PUT", "/snapshot/create", "{\"snapshot_type\": \"Full\", \"snapshot_path\": \""
                    + dir.resolve("s.state") + "\", \"mem_file_path\": \"" + dir.resolve("s.mem") + "\"}", 204, null);
            expect(c, "PUT", "/snapshot/create", "{\"snapshot_type\": \"Diff\", \"snapshot_path\": \""
                    + dir.resolve("d.state") + "\", \"mem_file_path\": \"" + dir.resolve("s.mem") + "\"}", 204, null);
            expect(c, "PATCH", "/vm", "{\"state\": \"Resumed\"}", 204, null);
            expect(c, "PUT", "/actions", "{\"action_type\": \"FlushMetrics\"}", 204, null);
            expect(c, "PUT", "/actions", "{\"action_type\": \"SendCtrlAltDel\"}", 400, "does not supported");
            expect(c, "GET", "/version", null, 200, "firecracker_version");
            ApiServe.Outcome o = s.stop();
            assertTrue(o.console().contains("idle: nothing to do"), o.console());
        }
        assertEquals(128L << 20, Files.size(dir.resolve("s.mem")), "the memory file is set_len to guest memory");
        assertTrue(Files.readString(log).contains("The API server received a PUT request on \"/boot-source\""));
        assertTrue(Files.readString(metrics).contains("api_requests"));
        // a fresh process loads the snapshot and goes on
        try (Server s = new Server("fc2.sock"); UnixHttpClient c = new UnixHttpClient(s.socket)) {
            expect(c, "PUT", "/snapshot/load", "{\"snapshot_path\": \"" + dir.resolve("s.state") + "\", "
                    + "\"mem_file_path\": \"" + dir.resolve("s.mem") + "\", \"mem_backend\": {\"backend_path\": \"x\","
                    + " \"backend_type\": \"File\"}}", 400, "too many fields");
            expect(c, "PUT", "/snapshot/load", "{\"snapshot_path\": \"" + dir.resolve("s.state") + "\", "
                    + "\"mem_file_path\": \"" + dir.resolve("s.mem") + "\", \"resume_vm\": true}", 204, null);
            expect(c, "GET", "/", null, 200, "\"state\":\"Running\"");
            expect(c, "PUT", "/snapshot/load", "{\"snapshot_path\": \"" + dir.resolve("s.state") + "\", "
                    + "\"mem_file_path\": \"" + dir.resolve("s.mem") + "\"}", 400, "not supported after starting");
            s.stop();
        }
        try (Server s = new Server("fc3.sock"); UnixHttpClient c = new UnixHttpClient(s.socket)) {
            expect(c, "PUT", "/boot-source", "{\"kernel_image_path\": \"" + kernel + "\"}", 204, null);
            expect(c, "PUT", "/snapshot/load", "{\"snapshot_path\": \"" + dir.resolve("s.state") + "\", "
                    + "\"mem_file_path\": \"" + dir.resolve("s.mem") + "\"}", 400,
                    "Loading a microVM snapshot not allowed after configuring boot-specific resources.");
            s.stop();
        }
    }

    @Test
    void errorsAreHttp400WithFirecrackersMessages() throws Exception {
        Path kernel = file("not-elf", "this is not an ELF file".getBytes());
        try (Server s = new Server("err.sock"); UnixHttpClient c = new UnixHttpClient(s.socket)) {
            expect(c, "GET", "/foo", null, 400, "Invalid request method and/or path: GET foo.");
            expect(c, "DELETE", "/logger", null, 400, "Invalid request method and/or path: DELETE logger.");
            expect(c, "PUT", "/boot-source", null, 400, "Empty PUT request.");
            expect(c, "PATCH", "/vm", null, 400, "Empty PATCH request.");
            expect(c, "GET", "/machine-config", "{}", 400, "GET request cannot have a body.");
            expect(c, "PUT", "/boot-source", "{\"kernel_image_path\": \"" + kernel + "\", \"extra\": 1}", 400,
                    "unknown field `extra`, expected one of `kernel_image_path`, `initrd_path`, `boot_args`");
            expect(c, "PUT", "/boot-source", "{\"boot_args\": \"x\"}", 400, "missing field `kernel_image_path`");
            expect(c, "PUT", "/machine-config", "{\"vcpu_count\": \"2\", \"mem_size_mib\": 128}", 400,
                    "invalid type: string \\\"2\\\", expected u8");
            expect(c, "PUT", "/machine-config", "{\"vcpu_count\": 33, \"mem_size_mib\": 128}", 400,
                    "The number of vCPUs must be greater than 0, less than 32");
            expect(c, "PUT", "/machine-config", "{\"vcpu_count\": 1, \"mem_size_mib\": 0}", 400,
                    "The memory size (MiB) is either 0");
            expect(c, "PUT", "/actions", "{\"action_type\": \"Reboot\"}", 400,
                    "unknown variant `Reboot`, expected one of `FlushMetrics`, `InstanceStart`, `SendCtrlAltDel`");
            expect(c, "PUT", "/logger", "{\"level\": \"Loud\"}", 400, "{\"fault_message\":\"An error occurred when "
                    + "deserializing the json body of a request: Invalid LevelFilter at line 1 column 17.\"}");
            expect(c, "PUT", "/logger", "{\"level\": \"warn\"}", 204, null);
            expect(c, "PUT", "/boot-source", "{kernel", 400, "An error occurred when deserializing the json body");
            expect(c, "PUT", "/drives/a", "{\"drive_id\": \"b\", \"is_root_device\": false}", 400,
                    "The id from the path does not match the id from the body!");
            expect(c, "PUT", "/drives/a-b", "{\"drive_id\": \"a-b\", \"is_root_device\": false}", 400,
                    "API Resource IDs can only contain alphanumeric characters and underscores.");
            expect(c, "PUT", "/drives", "{\"drive_id\": \"b\", \"is_root_device\": false}", 400,
                    "The ID cannot be empty.");
            expect(c, "PUT", "/drives/d", "{\"drive_id\": \"d\", \"path_on_host\": \"/no/such/file\", "
                    + "\"is_root_device\": true}", 400, "No such file or directory (os error 2)");
            expect(c, "PUT", "/boot-source", "{\"kernel_image_path\": \"/no/such/kernel\"}", 400,
                    "The kernel file cannot be opened: No such file or directory (os error 2)");
            expect(c, "PUT", "/snapshot/create", "{\"snapshot_path\": \"a\", \"mem_file_path\": \"b\"}", 400,
                    "not supported before starting the microVM");
            expect(c, "PUT", "/snapshot", "{\"snapshot_path\": \"a\"}", 400, "Missing snapshot operation type.");
            expect(c, "PUT", "/actions", "{\"action_type\": \"InstanceStart\"}", 400,
                    "Cannot start microvm without kernel configuration.");
            expect(c, "PUT", "/boot-source", "{\"kernel_image_path\": \"" + kernel + "\"}", 204, null);
            expect(c, "PUT", "/actions", "{\"action_type\": \"InstanceStart\"}", 400,
                    "Cannot load kernel due to invalid memory configuration or invalid kernel image: Invalid Elf "
                            + "magic number");
            // the process keeps serving after a failed start
            expect(c, "GET", "/", null, 200, "\"state\":\"Not started\"");
            // micro_http's own answers
            UnixHttpClient.Reply post;
            try (UnixHttpClient c2 = new UnixHttpClient(s.socket)) {
                post = c2.send("POST", "/actions", "{}");
            }
            assertEquals(400, post.status());
            assertEquals("{ \"error\": \"Invalid HTTP Method: Unsupported HTTP method.\nAll previous unanswered "
                    + "requests will be dropped.\" }", post.body());
            UnixHttpClient.Reply big;
            try (UnixHttpClient c3 = new UnixHttpClient(s.socket)) {
                big = c3.send("PUT", "/logger", "{\"log_path\": \"" + "a".repeat(51_200) + "\"}");
            }
            assertEquals(400, big.status());
            assertTrue(big.body().contains("is larger than the limit of 51200 allowed by server."), big.body());
            UnixHttpClient.Reply fits = c.send("PUT", "/logger", "{\"level\":\"Info\", \"module\": \""
                    + "m".repeat(51_200 - 36) + "\"}");
            assertEquals(204, fits.status(), fits.body());
            s.stop();
        }
    }

    @Test
    void hostPathsFailAsRustsFileCallsDo() throws Exception {
        String nul = "a\\u0000b";   // JSON's escape: a NUL byte inside the string
        try (Server s = new Server("paths.sock"); UnixHttpClient c = new UnixHttpClient(s.socket)) {
            expect(c, "PUT", "/boot-source", "{\"kernel_image_path\": \"" + nul + "\"}", 400,
                    "Boot source error: The kernel file cannot be opened: file name contained an unexpected NUL byte");
            expect(c, "PUT", "/metrics", "{\"metrics_path\": \"" + nul + "\"}", 400,
                    "Metrics error: Cannot open the metrics file: file name contained an unexpected NUL byte");
            expect(c, "PUT", "/logger", "{\"log_path\": \"" + nul + "\"}", 400,
                    "Logger error: Failed to open target file: file name contained an unexpected NUL byte");
            expect(c, "PUT", "/drives/d", "{\"drive_id\": \"d\", \"path_on_host\": \"" + nul + "\", "
                    + "\"is_root_device\": true}", 400, "Error manipulating the backing file: file name contained an "
                    + "unexpected NUL byte");
            expect(c, "GET", "/", null, 200, "\"state\":\"Not started\"");
            s.stop();
        }
        // a failed load ends the process (rpc_interface.rs), so each load gets a server of its own
        Path notState = file("not-a-state", "vm".getBytes());
        String[][] loads = {
            {"\"" + dir.resolve("missing.state") + "\"", "Load snapshot error: Failed to restore from snapshot: "
                    + "Failed to get snapshot state from file: Failed to open snapshot file: No such file or "
                    + "directory (os error 2)"},
            {"\"" + nul + "\"", "Failed to open snapshot file: file name contained an unexpected NUL byte"},
            {"\"" + notState + "\"", "Failed to get snapshot state from file: Failed to load snapshot state from "
                    + "file: " + notState + " is not a "},
        };
        for (String[] load : loads) {
            try (Server s = new Server("load.sock"); UnixHttpClient c = new UnixHttpClient(s.socket)) {
                expect(c, "PUT", "/snapshot/load", "{\"snapshot_path\": " + load[0] + ", \"mem_backend\": "
                        + "{\"backend_path\": \"" + dir.resolve("missing.mem") + "\", \"backend_type\": \"File\"}}",
                        400, load[1]);
                s.stop();
            }
        }
    }

    @Test
    void gettingStartedWithCurl() throws Exception {
        boolean curl = Files.isExecutable(Path.of("/usr/bin/curl"));
        org.junit.jupiter.api.Assumptions.assumeTrue(curl, "curl is not installed (scripts/install-test-deps.sh "
                + "installs it); the same sequence runs with the Java client in the other tests");
        Path kernel = file("vmlinux-6.1.elf", Guests.get("blk").elf());
        byte[] disk = new byte[64 * 1024];
        System.arraycopy("rootfs from curl\n".getBytes(), 0, disk, 0, 17);
        Path rootfs = file("ubuntu-24.04.ext4", disk);
        try (Server s = new Server("firecracker.socket")) {
            String api = s.socket.toString();
            String logfile = dir.resolve("firecracker.log").toString();
            List<String> codes = new ArrayList<>();
            codes.add(curl(api, "PUT", "logger", "{\n        \"log_path\": \"" + logfile + "\",\n        \"level\": "
                    + "\"Debug\",\n        \"show_level\": true,\n        \"show_log_origin\": true\n    }"));
            codes.add(curl(api, "PUT", "boot-source", "{\n        \"kernel_image_path\": \"" + kernel + "\",\n"
                    + "        \"boot_args\": \"console=ttyS0 reboot=k panic=1\"\n    }"));
            codes.add(curl(api, "PUT", "drives/rootfs", "{\n        \"drive_id\": \"rootfs\",\n        "
                    + "\"path_on_host\": \"" + rootfs + "\",\n        \"is_root_device\": true,\n        "
                    + "\"is_read_only\": false\n    }"));
            codes.add(curl(api, "PUT", "network-interfaces/net1", "{\n        \"iface_id\": \"net1\",\n        "
                    + "\"guest_mac\": \"06:00:AC:10:00:02\",\n        \"host_dev_name\": \"tap0\"\n    }"));
            codes.add(curl(api, "PUT", "actions", "{\n        \"action_type\": \"InstanceStart\"\n    }"));
            assertEquals(List.of("204", "204", "204", "204", "204"), codes);
            ApiServe.Outcome o = s.done.get(60, TimeUnit.SECONDS); // blk shuts down by itself
            assertTrue(o.console().contains("blk: sector 0: rootfs from curl") && o.console().contains("blk: ok"),
                    o.console());
            String id = ApiDriveUpdateTest.statId(rootfs).replace("\0", "");
            assertTrue(o.console().contains(", id \"" + id + "\"\n"), "GET_ID answers the file's id " + id + ": "
                    + o.console());
        }
    }

    /**
     * The request-target as micro_http reads it (request.rs {@code Uri::try_from}, {@code get_abs_path}) and
     * Firecracker checks it ({@code checked_id}): UTF-8, so a drive may be called "disk_é"; bytes that are not UTF-8
     * are micro_http's own 400; a query is part of the resource name; the absolute form names the same path.
     */
    @Test
    void requestTargetsAreReadAsMicroHttpReadsThem() throws Exception {
        Path disk = file("é.ext4", new byte[4096]);
        try (Server s = new Server("uri.sock")) {
            String put = "{\"drive_id\": \"disk_é\", \"path_on_host\": \"" + disk + "\", \"is_root_device\": false}";
            assertTrue(raw(s.socket, "PUT /drives/disk_é", put).startsWith("HTTP/1.1 204"));
            String config = raw(s.socket, "GET /vm/config", null);
            assertTrue(config.contains("\"drive_id\":\"disk_é\""), config);
            String notUtf8 = raw(s.socket, "GET /drives/d\u00ff", null);
            assertTrue(notUtf8.startsWith("HTTP/1.1 400") && notUtf8.contains("{ \"error\": \"Invalid URI: Cannot "
                    + "parse URI as UTF-8.\nAll previous unanswered requests will be dropped.\" }"), notUtf8);
            String query = raw(s.socket, "GET /machine-config?x=1", null);
            assertTrue(query.contains("{\"fault_message\":\"Invalid request method and/or path: GET "
                    + "machine-config?x=1.\"}"), query);
            String absolute = raw(s.socket, "GET http://localhost/machine-config", null);
            assertTrue(absolute.startsWith("HTTP/1.1 200") && absolute.contains("\"vcpu_count\":1"), absolute);
        }
    }

    /**
     * One request written byte for byte on a fresh connection: {@code line}'s chars below 256 as single bytes (so
     * "\u00ff" is the byte 0xFF), the rest UTF-8; the response as text.
     */
    static String raw(Path socket, String line, String body) throws Exception {
        java.io.ByteArrayOutputStream req = new java.io.ByteArrayOutputStream();
        for (char ch : line.toCharArray()) {
            if (ch == '\u00ff') {
                req.write(0xFF);
            } else {
                req.writeBytes(String.valueOf(ch).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        byte[] b = body == null ? new byte[0] : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        req.writeBytes((" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + (body == null ? "" : "Content-Length: " + b.length + "\r\n") + "\r\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        req.writeBytes(b);
        try (java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(
                java.net.UnixDomainSocketAddress.of(socket))) {
            ch.write(java.nio.ByteBuffer.wrap(req.toByteArray()));
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8192);
            while (ch.read(buf) > 0) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            return out.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** curl -X METHOD --unix-socket SOCK --data BODY http://localhost/PATH, as the guide writes it; the status. */
    static String curl(String socket, String method, String path, String body) throws Exception {
        Process p = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", method,
                "--unix-socket", socket, "--data", body, "http://localhost/" + path).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "curl did not finish");
        return out;
    }
}
