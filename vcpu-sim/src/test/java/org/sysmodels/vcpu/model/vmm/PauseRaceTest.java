package org.sysmodels.vcpu.model.vmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Props;
import org.sysmodels.vcpu.host.guest.Guests;
import org.sysmodels.vcpu.host.threads.ThreadPlatform;
import org.sysmodels.vcpu.model.vcpu.FcExitCode;

/**
 * Pause and resume racing with guest exits, on real threads: two vCPUs of the smp guest (hart 0 prints, both hammer
 * shared counters) and random sequences of pause, resume and snapshot requests, each answered within a bounded wait.
 * No event may be lost (every request gets its answer, and no vCPU ever hits the response timeout), nothing may
 * deadlock, and the guest's atomic totals stay right.
 *
 * <p>The guest may finish while the requests go on: its vCPU answers Exited and writes the exit eventfd, and a
 * request the test queued on the VMM thread before the loop handled that eventfd fails with "Failed to message the
 * vCPUs" (Firecracker's answer, see PauseAfterGuestExitTest). That ends the sequence; only a timeout is a failure.
 */
class PauseRaceTest {

    @Test
    void pauseAndResumeNeverLoseAnEventOrDeadlock() {
        Props.property(12).forAll(lists().of(integers().between(0, 2)).ofSizeBetween(4, 30))
                .checkAssert(PauseRaceTest::run);
    }

    static void run(List<Integer> ops) {
        PauseAfterGuestExitTest.Watch watch = new PauseAfterGuestExitTest.Watch();
        try (ThreadPlatform p = new ThreadPlatform()) {
            ConsoleLog log = new ConsoleLog(p.clock(), null);
            Vmm vmm = Vmm.boot(VmConfig.of(Guests.get("smp").elf(), "iters=300000").withVcpus(2), p,
                    VmmParts.REFERENCE, log, watch.observers());
            CompletableFuture<Void> loop = CompletableFuture.runAsync(() -> {
                try {
                    p.runLoop(() -> false, 10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            boolean paused = false;
            for (int op : ops) {
                boolean wasPaused = paused;
                CompletableFuture<String> done = new CompletableFuture<>();
                p.submit(() -> {
                    try {
                        if (vmm.shutdownExitCode() != null) {
                            done.complete("stopped");
                        } else if (op == 0) {
                            vmm.pauseVm();
                            done.complete("paused");
                        } else if (op == 1) {
                            vmm.resumeVm();
                            done.complete("resumed");
                        } else {
                            vmm.createSnapshot(true);
                            done.complete("snapshot");
                        }
                    } catch (VmmError e) {
                        done.complete(watch.exited.getCount() == 0 && watch.timedOut.isEmpty() ? "stopped"
                                : "error: " + e.getMessage());
                    }
                });
                String r = done.get(60, TimeUnit.SECONDS);
                assertEquals(List.of(), watch.timedOut, "a vCPU did not answer in time: " + ops);
                if (r.equals("stopped")) {
                    break;
                }
                String want = switch (op) {
                    case 0 -> "paused";
                    case 1 -> "resumed";
                    default -> wasPaused ? "snapshot"
                            : "error: Operation not allowed: save/restore unavailable while running";
                };
                assertEquals(want, r, ops.toString());
                paused = op == 0 || (paused && op == 2);
            }
            CompletableFuture<List<Integer>> stuck = new CompletableFuture<>();
            p.submit(() -> {
                try {
                    if (vmm.state() == VmState.PAUSED) {
                        vmm.resumeVm();
                    }
                } catch (VmmError e) {
                    stuck.completeExceptionally(e);
                }
            });
            try {
                assertEquals(FcExitCode.OK, watch.stopped.get(120, TimeUnit.SECONDS), "the guest finished: "
                        + log.text());
            } catch (java.util.concurrent.TimeoutException e) {
                fail("the VMM did not stop in 120 s: " + log.text());
            }
            assertEquals(FcExitCode.OK, vmm.shutdownExitCode(), "the guest finished: " + log.text());
            assertEquals(true, log.text().contains("atomic: 600000\nlocked: 600000"), log.text());
            p.submit(() -> stuck.complete(vmm.shutdown()));
            assertEquals(List.of(), stuck.get(60, TimeUnit.SECONDS));
            p.stop();
            loop.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
