package org.sysmodels.presence.gateway.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's CPU time so far, from the first line of Linux's {@code /proc/stat} (proc(5): user nice system idle
 * iowait irq softirq steal, in clock ticks, all CPUs together). Steal is the time the hypervisor ran other guests
 * while this one had work: a figure of the host, printed beside latencies that depend on it.
 *
 * @param busy  user + nice + system + irq + softirq
 * @param idle  idle + iowait
 * @param steal steal
 */
public record HostCpu(long busy, long idle, long steal) {

    private static final Path PROC_STAT = Path.of("/proc/stat");

    /** The first line of {@code /proc/stat} parsed, or null where there is none (not Linux). */
    public static HostCpu read() {
        try {
            return parse(Files.readAllLines(PROC_STAT).get(0));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Parses {@code /proc/stat}'s aggregate "cpu" line. */
    public static HostCpu parse(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        if (!f[0].equals("cpu") || f.length < 9) {
            throw new IllegalArgumentException("not /proc/stat's aggregate cpu line: " + cpuLine);
        }
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7}) {
            busy += Long.parseLong(f[i]);
        }
        return new HostCpu(busy, Long.parseLong(f[4]) + Long.parseLong(f[5]), Long.parseLong(f[8]));
    }

    /** The share of the machine's CPU time since {@code before} that went to steal; 0 when no time passed. */
    public double stealShareSince(HostCpu before) {
        long steal = this.steal - before.steal;
        long all = (busy - before.busy) + (idle - before.idle) + steal;
        return all <= 0 ? 0 : steal / (double) all;
    }
}
