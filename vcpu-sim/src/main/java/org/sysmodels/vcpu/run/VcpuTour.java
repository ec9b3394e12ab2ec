package org.sysmodels.vcpu.run;

import java.util.List;
import java.util.Locale;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.run.Plot;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.run.Series;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.vcpu.host.guest.Guests;
import org.sysmodels.vcpu.model.kvm.ExitReason;
import org.sysmodels.vcpu.scenario.VcpuScenario;
import org.sysmodels.vcpu.scenario.VcpuScenarios;

/**
 * The tour section: a guest booted and its exits counted, a guest that never exits paused and resumed (the kick),
 * snapshots restored and checked, two vCPUs sharing counters, a virtio-blk driver behind a rate limiter, and where a
 * microVM's boot time goes. All deterministic: same seed, same report.
 */
public final class VcpuTour {

    private VcpuTour() {
    }

    public static RunResult run(RunResult.Builder b, RunRequest request) throws UserInputException {
        MicroVmRun.Outcome hello = run(VcpuScenarios.CATALOG.resolve("hello"), request, true);
        b.summary("1. Boot: the VMM loads the guest's ELF at 0x8000_0000, starts its vCPU thread Paused, resumes "
                + "it; KVM_RUN returns to the VMM only when the guest needs it:");
        Reports.describe(b, hello);
        MicroVmRun.Outcome pause = run(VcpuScenarios.CATALOG.resolve("pause-resume"), request, false);
        b.summary("2. The kick: the spin guest never exits, so each Pause is send(event), immediate_exit = 1, "
                + "signal; KVM_RUN returns EINTR and the vCPU thread reads its channel:");
        pause.log().forEach(l -> b.summary("  " + l));
        b.checks(pause.checker().rules()).findings(pause.findings());
        MicroVmRun.Outcome snap = run(VcpuScenarios.CATALOG.resolve("snapshot"), request, false);
        b.summary("3. Snapshots: pause, snapshot, resume; each snapshot is then restored into a fresh VMM and run to "
                + "the end:");
        snap.log().forEach(l -> b.summary("  " + l));
        snap.restoreResults().forEach(l -> b.summary("  " + l));
        b.checks(snap.checker().rules()).findings(snap.findings());
        MicroVmRun.Outcome smp = run(VcpuScenarios.CATALOG.resolve("smp"), request, false);
        b.summary("4. Two vCPUs (hart 0 starts hart 1 with SBI HSM hart_start), interleaved by the simulated host "
                + "scheduler in 50 µs slices:");
        for (String line : smp.console().strip().split("\n")) {
            b.summary("  | " + line);
        }
        b.summary("  The racy counter loses the updates of every slice that began between its load and its store; "
                + "sim vcpu --scenario smp-threaded runs the same on real threads.");
        b.checks(smp.checker().rules()).findings(smp.findings());
        MicroVmRun.Outcome limited = run(VcpuScenarios.CATALOG.resolve("rate-limited"), request, false);
        b.summary(String.format(Locale.ROOT, "5. A virtio-blk driver behind Firecracker's rate limiter (ops bucket: 1 "
                + "per 100 ms): %d requests took %s; the limiter refused %d times.", limited.stats().blockRequests,
                SimTime.format(limited.endNs()), limited.stats().throttled));
        b.plot(requestsPlot(limited));
        b.checks(limited.checker().rules()).findings(limited.findings());
        b.summary("6. Boot timeline:");
        new BootTimeline(BootTimeline.DEFAULT.apiRequestNs(), BootTimeline.DEFAULT.vmmSetupNs(),
                BootTimeline.DEFAULT.copyBytesPerNs()).describe(b, Guests.get("hello").elf().length,
                Math.max(0, hello.bootNs()));
        b.summary(String.format(Locale.ROOT, "The hello guest caused %,d KVM_EXIT_MMIO in %,d instructions: two per "
                + "character (LSR, then THR).", hello.exits(ExitReason.MMIO), hello.instructions()));
        return b.build();
    }

    private static MicroVmRun.Outcome run(VcpuScenario s, RunRequest request, boolean traced) {
        MicroVmRun.Setup setup = MicroVmRun.Setup.of(s, Guests.get(s.guest()).elf(), s.guest());
        if (traced) {
            setup = setup.withTracer(request.tracer("vcpu-" + s.guest()));
        }
        return MicroVmRun.run(setup);
    }

    /** Requests completed over time against the bucket's bound. */
    static Plot requestsPlot(MicroVmRun.Outcome o) {
        List<Long> times = o.stats().requestTimes;
        double[] x = new double[times.size()];
        double[] y = new double[times.size()];
        double[] bound = new double[times.size()];
        for (int i = 0; i < times.size(); i++) {
            x[i] = times.get(i) / 1e6;
            y[i] = i + 1;
            bound[i] = 1 + x[i] / 100.0;
        }
        return new Plot("vcpu-rate-limit", "virtio-blk requests through an ops bucket (1 per 100 ms)",
                "virtual time (ms)", "requests completed", Plot.Kind.STEP, false, false,
                List.of(new Series("completed", x, y), new Series("bucket bound 1 + t/100 ms", x, bound)));
    }
}
