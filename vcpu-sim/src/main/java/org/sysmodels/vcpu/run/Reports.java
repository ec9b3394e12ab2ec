package org.sysmodels.vcpu.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sysmodels.core.metrics.Metrics;
import org.sysmodels.core.run.Plot;
import org.sysmodels.core.run.Series;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.run.Table;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.vcpu.model.kvm.ExitReason;

/** Turns a run's outcome into the lines, figures and tables of its result. */
public final class Reports {

    private static final int[] REASONS = {ExitReason.MMIO, ExitReason.RISCV_SBI, ExitReason.SYSTEM_EVENT,
        ExitReason.INTERNAL_ERROR, ExitReason.INTR, ExitReason.FAIL_ENTRY};

    private Reports() {
    }

    /** Summary, figures, tables, checks, findings and trace of one microVM run. */
    public static RunResult.Builder describe(RunResult.Builder b, MicroVmRun.Outcome o) {
        if (o.startError() != null) {
            b.summary("InstanceStart failed (HTTP 400): " + o.startError());
            return b.checks(o.checker().rules()).findings(o.findings()).trace(o.trace());
        }
        b.summary(String.format(Locale.ROOT, "guest %s, %d vCPU%s, %d MiB, %s mode", o.kernelName(),
                o.harts().size(), o.harts().size() == 1 ? "" : "s", o.scenario().memMib(),
                o.scenario().mode().name().toLowerCase(Locale.ROOT)));
        b.summary("serial console:");
        for (String line : o.console().split("\n", -1)) {
            if (!line.isEmpty()) {
                b.summary("  | " + line);
            }
        }
        String end = o.exitCode() == null ? "the run's time limit ended it" : "the VMM stopped with exit code "
                + o.exitCode().code() + " (" + o.exitCode().rustName() + ")";
        b.summary(String.format(Locale.ROOT, "%s after %s of %s time; %,d guest instructions; %,d exits to the VMM "
                        + "(%,d KVM_EXIT_MMIO)", end, SimTime.format(o.endNs()),
                o.scenario().mode() == org.sysmodels.vcpu.scenario.VcpuScenario.Mode.THREADED ? "real" : "virtual",
                o.instructions(), exitsToVmm(o), o.exits(ExitReason.MMIO)));
        if (o.bootNs() >= 0) {
            b.summary(String.format(Locale.ROOT, "Guest-boot-time = %d us (boot timer written %s after the VMM "
                    + "started)", o.bootNs() / 1000, SimTime.format(o.bootNs())));
        }
        if (o.stats() != null && o.stats().unclaimedMmio > 0) {
            b.summary(String.format(Locale.ROOT, "warning: %,d MMIO access%s at addresses no device claims (read as "
                    + "0, writes dropped; see the memory map in docs/vcpu.md); the first: %s",
                    o.stats().unclaimedMmio, o.stats().unclaimedMmio == 1 ? "" : "es", o.stats().firstUnclaimedMmio));
        }
        o.log().forEach(l -> b.summary("  " + l));
        o.restoreResults().forEach(l -> b.summary("  " + l));
        if (!o.stuckThreads().isEmpty()) {
            b.summary("teardown: vCPU threads " + o.stuckThreads() + " did not end in time");
        }
        b.metrics(metrics(o).snapshot());
        b.table(exitTable(o));
        if (o.stats() != null) {
            b.plot(exitPlot(o));
        }
        return b.checks(o.checker().rules()).findings(o.findings()).trace(o.trace());
    }

    static long exitsToVmm(MicroVmRun.Outcome o) {
        long n = 0;
        if (o.stats() != null) {
            for (long[] e : o.stats().exits) {
                for (long v : e) {
                    n += v;
                }
            }
        }
        return n;
    }

    static Metrics metrics(MicroVmRun.Outcome o) {
        Metrics m = new Metrics();
        m.value("guest instructions", o.instructions(), "");
        m.value("run time", o.endNs(), "ns");
        m.value("KVM_EXIT_MMIO", o.exits(ExitReason.MMIO), "");
        m.value("KVM_EXIT_RISCV_SBI", o.exits(ExitReason.RISCV_SBI), "");
        m.value("KVM_EXIT_SYSTEM_EVENT", o.exits(ExitReason.SYSTEM_EVENT), "");
        if (o.bootNs() >= 0) {
            m.value("guest boot time", o.bootNs(), "ns");
        }
        if (o.stats() != null) {
            m.value("block requests", o.stats().blockRequests, "");
            m.value("rate limiter refusals", o.stats().throttled, "");
        }
        return m;
    }

    /**
     * The exit table as bars: per vCPU, how many times KVM_RUN returned for each reason, on the x axis by its kvm.h
     * code (the order of {@link #REASONS}), so a run whose vCPUs spend their exits on MMIO shows at a glance.
     */
    static Plot exitPlot(MicroVmRun.Outcome o) {
        double[] x = new double[REASONS.length];
        StringBuilder codes = new StringBuilder();
        for (int i = 0; i < REASONS.length; i++) {
            x[i] = REASONS[i];
            codes.append(i == 0 ? "" : ", ").append(REASONS[i]).append(' ').append(ExitReason.name(REASONS[i])
                    .replace("KVM_EXIT_", ""));
        }
        List<Series> series = new ArrayList<>();
        for (int v = 0; v < o.stats().exits.length; v++) {
            double[] y = new double[REASONS.length];
            for (int i = 0; i < REASONS.length; i++) {
                y[i] = o.stats().exits[v][REASONS[i]];
            }
            series.add(new Series("vCPU " + v, x.clone(), y));
        }
        return new Plot("kvm-exits", "KVM exits by reason, per vCPU", "exit reason (kvm.h: " + codes + ")", "exits",
                Plot.Kind.BAR, false, false, series);
    }

    static Table exitTable(MicroVmRun.Outcome o) {
        List<String> header = new ArrayList<>(List.of("vCPU"));
        for (int r : REASONS) {
            header.add(ExitReason.name(r) + " (" + r + ")");
        }
        header.add("KVM_RUN errors");
        List<List<String>> rows = new ArrayList<>();
        if (o.stats() != null) {
            for (int v = 0; v < o.stats().exits.length; v++) {
                List<String> row = new ArrayList<>(List.of(String.valueOf(v)));
                for (int r : REASONS) {
                    row.add(String.format(Locale.ROOT, "%,d", o.stats().exits[v][r]));
                }
                row.add(String.format(Locale.ROOT, "%,d", o.stats().errors[v]));
                rows.add(row);
            }
        }
        return new Table("KVM exits by reason (kvm.h codes): each one a return of KVM_RUN to the VMM", header, rows);
    }
}
