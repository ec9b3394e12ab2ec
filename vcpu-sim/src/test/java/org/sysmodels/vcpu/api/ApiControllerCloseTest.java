package org.sysmodels.vcpu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sysmodels.vcpu.host.threads.ThreadPlatform;
import org.sysmodels.vcpu.model.kvm.Timing;

/**
 * A request that reaches the API thread after the VMM thread left its loop (the guest powered off a moment earlier)
 * is answered, not left waiting for a VMM thread that will never run it: that wait held Netty's event loop, so the
 * server's own close waited for it and {@code sim vcpu --api-sock} hung after the guest stopped.
 */
class ApiControllerCloseTest {

    @Test
    void aRequestInFlightWhenTheVmmStopsIsAnswered() throws Exception {
        try (ThreadPlatform platform = new ThreadPlatform()) {
            ApiController api = new ApiController(platform, "test", c -> { }, Timing.DEFAULT);
            // no runLoop: the VMM thread has stopped serving, as after the guest's shutdown
            CompletableFuture<ApiController.Response> inFlight =
                    CompletableFuture.supplyAsync(() -> api.handle("GET", "/", null));
            api.close();
            ApiController.Response r = inFlight.get(30, TimeUnit.SECONDS);
            assertEquals(400, r.status());
            assertTrue(r.body().contains("\"fault_message\""), r.body());
            ApiController.Response after = CompletableFuture.supplyAsync(
                    () -> api.handle("PUT", "/actions", "{\"action_type\": \"InstanceStart\"}".getBytes()))
                    .get(30, TimeUnit.SECONDS);
            assertEquals(400, after.status());
            assertTrue(after.body().contains("no longer serves requests"), after.body());
        }
    }
}
