package org.sysmodels.vcpu.model.vmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sysmodels.vcpu.host.threads.ThreadPlatform;
import org.sysmodels.vcpu.model.vcpu.FcExitCode;
import org.sysmodels.vcpu.model.devices.virtio.Block;
import org.sysmodels.vcpu.model.vcpu.VcpuObserver;
import org.sysmodels.vcpu.model.vcpu.VcpuResponse;
import org.sysmodels.vcpu.testing.Asm;

class ThreadedVmmTest {

    @Test
    void smpGuestRunsOnRealThreads() throws Exception {
        try (ThreadPlatform p = new ThreadPlatform()) {
            ConsoleLog log = new ConsoleLog(p.clock(), null);
            Vmm vmm = Vmm.boot(VmConfig.of(VmmBootTest.elf("smp"), "iters=20000").withVcpus(2), p,
                    VmmParts.REFERENCE, log, Observers.NONE);
            // bounded: a VMM that never stops (the deadlock this test is for) fails the test instead of hanging it
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            p.runLoop(() -> vmm.shutdownExitCode() != null || System.nanoTime() - deadline >= 0, 50);
            assertEquals(FcExitCode.OK, vmm.shutdownExitCode(), "the guest finished within 120 s: " + log.text());
            assertTrue(log.text().contains("atomic: 40000\nlocked: 40000"), log.text());
            System.out.println(log.text());
            assertEquals(List.of(), vmm.shutdown());
        }
    }

    /**
     * A vCPU that fails must be reported with GenericError whenever the VMM's exit handler runs: it drains the
     * vCPUs' answers without waiting, so the answer must be there before the exit event wakes it. Signalling first
     * (Firecracker's order) let the VMM record Ok for a crashing guest in threaded mode; a slow observer of the
     * answer (the run's checks and trace are one) made it happen every time.
     */
    @Test
    void aFailingVcpuIsReportedEvenWhenItsObserverIsSlow() throws Exception {
        VcpuObserver slow = new VcpuObserver() {
            @Override
            public void response(int vcpu, VcpuResponse response) {
                if (response instanceof VcpuResponse.Exited) {
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        try (ThreadPlatform p = new ThreadPlatform()) {
            ConsoleLog log = new ConsoleLog(p.clock(), null);
            byte[] elf = Asm.elf(0x8000_0000L, new int[] {Asm.addi(5, 0, 1), 0xFFFF_FFFF}, 0);
            Vmm vmm = Vmm.boot(VmConfig.of(elf, ""), p, VmmParts.REFERENCE, log,
                    new Observers(VmmObserver.NONE, slow, new Block.Listener() { }));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            p.runLoop(() -> vmm.shutdownExitCode() != null || System.nanoTime() - deadline >= 0, 20);
            assertEquals(FcExitCode.GENERIC_ERROR, vmm.shutdownExitCode());
            assertEquals(List.of(), vmm.shutdown());
        }
    }

    @Test
    void spinningGuestPausesAndResumes() throws Exception {
        try (ThreadPlatform p = new ThreadPlatform()) {
            ConsoleLog log = new ConsoleLog(p.clock(), null);
            Vmm vmm = Vmm.boot(VmConfig.of(VmmBootTest.elf("spin"), ""), p, VmmParts.REFERENCE, log,
                    Observers.NONE);
            CompletableFuture<Void> loop = CompletableFuture.runAsync(() -> {
                try {
                    p.runLoop(() -> vmm.shutdownExitCode() != null, 20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            for (int i = 0; i < 50; i++) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                p.submit(() -> {
                    try {
                        vmm.pauseVm();
                        vmm.resumeVm();
                        done.complete(null);
                    } catch (VmmError e) {
                        done.completeExceptionally(e);
                    }
                });
                done.get(60, TimeUnit.SECONDS);
            }
            assertEquals(VmState.RUNNING, vmm.state());
            CompletableFuture<List<Integer>> stuck = new CompletableFuture<>();
            p.submit(() -> stuck.complete(vmm.shutdown()));
            assertEquals(List.of(), stuck.get(60, TimeUnit.SECONDS));
            p.stop();
            loop.get(60, TimeUnit.SECONDS);
        }
    }
}
