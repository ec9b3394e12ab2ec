package org.sysmodels.vcpu.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import org.sysmodels.core.check.Checker;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.core.trace.TraceLog;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.vcpu.check.BlockDrainedBeforeSave;
import org.sysmodels.vcpu.check.RateLimiterBound;
import org.sysmodels.vcpu.check.RestoreMatchesRun;
import org.sysmodels.vcpu.check.SnapshotOnlyPaused;
import org.sysmodels.vcpu.check.TeardownInOrder;
import org.sysmodels.vcpu.check.VcpuCheck;
import org.sysmodels.vcpu.check.VcpuStateTable;
import org.sysmodels.vcpu.check.VcpusAnswerInTime;
import org.sysmodels.vcpu.check.VmmExitsOk;
import org.sysmodels.vcpu.host.disk.FileDisk;
import org.sysmodels.vcpu.host.disk.OsError;
import org.sysmodels.vcpu.host.guest.Guests;
import org.sysmodels.vcpu.host.threads.ThreadPlatform;
import org.sysmodels.vcpu.model.devices.virtio.Block;
import org.sysmodels.vcpu.model.devices.virtio.DiskImage;
import org.sysmodels.vcpu.model.devices.virtio.MemoryDisk;
import org.sysmodels.vcpu.model.isa.Hart;
import org.sysmodels.vcpu.model.kvm.Timing;
import org.sysmodels.vcpu.model.platform.DeterministicPlatform;
import org.sysmodels.vcpu.model.platform.Platform;
import org.sysmodels.vcpu.model.os.Received;
import org.sysmodels.vcpu.model.vcpu.FcExitCode;
import org.sysmodels.vcpu.model.vcpu.VcpuEvent;
import org.sysmodels.vcpu.model.vcpu.VcpuResponse;
import org.sysmodels.vcpu.model.vmm.ConsoleLog;
import org.sysmodels.vcpu.model.vmm.MemoryImage;
import org.sysmodels.vcpu.model.vmm.Observers;
import org.sysmodels.vcpu.model.vmm.VcpuHandle;
import org.sysmodels.vcpu.model.vmm.VmConfig;
import org.sysmodels.vcpu.model.vmm.Vmm;
import org.sysmodels.vcpu.model.vmm.VmmError;
import org.sysmodels.vcpu.model.vmm.VmmParts;
import org.sysmodels.vcpu.scenario.VcpuScenario;

/**
 * One microVM run wired together: the guest, the machine the scenario asks for, the VMM's parts (Firecracker's, a
 * bug lab's variant), every check, the actions (pause, resume, snapshot) at their times, and afterwards each snapshot
 * restored into a fresh VMM and run to the end, to compare with this run's end.
 */
public final class MicroVmRun {

    /**
     * What to run. {@code instructionBudget} (0: none) ends a run on real threads once its harts have retired that
     * many instructions, as the scenario's run-for ends a deterministic one in virtual time.
     */
    public record Setup(VcpuScenario scenario, byte[] kernel, String kernelName, VmmParts parts, Tracer tracer,
                        IntConsumer consoleTee, long instructionBudget) {

        public Setup {
            tracer = tracer == null ? Tracer.off() : tracer;
        }

        public Setup(VcpuScenario scenario, byte[] kernel, String kernelName, VmmParts parts, Tracer tracer,
                     IntConsumer consoleTee) {
            this(scenario, kernel, kernelName, parts, tracer, consoleTee, 0);
        }

        public static Setup of(VcpuScenario s, byte[] kernel, String name) {
            return new Setup(s, kernel, name, VmmParts.REFERENCE, Tracer.off(), null);
        }

        public Setup withParts(VmmParts p) {
            return new Setup(scenario, kernel, kernelName, p, tracer, consoleTee, instructionBudget);
        }

        public Setup withTracer(Tracer t) {
            return new Setup(scenario, kernel, kernelName, parts, t, consoleTee, instructionBudget);
        }

        public Setup withInstructionBudget(long n) {
            return new Setup(scenario, kernel, kernelName, parts, tracer, consoleTee, n);
        }
    }

    /** A snapshot the run took, with what a restore needs besides it (the disks as they were then). */
    public record Taken(String label, long at, Vmm.Snapshot snapshot, MemoryImage merged, Map<String, byte[]> disks,
                        String consoleSoFar) {
    }

    /** A hart's state at the end, for comparisons. */
    public record HartEnd(long[] x, long pc, long instret) {
    }

    /** What a run produced. */
    public record Outcome(VcpuScenario scenario, String kernelName, String console, FcExitCode exitCode,
                          boolean cutByLimit, long endNs, long bootNs, long instructions, RunObserver.Stats stats,
                          List<String> log, List<Taken> snapshots, List<String> restoreResults,
                          Checker<VcpuCheck> checker, TraceLog trace, String startError, List<HartEnd> harts,
                          Map<String, byte[]> disks, Vmm vmm, List<Integer> stuckThreads) {

        public Findings findings() {
            return checker.findings();
        }

        public long exits(int reason) {
            return stats == null ? 0 : stats.total(reason);
        }
    }

    private MicroVmRun() {
    }

    /** Runs the setup; never throws for a bad guest (that is a start error in the outcome, as an API error). */
    public static Outcome run(Setup setup) {
        return run(setup, new Findings(), true);
    }

    static Outcome run(Setup setup, Findings findings, boolean verifySnapshots) {
        VcpuScenario s = setup.scenario();
        boolean threaded = s.mode() == VcpuScenario.Mode.THREADED;
        Timing timing = new Timing(1, s.exitCost(), Timing.DEFAULT.inKernelExitNs(), s.slice());
        Scheduler scheduler = new Scheduler();
        DeterministicPlatform det = threaded ? null : new DeterministicPlatform(scheduler, timing);
        ThreadPlatform real = threaded ? new ThreadPlatform() : null;
        Platform platform = threaded ? real : det;
        try {
            return runOn(setup, platform, det, real, timing, findings, verifySnapshots);
        } finally {
            if (real != null) {
                real.close();
            }
        }
    }

    /** Rust's io::Error text for a backing file that would not open (Firecracker's BackingFile error). */
    private static String ioError(IOException e) {
        String text = OsError.of(e);
        return text != null ? text : e.getMessage();
    }

    private static Outcome runOn(Setup setup, Platform platform, DeterministicPlatform det, ThreadPlatform real,
                                 Timing timing, Findings findings, boolean verifySnapshots) {
        VcpuScenario s = setup.scenario();
        int vcpus = s.vcpus() != null ? s.vcpus() : Guests.byName(s.guest()).map(Guests.Guest::vcpus).orElse(1);
        String bootArgs = s.bootArgs() != null ? s.bootArgs()
                : Guests.byName(s.guest()).map(Guests.Guest::bootArgs).orElse("");
        List<String> log = new ArrayList<>();
        Map<String, DiskImage> disks = new LinkedHashMap<>();
        List<VmConfig.Drive> drives = new ArrayList<>();
        Map<String, RateLimiterBound.OpsBucket> opsBuckets = new HashMap<>();
        VcpuScenario.Drive d = s.drive() != null ? s.drive()
                : Guests.byName(s.guest()).filter(Guests.Guest::needsDrive).map(g -> VcpuScenario.Drive.DEFAULT)
                .orElse(null);
        if (d != null) {
            DiskImage disk;
            try {
                disk = d.path() != null ? FileDisk.open(Path.of(d.path()), d.readOnly()) : memoryDisk(d);
            } catch (IOException e) {
                return failed(setup, findings, "Drive config error: Unable to create the virtio block device: "
                        + "Virtio backend error: Error manipulating the backing file: " + ioError(e) + " " + d.path(),
                        log);
            }
            DiskSizeWarning.of(disk).forEach(log::add);
            disks.put("rootfs", disk);
            VmConfig.Limiter limiter = new VmConfig.Limiter(bucket(d.bandwidth()), bucket(d.ops()));
            if (d.ops() != null) {
                opsBuckets.put("rootfs", new RateLimiterBound.OpsBucket(d.ops().size(), d.ops().oneTimeBurst(),
                        d.ops().refillTime()));
            }
            drives.add(new VmConfig.Drive("rootfs", disk, true, limiter, d.engine() == VcpuScenario.Engine.ASYNC
                    ? Block.Engine.ASYNC : Block.Engine.SYNC, d.asyncLatency(), false));
        }
        VmConfig config = new VmConfig(vcpus, s.memMib(), s.trackDirtyPages(), setup.kernel(), bootArgs, drives,
                timing);
        java.util.function.LongSupplier clock = () -> platform.clock().nanoTime();
        TeardownInOrder teardown = new TeardownInOrder(findings);
        RestoreMatchesRun restore = new RestoreMatchesRun(findings);
        List<VcpuCheck> checks = List.of(new VcpuStateTable(findings, clock), new VcpusAnswerInTime(findings),
                new SnapshotOnlyPaused(findings), new BlockDrainedBeforeSave(findings), restore, teardown,
                new RateLimiterBound(findings, opsBuckets, clock), new VmmExitsOk(findings));
        Checker<VcpuCheck> checker = new Checker<>(checks, findings);
        RunObserver obs = new RunObserver(checks, platform.deterministic() ? setup.tracer() : Tracer.off(), clock,
                vcpus);
        java.util.function.IntConsumer userTee = setup.consoleTee();
        ConsoleLog console = new ConsoleLog(platform.clock(), c -> {
            obs.serialByte(c);
            if (userTee != null) {
                userTee.accept(c);
            }
        });
        Vmm[] vmmHolder = new Vmm[1];
        String[] startError = {null};
        onVmm(platform, () -> {
            try {
                vmmHolder[0] = Vmm.boot(config, platform, setup.parts(), console, Observers.of(obs));
            } catch (VmmError e) {
                startError[0] = "Start microvm error: " + e.getMessage();
            }
        });
        if (vmmHolder[0] == null) {
            return failed(setup, findings, startError[0], log);
        }
        Vmm vmm = vmmHolder[0];
        long start = platform.clock().nanoTime();
        List<Taken> taken = new ArrayList<>();
        MemoryImage[] lastMerged = {null};
        for (VcpuScenario.Action a : s.actions()) {
            Runnable perform = () -> perform(vmm, a, log, taken, lastMerged, disks, console);
            if (a.at() != null) {
                if (det != null) {
                    det.scheduler().at(Math.max(a.at(), det.scheduler().now()), () -> det.post(perform));
                } else {
                    scheduleReal(real, start + a.at(), perform);
                }
            } else if (a.on() == VcpuScenario.Trigger.BOOTED) {
                obs.onBooted(later(det, real, perform));
            } else {
                obs.onWriteInFlight(later(det, real, perform));
            }
        }
        boolean cut;
        if (det != null) {
            det.runUntil(() -> vmm.shutdownExitCode() != null, s.runFor());
        } else {
            try {
                long deadline = start + s.runFor();
                long budget = setup.instructionBudget();
                real.runLoop(() -> vmm.shutdownExitCode() != null || System.nanoTime() >= deadline
                        || (budget > 0 && retired(vmm, vcpus) >= budget), 5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        cut = vmm.shutdownExitCode() == null;
        long end = platform.clock().nanoTime();
        if (cut) {
            log.add("at " + SimTime.format(end - start) + ": the run's " + (setup.instructionBudget() > 0
                    && retired(vmm, vcpus) >= setup.instructionBudget() ? String.format(Locale.ROOT,
                    "instruction budget (%,d)", setup.instructionBudget()) : "time limit (" + SimTime.format(s.runFor())
                    + ")") + " ended the microVM; the VMM had not stopped");
            teardown.stopped(FcExitCode.OK, end);
        }
        List<HartEnd> harts = new ArrayList<>();
        for (int i = 0; i < vcpus; i++) {
            Hart h = vmm.kvm().vcpu(i).hart();
            harts.add(new HartEnd(h.registers(), h.pc, h.instret));
        }
        long instructions = harts.stream().mapToLong(HartEnd::instret).sum();
        List<Integer>[] stuck = newList();
        onVmm(platform, () -> stuck[0] = vmm.shutdown());
        checker.finish(platform.clock().nanoTime());
        Map<String, byte[]> diskEnd = new LinkedHashMap<>();
        disks.forEach((id, disk) -> {
            if (disk instanceof MemoryDisk m) {
                diskEnd.put(id, m.contents());
            }
        });
        List<String> restoreResults = new ArrayList<>();
        Outcome main = new Outcome(s, setup.kernelName(), console.text(), vmm.shutdownExitCode(), cut, end - start,
                vmm.bootTimeNs(), instructions, obs.stats(), log, taken, restoreResults, checker,
                setup.tracer().log(), null, harts, diskEnd, vmm, stuck[0]);
        if (verifySnapshots && det != null) {
            for (Taken t : taken) {
                String diff = RestoreVerification.verify(setup, main, t, timing);
                restore.compared(t.label(), diff, end);
                restoreResults.add(t.label() + (diff == null ? ": restored and run on, ended exactly as this run did"
                        : ": " + diff));
            }
        }
        return main;
    }

    /** The instructions every hart has retired so far (read from the VMM thread while the vCPUs run). */
    private static long retired(Vmm vmm, int vcpus) {
        long n = 0;
        for (int i = 0; i < vcpus; i++) {
            n += vmm.kvm().vcpu(i).hart().instret;
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    private static List<Integer>[] newList() {
        return new List[] {List.of()};
    }

    /** Hands an action to the VMM thread when its trigger fires. */
    private static Runnable later(DeterministicPlatform det, ThreadPlatform real, Runnable r) {
        if (det != null) {
            return () -> det.post(r);
        }
        return () -> real.submit(r);
    }

    private static void scheduleReal(ThreadPlatform real, long atNanos, Runnable r) {
        Thread t = new Thread(() -> {
            long wait = atNanos - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            real.submit(r);
        }, "scenario-action");
        t.setDaemon(true);
        t.start();
    }

    private static void onVmm(Platform platform, Runnable r) {
        if (platform instanceof DeterministicPlatform dp) {
            dp.onVmmThread(r);
        } else {
            r.run();
        }
    }

    private static void perform(Vmm vmm, VcpuScenario.Action a, List<String> log, List<Taken> taken,
                                MemoryImage[] lastMerged, Map<String, DiskImage> disks, ConsoleLog console) {
        if (vmm.shutdownExitCode() != null) {
            return;
        }
        long at = vmm.now() - vmm.startedAt();
        String when = "at " + SimTime.format(at) + ": ";
        try {
            switch (a.what()) {
                case PAUSE -> {
                    vmm.pauseVm();
                    log.add(when + "PATCH /vm Paused: every vCPU answered Paused");
                }
                case RESUME -> {
                    vmm.resumeVm();
                    log.add(when + "PATCH /vm Resumed: every vCPU answered Resumed");
                }
                case SNAPSHOT -> {
                    boolean full = a.type() == VcpuScenario.SnapshotType.FULL;
                    Vmm.Snapshot snap = vmm.createSnapshot(full);
                    MemoryImage merged = full || lastMerged[0] == null ? snap.memory()
                            : snap.memory().over(lastMerged[0]);
                    lastMerged[0] = merged;
                    Map<String, byte[]> copies = new LinkedHashMap<>();
                    disks.forEach((id, disk) -> {
                        if (disk instanceof MemoryDisk m) {
                            copies.put(id, m.contents());
                        }
                    });
                    String label = (full ? "full" : "diff") + " snapshot at " + SimTime.format(at);
                    taken.add(new Taken(label, at, snap, merged, copies, console.text()));
                    log.add(String.format(Locale.ROOT, "%sPUT /snapshot/create %s: %d memory pages written (of %d)",
                            when, full ? "Full" : "Diff", snap.memory().pageCount(), vmm.memory().pageCount()));
                }
                case DUMP_CPU_CONFIG -> {
                    StringBuilder sb = new StringBuilder(when + "DumpCpuConfig:");
                    for (VcpuHandle h : vmm.handles()) {
                        h.sendEvent(VcpuEvent.DUMP_CPU_CONFIG);
                        Received<VcpuResponse> r = h.responseReceiver().recvTimeout(Vmm.RECV_TIMEOUT_NS);
                        sb.append(' ').append(r instanceof Received.Message<VcpuResponse> m
                                ? VcpuResponse.describe(m.value()) : "no answer");
                    }
                    log.add(sb.toString());
                }
            }
        } catch (VmmError e) {
            String prefix = switch (a.what()) {
                case SNAPSHOT -> "Create snapshot error: Cannot save the microVM state: ";
                default -> "Internal VMM error: ";
            };
            log.add(when + a.what().name().toLowerCase(Locale.ROOT) + " refused: " + prefix + e.getMessage());
        }
    }

    private static VmConfig.Bucket bucket(VcpuScenario.Bucket b) {
        return b == null ? null : new VmConfig.Bucket(b.size(), b.oneTimeBurst(), b.refillTime() / 1_000_000L);
    }

    static MemoryDisk memoryDisk(VcpuScenario.Drive d) {
        byte[] bytes = new byte[(int) (d.sizeKib() * 1024)];
        byte[] text = d.text().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, bytes, 0, Math.min(text.length, bytes.length));
        return new MemoryDisk(bytes, d.readOnly());
    }

    private static Outcome failed(Setup setup, Findings findings, String error, List<String> log) {
        Checker<VcpuCheck> checker = new Checker<>(List.of(), findings);
        return new Outcome(setup.scenario(), setup.kernelName(), "", null, false, 0, -1, 0, null, log, List.of(),
                List.of(), checker, setup.tracer().log(), error, List.of(), Map.of(), null, List.of());
    }
}
