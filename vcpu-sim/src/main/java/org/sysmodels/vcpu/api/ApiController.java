package org.sysmodels.vcpu.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.IntConsumer;
import org.sysmodels.vcpu.host.disk.OsError;
import org.sysmodels.vcpu.host.threads.ThreadPlatform;
import org.sysmodels.vcpu.model.kvm.Timing;
import org.sysmodels.vcpu.model.vcpu.FcExitCode;
import org.sysmodels.vcpu.model.vmm.ConsoleLog;
import org.sysmodels.vcpu.model.vmm.VmState;
import org.sysmodels.vcpu.model.vmm.Vmm;

/**
 * Firecracker's API, request by request: {@link ParsedRequest} turns a request into a {@link VmmAction} (the routing
 * of {@code parsed_request.rs} and the body parsers of {@code api_server/request/*.rs}; every error a 400 with
 * {"fault_message": ...}, an unknown path or wrong method included), and this class carries the action out on the
 * VMM thread while the API thread waits for the answer ({@code serve_vmm_action_request}): before the microVM starts
 * by {@link PrebootApiController}, after by {@link RuntimeApiController} (the rules of {@code rpc_interface.rs}),
 * with the configuration in {@link VmResources}. Answers and the API's log lines follow Firecracker's texts.
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

    final ThreadPlatform platform;
    private final String instanceId;
    final IntConsumer consoleTee;
    final Timing timing;
    private final VmResources resources = new VmResources();
    private final PrebootApiController preboot;
    private final RuntimeApiController runtime;

    volatile Vmm vmm;
    volatile String fatal;
    ConsoleLog console;
    private long requests;
    /** Requests handed to the VMM thread and not answered yet; guarded by itself, with {@link #closed}. */
    private final java.util.Set<CompletableFuture<Object>> pending = new java.util.HashSet<>();
    private boolean closed;

    public ApiController(ThreadPlatform platform, String instanceId, IntConsumer consoleTee, Timing timing) {
        this.platform = platform;
        this.instanceId = instanceId;
        this.consoleTee = consoleTee;
        this.timing = timing;
        this.preboot = new PrebootApiController(this, resources);
        this.runtime = new RuntimeApiController(this, resources);
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

    /** The microVM's exit code once it stopped, else null. */
    public FcExitCode exitCode() {
        Vmm v = vmm;
        return v == null ? null : v.shutdownExitCode();
    }

    /** One request; never throws. {@code body} is null when the request has none. */
    public Response handle(String method, String uri, byte[] body) {
        requests++;
        try {
            VmmAction action = ParsedRequest.parse(method, uri, body == null || body.length == 0 ? null
                    : new String(body, StandardCharsets.UTF_8));
            Response r = answer(action);
            log("The API server received a " + method + " request on \"" + uri + "\"" + (r.status() >= 400
                    ? ". Status code: 400 Bad Request." : "."));
            return r;
        } catch (ApiFault f) {
            log("Received Error. Status code: 400 Bad Request. Message: " + f.getMessage());
            return Response.fault(f.getMessage());
        } catch (Json.BodyError e) {
            String m = "An error occurred when deserializing the json body of a request: " + e.getMessage() + ".";
            log("Received Error. Status code: 400 Bad Request. Message: " + m);
            return Response.fault(m);
        }
    }

    /** The version and the machine configuration are answered here; everything else by the VMM thread. */
    private Response answer(VmmAction action) throws ApiFault {
        return switch (action) {
            case VmmAction.GetVmmVersion a -> Response.ok("{\"firecracker_version\":\"" + VMM_VERSION + "\"}");
            case VmmAction.GetVmMachineConfig a -> Response.ok(resources.machineConfig().toString());
            default -> onVmmThread(action);
        };
    }

    /** What the VMM thread does with an action: Firecracker's preboot or runtime controller, by the VM's state. */
    private Response dispatch(VmmAction action) throws ApiFault {
        return switch (action) {
            case VmmAction.GetVmInstanceInfo a -> instanceInfo();
            case VmmAction.GetFullVmConfig a -> Response.ok(resources.fullConfig());
            default -> vmm == null ? preboot.handle(action) : runtime.handle(action);
        };
    }

    /**
     * The VMM thread has left its loop (the microVM stopped, or the process is ending): every request still waiting
     * for it, and every later one, gets {@link #stoppedFault()} instead of waiting for ever. Firecracker's process
     * exits at this point and such a request gets no answer at all.
     */
    public void close() {
        ApiFault f = stoppedFault();
        synchronized (pending) {
            closed = true;
            pending.forEach(p -> p.complete(f));
            pending.clear();
        }
    }

    private ApiFault stoppedFault() {
        FcExitCode code = exitCode();
        return new ApiFault("The VMM has stopped" + (code == null ? "" : " (the microVM exited with code "
                + code.code() + ", " + code.rustName() + ")") + " and no longer serves requests.");
    }

    /** Carries {@code action} out on the VMM thread and waits for the answer, as Firecracker's API thread waits. */
    private Response onVmmThread(VmmAction action) throws ApiFault {
        CompletableFuture<Object> done = new CompletableFuture<>();
        synchronized (pending) {
            if (closed) {
                throw stoppedFault();
            }
            pending.add(done);
        }
        platform.submit(() -> {
            try {
                done.complete(dispatch(action));
            } catch (ApiFault | RuntimeException e) {
                done.complete(e);
            }
        });
        Object r;
        try {
            r = done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiFault("Internal VMM error: interrupted");
        } catch (ExecutionException e) {
            throw new ApiFault("Internal VMM error: " + e.getCause());
        } finally {
            synchronized (pending) {
                pending.remove(done);
            }
        }
        if (r instanceof ApiFault f) {
            throw f;
        }
        if (r instanceof RuntimeException ex) {
            throw new ApiFault("Internal VMM error: " + ex);
        }
        return (Response) r;
    }

    private Response instanceInfo() {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("id", instanceId);
        n.put("state", vmm == null ? VmState.NOT_STARTED.text() : vmm.state().text());
        n.put("vmm_version", VMM_VERSION);
        n.put("app_name", "sysmodels vcpu-sim");
        return Response.ok(n.toString());
    }

    /**
     * The io::Error text Rust prints when a path holds a NUL byte, which no file name can (std
     * sys/pal/common/small_c_string.rs NUL_ERR); Java refuses such a path before any system call.
     */
    static final String NUL_IN_PATH = "file name contained an unexpected NUL byte";

    /** A host path from a request; one with a NUL byte is the fault {@code fault} followed by Rust's text. */
    static Path hostPath(Object value, String fault) throws ApiFault {
        try {
            return Path.of((String) value);
        } catch (InvalidPathException e) {
            throw new ApiFault(fault + NUL_IN_PATH);
        }
    }

    /** Whether {@code e} is a failure to open the file (File::open's error in Firecracker), not to use it. */
    static boolean isOpenFailure(IOException e) {
        return OsError.of(e) != null;
    }

    /** The io::Error text for a failed open of {@code p}: the exception's kind where Java gives one. */
    static String osError(IOException e, Path p) {
        String kind = OsError.of(e);
        return kind != null ? kind : osError(p);
    }

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
        Map<String, Object> l = resources.logger();
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

    static boolean noSuchFile(Exception e) {
        return e instanceof NoSuchFileException;
    }
}
