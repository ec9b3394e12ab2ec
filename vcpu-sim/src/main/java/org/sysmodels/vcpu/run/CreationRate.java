package org.sysmodels.vcpu.run;

import java.util.Locale;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.vcpu.model.kvm.Timing;
import org.sysmodels.vcpu.model.platform.DeterministicPlatform;
import org.sysmodels.vcpu.model.vmm.ConsoleLog;
import org.sysmodels.vcpu.model.vmm.Observers;
import org.sysmodels.vcpu.model.vmm.VmConfig;
import org.sysmodels.vcpu.model.vmm.Vmm;
import org.sysmodels.vcpu.model.vmm.VmmError;
import org.sysmodels.vcpu.model.vmm.VmmParts;

/**
 * The creation-rate experiment: create a microVM, boot it until its first serial byte, tear it down, {@code count}
 * times, and count how many per second this simulator manages on one host thread (Firecracker's design.md states a
 * steady mutation rate of 5 real microVMs per host core per second, with a minimal kernel, 1 vCPU, 128 MiB). The
 * JMH benchmark measures the same on two cores.
 */
public final class CreationRate {

    /** What one round measured, on microVMs of {@code vcpus} vCPUs and {@code memMib} MiB. */
    public record Result(int microVms, int vcpus, long memMib, double seconds, long virtualNsPerVm,
                         int residentPages) {
        public double perSecond() {
            return microVms / seconds;
        }
    }

    private CreationRate() {
    }

    /** Creates, boots to the first serial byte and tears down one microVM; returns its virtual time. */
    public static long once(VmConfig config, int[] pages) throws VmmError {
        Scheduler scheduler = new Scheduler();
        DeterministicPlatform p = new DeterministicPlatform(scheduler, config.timing());
        ConsoleLog console = new ConsoleLog(p.clock(), null);
        Vmm[] vmm = new Vmm[1];
        VmmError[] error = {null};
        p.onVmmThread(() -> {
            try {
                vmm[0] = Vmm.boot(config, p, VmmParts.REFERENCE, console, Observers.NONE);
            } catch (VmmError e) {
                error[0] = e;
            }
        });
        if (error[0] != null) {
            throw error[0];
        }
        p.runUntil(() -> console.size() > 0, 1_000_000_000L);
        long t = console.firstByteAt();
        pages[0] = vmm[0].memory().residentPages();
        vmm[0].stop(org.sysmodels.vcpu.model.vcpu.FcExitCode.OK);
        p.onVmmThread(vmm[0]::shutdown);
        return t;
    }

    /** {@code count} microVMs of {@code vcpus} vCPUs and {@code memMib} MiB, one after another. */
    public static Result measure(byte[] kernel, String bootArgs, int vcpus, long memMib, int count)
            throws VmmError {
        VmConfig config = VmConfig.of(kernel, bootArgs).withVcpus(vcpus).withMemory(memMib)
                .withTiming(Timing.DEFAULT);
        int[] pages = {0};
        long virtual = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            virtual = once(config, pages);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Result(count, vcpus, memMib, seconds, virtual, pages[0]);
    }

    public static RunResult.Builder describe(RunResult.Builder b, Result r) {
        b.summary(String.format(Locale.ROOT, "%,d microVMs (%d vCPU%s, %d MiB) created, booted to their first "
                + "serial byte and torn down in %.2f s of real time on one thread: %,.0f per second (this run's wall "
                + "clock; the benchmark measures it properly).", r.microVms(), r.vcpus(), r.vcpus() == 1 ? "" : "s",
                r.memMib(), r.seconds(), r.perSecond()));
        b.summary(String.format(Locale.ROOT, "each boot to the first byte took %s of virtual time and touched %d "
                + "pages (%d KiB) of its %d MiB: guest memory costs only what the guest writes.",
                SimTime.format(r.virtualNsPerVm()), r.residentPages(), r.residentPages() * 4, r.memMib()));
        b.summary("Firecracker states 5 real microVMs per host core per second (design.md, \"steady mutation "
                + "rate\", minimal kernel, 1 vCPU, 128 MiB): a real boot runs a Linux kernel; this one runs a few "
                + "hundred instructions.");
        return b;
    }
}
