package org.sysmodels.vcpu.model.vmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sysmodels.vcpu.host.threads.ThreadPlatform;
import org.sysmodels.vcpu.model.vcpu.FcExitCode;
import org.sysmodels.vcpu.model.vcpu.VcpuObserver;

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
