package org.sysmodels.vcpu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sysmodels.vcpu.host.threads.ThreadPlatform;
import org.sysmodels.vcpu.model.kvm.Timing;
import org.sysmodels.vcpu.model.vcpu.FcExitCode;

/**
 * One microVM's API without the socket: an {@link ApiController} with its VMM thread running the event loop, as
 * {@link ApiServe} runs it; closing stops the loop and tears the microVM down.
 */
final class ApiHarness implements AutoCloseable {

    final ThreadPlatform platform = new ThreadPlatform();
    final ApiController api = new ApiController(platform, "test", c -> { }, Timing.DEFAULT);
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread vmmThread = new Thread(() -> {
        try {
            platform.runLoop(stop::get, 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }, "test-vmm");

    ApiHarness() {
        vmmThread.start();
    }

    /** Sends one request; asserts its status and that the body holds {@code contains}; returns the body. */
    String expect(String method, String uri, String body, int status, String contains) {
        ApiController.Response r = api.handle(method, uri, body == null ? null
                : body.getBytes(StandardCharsets.UTF_8));
        assertEquals(status, r.status(), method + " " + uri + " " + body + " → " + r.body());
        if (contains != null) {
            assertTrue(r.body().contains(contains), method + " " + uri + ": " + r.body());
        }
        return r.body();
    }

    @Override
    public void close() throws Exception {
        stop.set(true);
        vmmThread.join(30_000);
        if (api.vmm() != null) {
            api.vmm().stop(FcExitCode.OK);
            api.vmm().shutdown();
        }
        platform.close();
    }
}
