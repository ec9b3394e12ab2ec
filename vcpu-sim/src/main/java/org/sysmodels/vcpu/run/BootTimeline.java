package org.sysmodels.vcpu.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.run.Table;
import org.sysmodels.core.time.SimTime;

/**
 * Where the time of a microVM's start goes: the stages of a real Firecracker boot with the figures Firecracker
 * publishes (SPECIFICATION.md: the VMM is up, to API socket availability, within 8 CPU ms, wall clock 6 to 60 ms,
 * typically 12 ms; InstanceStart to the guest's /sbin/init within 125 ms with a minimal kernel and rootfs) next to
 * this model's own stages for the guest it ran. Firecracker publishes no per-stage split of the 125 ms; the
 * per-request and per-stage costs here are assumptions, said as such, and configurable.
 *
 * @param apiRequestNs cost of one configuration request over the API socket (assumed)
 * @param vmmSetupNs   InstanceStart: create the VM, memory, vCPUs and devices (assumed)
 * @param copyBytesPerNs kernel load bandwidth, bytes per ns (assumed: 10 GB/s memcpy)
 */
public record BootTimeline(long apiRequestNs, long vmmSetupNs, double copyBytesPerNs) {

    public static final BootTimeline DEFAULT = new BootTimeline(100_000, 3_000_000, 10.0);
    /** SPECIFICATION.md: typical wall-clock time from process start to API socket. */
    public static final long PUBLISHED_VMM_START_NS = 12_000_000;
    /** SPECIFICATION.md: InstanceStart to /sbin/init, upper bound. */
    public static final long PUBLISHED_BOOT_NS = 125_000_000;

    /** The getting-started guide's configuration requests before InstanceStart. */
    public static final List<String> GETTING_STARTED = List.of("PUT /logger", "PUT /boot-source",
            "PUT /drives/rootfs", "PUT /network-interfaces/net1");

    /** Adds the timeline for a run of a guest of {@code kernelBytes} that booted in {@code guestBootNs}. */
    public RunResult.Builder describe(RunResult.Builder b, int kernelBytes, long guestBootNs) {
        List<List<String>> rows = new ArrayList<>();
        long t = 0;
        rows.add(row("Firecracker process start → API socket ready", PUBLISHED_VMM_START_NS,
                "≤ 8 CPU ms; wall 6-60 ms, typically 12 ms (SPECIFICATION.md)", t));
        t += PUBLISHED_VMM_START_NS;
        for (String r : GETTING_STARTED) {
            rows.add(row(r, apiRequestNs, "not published: assumed " + SimTime.format(apiRequestNs) + " per request",
                    t));
            t += apiRequestNs;
        }
        long start = t;
        rows.add(row("PUT /actions InstanceStart: VM, memory, vCPUs, devices", vmmSetupNs,
                "not published separately: assumed", t));
        t += vmmSetupNs;
        long load = Math.round(kernelBytes / copyBytesPerNs);
        rows.add(row("kernel load (" + kernelBytes + " bytes of ELF segments)", load,
                "assumed " + copyBytesPerNs + " bytes/ns", t));
        t += load;
        rows.add(row("guest boot to the boot timer's write (simulated)", guestBootNs,
                "this model's guest: simulated instructions and exits", t));
        t += guestBootNs;
        b.table(new Table("Boot timeline: published figures and this model's stages",
                List.of("stage", "takes", "source of the figure", "starts at"), rows));
        b.summary(String.format(Locale.ROOT, "InstanceStart to the guest's boot-timer write: %s here; Firecracker "
                + "publishes ≤ %s to a Linux guest's /sbin/init (minimal kernel and rootfs, serial console off). "
                + "Almost all of those 125 ms are the guest kernel's own boot, which a %d-byte bare-metal guest does "
                + "not have.", SimTime.format(t - start), SimTime.format(PUBLISHED_BOOT_NS), kernelBytes));
        return b;
    }

    private static List<String> row(String stage, long ns, String source, long at) {
        return List.of(stage, SimTime.format(ns), source, SimTime.format(at));
    }
}
