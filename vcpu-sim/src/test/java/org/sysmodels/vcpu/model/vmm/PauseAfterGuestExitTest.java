package org.sysmodels.vcpu.model.vmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sysmodels.vcpu.host.guest.Guests;
import org.sysmodels.vcpu.host.threads.ThreadPlatform;
import org.sysmodels.vcpu.model.devices.virtio.Block;
import org.sysmodels.vcpu.model.vcpu.FcExitCode;
import org.sysmodels.vcpu.model.vcpu.VcpuObserver;
import org.sysmodels.vcpu.model.vcpu.VcpuResponse;

/**
 * The interleaving behind PauseRaceTest's one failure ("Failed to message the vCPUs" under heavy load), forced: the
 * guest shuts down, its vCPU answers Exited(Ok) and writes the exit eventfd, and a pause runs on the VMM thread
 * before the loop has handled that eventfd (the test's pause was queued first). The vCPU answers the Pause with
 * Exited again at once, so pause_vm fails with VcpuMessage as Firecracker's does (vmm/src/lib.rs: any answer but
 * Paused), without a timeout: no kick is lost. The event loop is not run here, which holds the exit event back
 * for as long as the test needs.
 */
class PauseAfterGuestExitTest {

    /** Records what the race test must tell apart: a vCPU that exited, a vCPU that did not answer in time. */
    static final class Watch implements VmmObserver, VcpuObserver {
        final CountDownLatch exited = new CountDownLatch(1);
        final List<String> timedOut = new CopyOnWriteArrayList<>();
        /** The exit code the VMM stopped with (Vmm::stop), once it has. */
        final CompletableFuture<FcExitCode> stopped = new CompletableFuture<>();

        @Override
        public void stopped(FcExitCode code, long at) {
            stopped.complete(code);
        }

        @Override
        public void response(int vcpu, VcpuResponse response) {
            if (response instanceof VcpuResponse.Exited) {
                exited.countDown();
            }
        }

        @Override
        public void vcpuTimedOut(int vcpu, String op, long at) {
            timedOut.add("vcpu " + vcpu + " " + op);
        }

        Observers observers() {
            return new Observers(this, this, new Block.Listener() { });
        }
    }

    @Test
    void aPauseQueuedBeforeTheExitEventFailsAtOnceWithoutATimeout() throws Exception {
        Watch watch = new Watch();
        try (ThreadPlatform p = new ThreadPlatform()) {
            Vmm vmm = Vmm.boot(VmConfig.of(Guests.get("hello").elf(), ""), p, VmmParts.REFERENCE,
                    new ConsoleLog(p.clock(), null), watch.observers());
            assertTrue(watch.exited.await(60, TimeUnit.SECONDS), "the hello guest shuts down");
            assertEquals(null, vmm.shutdownExitCode(), "the exit event is not handled yet: the loop does not run");
            VmmError e = assertThrows(VmmError.class, vmm::pauseVm);
            assertEquals("Failed to message the vCPUs.", e.getMessage());
            assertEquals(List.of(), watch.timedOut, "the exited vCPU answered (Exited), it did not time out");
            vmm.processExitEvent();
            assertEquals(FcExitCode.OK, vmm.shutdownExitCode());
            assertEquals(List.of(), vmm.shutdown());
        }
    }
}
