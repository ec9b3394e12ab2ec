package org.sysmodels.vcpu.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.core.trace.Track;
import org.sysmodels.vcpu.check.VcpuCheck;
import org.sysmodels.vcpu.model.devices.virtio.Block;
import org.sysmodels.vcpu.model.kvm.Errno;
import org.sysmodels.vcpu.model.kvm.ExitReason;
import org.sysmodels.vcpu.model.kvm.KvmRun;
import org.sysmodels.vcpu.model.kvm.RunOutcome;
import org.sysmodels.vcpu.model.vcpu.FcExitCode;
import org.sysmodels.vcpu.model.vcpu.VcpuEvent;
import org.sysmodels.vcpu.model.vcpu.VcpuObserver;
import org.sysmodels.vcpu.model.vcpu.VcpuResponse;
import org.sysmodels.vcpu.model.vcpu.VcpuState;
import org.sysmodels.vcpu.model.vmm.VmmObserver;

/**
 * A run's one observer of the microVM: passes every event to the checks, counts exits by reason, and writes the trace
 * (a track per vCPU thread with KVM_RUN slices and exits, state changes and events as instants; the VMM's event loop
 * and each device on their own tracks). Calls may come from several threads (threaded mode): they are synchronized.
 */
final class RunObserver implements VmmObserver, VcpuObserver, Block.Listener {

    /** Exits by reason per vCPU, plus KVM_RUN failures by errno. */
    static final class Stats {
        final long[][] exits;
        final long[] errors;
        long kvmRuns;
        long blockRequests;
        long throttled;
        final List<Long> requestTimes = new ArrayList<>();
        /** MMIO accesses no device claimed, and the first one in Firecracker's warning's words. */
        long unclaimedMmio;
        String firstUnclaimedMmio;

        Stats(int vcpus) {
            exits = new long[vcpus][64];
            errors = new long[vcpus];
        }

        long total(int reason) {
            long n = 0;
            for (long[] e : exits) {
                n += e[reason];
            }
            return n;
        }
    }

    private final List<VcpuCheck> checks;
    private final Tracer tracer;
    private final LongSupplier clock;
    private final Stats stats;
    private final Track[] vcpuTracks;
    private final Track vmmTrack;
    private final Track blockTrack;
    private final Track serialTrack;
    private final StringBuilder serialLine = new StringBuilder();
    private final List<Runnable> onBooted = new ArrayList<>();
    private final List<Runnable> onWriteInFlight = new ArrayList<>();
    private long pauseStart = -1;

    RunObserver(List<VcpuCheck> checks, Tracer tracer, LongSupplier clock, int vcpus) {
        this.checks = List.copyOf(checks);
        this.tracer = tracer;
        this.clock = clock;
        this.stats = new Stats(vcpus);
        this.vcpuTracks = new Track[vcpus];
        for (int i = 0; i < vcpus; i++) {
            vcpuTracks[i] = tracer.track("microVM", "fc_vcpu " + i);
        }
        vmmTrack = tracer.track("microVM", "VMM event loop");
        blockTrack = tracer.track("devices", "virtio-blk");
        serialTrack = tracer.track("devices", "serial (16550A)");
    }

    Stats stats() {
        return stats;
    }

    synchronized void onBooted(Runnable r) {
        onBooted.add(r);
    }

    synchronized void onWriteInFlight(Runnable r) {
        onWriteInFlight.add(r);
    }

    // ------------------------------------------------------------------ vCPU threads

    @Override
    public synchronized void event(int vcpu, VcpuEvent event, VcpuState state) {
        checks.forEach(c -> c.event(vcpu, event, state));
        if (tracer.enabled()) {
            tracer.instant(vcpuTracks[vcpu], "event " + VcpuEvent.describe(event), clock.getAsLong());
        }
    }

    @Override
    public synchronized void response(int vcpu, VcpuResponse response) {
        checks.forEach(c -> c.response(vcpu, response));
        if (tracer.enabled()) {
            tracer.instant(vcpuTracks[vcpu], VcpuResponse.describe(response), clock.getAsLong());
        }
    }

    @Override
    public synchronized void transition(int vcpu, VcpuState from, VcpuState to) {
        checks.forEach(c -> c.transition(vcpu, from, to));
        if (tracer.enabled()) {
            tracer.instant(vcpuTracks[vcpu], VcpuState.describe(from) + " → " + VcpuState.describe(to),
                    clock.getAsLong());
        }
    }

    @Override
    public synchronized void kvmRun(int vcpu, RunOutcome outcome, KvmRun run, long guestNanos) {
        stats.kvmRuns++;
        boolean exit = outcome instanceof RunOutcome.Exit;
        if (exit) {
            stats.exits[vcpu][run.exitReason & 63]++;
        } else {
            stats.errors[vcpu]++;
        }
        if (tracer.enabled()) {
            long now = clock.getAsLong();
            String what = switch (outcome) {
                case RunOutcome.Exit e -> ExitReason.name(run.exitReason);
                case RunOutcome.Interrupted i -> Errno.name(Errno.EINTR);
                case RunOutcome.Failed f -> Errno.name(f.errno());
                case RunOutcome.Preempted p -> "preempted"; // never reported: the thread has not come back
            };
            tracer.complete(vcpuTracks[vcpu], "KVM_RUN", Math.max(0, now - guestNanos), now);
            if (exit && run.exitReason == ExitReason.MMIO) {
                tracer.instant(vcpuTracks[vcpu], what + (run.mmioIsWrite ? " write" : " read"), now, "addr",
                        run.mmioPhysAddr, "len", run.mmioLen);
            } else {
                tracer.instant(vcpuTracks[vcpu], what, now);
            }
        }
        checks.forEach(c -> c.kvmRun(vcpu, outcome, run, guestNanos));
    }

    @Override
    public synchronized void emulationError(int vcpu, org.sysmodels.vcpu.model.vcpu.VcpuError error) {
        checks.forEach(c -> c.emulationError(vcpu, error));
        tracer.instant(vcpuTracks[vcpu], error.message(), clock.getAsLong());
    }

    @Override
    public synchronized void unclaimedMmio(int vcpu, long addr, int len, boolean write) {
        checks.forEach(c -> c.unclaimedMmio(vcpu, addr, len, write));
        if (stats.unclaimedMmio++ == 0) {
            stats.firstUnclaimedMmio = String.format("vCPU %d: Invalid MMIO %s @ 0x%x:0x%x", vcpu,
                    write ? "write" : "read", addr, len);
            tracer.instant(vcpuTracks[vcpu], stats.firstUnclaimedMmio, clock.getAsLong());
        }
    }

    // ------------------------------------------------------------------ the VMM

    @Override
    public synchronized void vcpusRequest(String op, long at) {
        checks.forEach(c -> c.vcpusRequest(op, at));
        pauseStart = at;
    }

    @Override
    public synchronized void vcpusAnswered(String op, boolean ok, String error, long at) {
        checks.forEach(c -> c.vcpusAnswered(op, ok, error, at));
        if (tracer.enabled() && pauseStart >= 0) {
            tracer.complete(vmmTrack, op + (ok ? "" : " failed"), pauseStart, at);
        }
    }

    @Override
    public synchronized void vcpuTimedOut(int vcpu, String op, long at) {
        checks.forEach(c -> c.vcpuTimedOut(vcpu, op, at));
    }

    @Override
    public void snapshotCaptured(boolean full, List<VcpuState> vcpuStates, int inFlight, long at) {
        synchronized (this) {
            checks.forEach(c -> c.snapshotCaptured(full, vcpuStates, inFlight, at));
            tracer.instant(vmmTrack, (full ? "full" : "diff") + " snapshot captured", at);
        }
    }

    @Override
    public void guestBooted(long sinceStart, long at) {
        List<Runnable> run;
        synchronized (this) {
            checks.forEach(c -> c.guestBooted(sinceStart, at));
            tracer.instant(vmmTrack, "Guest-boot-time = " + sinceStart / 1000 + " us", at);
            run = List.copyOf(onBooted);
            onBooted.clear();
        }
        run.forEach(Runnable::run);
    }

    @Override
    public synchronized void stopped(FcExitCode code, long at) {
        checks.forEach(c -> c.stopped(code, at));
        tracer.instant(vmmTrack, "Vmm::stop(" + code.rustName() + ")", at);
    }

    @Override
    public synchronized void teardown(String step, long at) {
        checks.forEach(c -> c.teardown(step, at));
        tracer.instant(vmmTrack, step, at);
    }

    /** A byte the guest wrote to the serial port: each line becomes an instant on the serial track. */
    synchronized void serialByte(int b) {
        if (!tracer.enabled()) {
            return;
        }
        if (b == '\n') {
            tracer.instant(serialTrack, "serial: " + serialLine, clock.getAsLong());
            serialLine.setLength(0);
        } else if (serialLine.length() < 200) {
            serialLine.append((char) b);
        }
    }

    // ------------------------------------------------------------------ block devices

    @Override
    public synchronized void request(Block device, int type, long sector, int dataLen, int status, boolean async) {
        stats.blockRequests++;
        stats.requestTimes.add(clock.getAsLong());
        checks.forEach(c -> c.request(device, type, sector, dataLen, status, async));
        if (tracer.enabled()) {
            tracer.instant(blockTrack, device.id() + " " + typeName(type) + " done", clock.getAsLong(), "sector",
                    sector, "status", status);
        }
    }

    @Override
    public synchronized void throttled(Block device) {
        stats.throttled++;
        checks.forEach(c -> c.throttled(device));
        tracer.instant(blockTrack, device.id() + " throttled by the rate limiter", clock.getAsLong());
    }

    @Override
    public void submitted(Block device, int type, long sector, int dataLen) {
        List<Runnable> run = List.of();
        synchronized (this) {
            checks.forEach(c -> c.submitted(device, type, sector, dataLen));
            tracer.instant(blockTrack, device.id() + " " + typeName(type) + " in flight", clock.getAsLong(),
                    "sector", sector);
            if (type == Block.T_OUT) {
                run = List.copyOf(onWriteInFlight);
                onWriteInFlight.clear();
            }
        }
        run.forEach(Runnable::run);
    }

    static String typeName(int type) {
        return switch (type) {
            case Block.T_IN -> "IN";
            case Block.T_OUT -> "OUT";
            case Block.T_FLUSH -> "FLUSH";
            case Block.T_GET_ID -> "GET_ID";
            case -1 -> "malformed";
            default -> "type " + type;
        };
    }
}
