package org.sysmodels.irp.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.metrics.Metric;
import org.sysmodels.core.run.PercentilePlot;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.run.Table;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.irp.host.DeviceStack;
import org.sysmodels.irp.host.workload.Workload;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.SystemHalt;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.DriverObject;
import org.sysmodels.irp.model.io.IrpMajor;
import org.sysmodels.irp.scenario.IrpScenario;
import org.sysmodels.irp.scenario.WorkloadSection;

/** Turns a run's outcome into the result the command line prints: summary, tables, figures, checks, trace. */
public final class IrpReport {

    private IrpReport() {
    }

    /**
     * The inserted driver when none of its devices was in the started stack: its AddDevice created none or did not
     * attach it (IoAttachDeviceToDeviceStack), so no request reaches it. Windows runs such a stack as well, without
     * the driver, which is why it is worth saying. A device that IRP_MN_REMOVE_DEVICE later took out was there.
     */
    static Optional<String> absent(IrpRun.Outcome o) {
        IrpRun.Inserted in = o.options().inserted();
        if (in == null) {
            return Optional.empty();
        }
        DriverObject driver = o.stack().members().stream().filter(m -> m.driver() == in.driver()).findFirst()
                .orElseThrow().object();
        boolean present = o.stack().started().stream().anyMatch(d -> d.DriverObject == driver);
        return present ? Optional.empty() : Optional.of("your driver " + driver.DriverName + " has no device "
                + "in this stack: " + (driver.DriverExtension.AddDevice == null ? "its DriverEntry set no AddDevice "
                + "(DriverObject->DriverExtension->AddDevice), so the PnP manager never asked it for one"
                : "its AddDevice created none or did not attach it with IoAttachDeviceToDeviceStack")
                + ", so no request reached it (Windows starts the stack without it too)");
    }

    /** Adds everything about {@code o} to {@code b}. */
    public static RunResult.Builder describe(RunResult.Builder b, IrpRun.Outcome o) {
        IrpScenario sc = o.scenario();
        if (!sc.description().isEmpty()) {
            b.summary("scenario: " + sc.description());
        }
        if (o.stack() != null) {
            b.summary("stack, top first: " + stackLine(o.stack()));
            absent(o).ifPresent(b::summary);
        }
        b.summary(String.format(Locale.ROOT, "machine: %d processors; controller: %s; workload: %d threads x "
                        + "iodepth %d, %s, %s", sc.processors(), sc.device().hardware() ? sc.device().channels()
                        + (sc.device().channels() == 1 ? " channel, " : " channels, ") + latency(sc) : "none (the RAM disk completes in its dispatch routine)",
                sc.workload().threads(), sc.workload().iodepth(), sc.workload().mode() == null ? "closed loop"
                        : sc.workload().mode().name().toLowerCase(Locale.ROOT) + " loop",
                sc.workload().duration() > 0 ? "for " + SimTime.format(sc.workload().duration())
                        : String.format(Locale.ROOT, "%,d requests", sc.workload().requests())));
        if (sc.cancellation().probability() > 0) {
            b.summary(String.format(Locale.ROOT, "cancellation: %.0f%% of requests, by %s", 100
                    * sc.cancellation().probability(), sc.cancellation().kind().name().toLowerCase(Locale.ROOT)
                    .replace('_', '-')));
        }
        IrpMetrics m = o.metrics();
        b.summary(String.format(Locale.ROOT, "finished %,d of %,d requests by %s of virtual time (%s IRPs/s); "
                        + "%.1f%% pended (IoCallDriver returned STATUS_PENDING)", m.finished(), m.issued(),
                SimTime.format(o.endedAt()), rate(m), m.issued() == 0 ? 0 : 100.0 * m.pended() / m.issued()));
        cutOff(o).forEach(b::summary);
        if (o.workload() != null && o.workload().dropped() > 0) {
            b.summary(String.format(Locale.ROOT, "%,d arrivals were dropped, not issued: their thread already held "
                    + "%,d waiting for a free slot (the offered rate is beyond what this stack serves at iodepth %d)",
                    o.workload().dropped(), Workload.backlogCapacity(), sc.workload().iodepth()));
        }
        if (o.workload() != null && o.workload().waiting() > 0) {
            b.summary(String.format(Locale.ROOT, "%,d arrivals were still waiting for a free slot in their thread "
                    + "when arrivals stopped, and were never issued (the offered rate is beyond what this stack "
                    + "serves at iodepth %d)", o.workload().waiting(), sc.workload().iodepth()));
        }
        if (m.failed() > 0) {
            b.summary(String.format(Locale.ROOT, "of them %,d finished with an error status (the first: %s for %s)",
                    m.failed(), NtStatus.describe(m.firstFailure()), IrpMajor.name(m.firstFailureMajor())));
        }
        if (m.cancelWon() + m.completionWon() > 0) {
            b.summary(String.format(Locale.ROOT, "cancel races: %,d won by the cancel (STATUS_CANCELLED), %,d by the "
                    + "completion", m.cancelWon(), m.completionWon()));
        }
        long cancelledOtherwise = m.finishedCancelled() - m.cancelWon();
        if (cancelledOtherwise > 0) {
            b.summary(String.format(Locale.ROOT, "%,d requests finished STATUS_CANCELLED with no IoCancelIrp called on "
                    + "them (a driver completed them so, as IRP_MJ_CLEANUP does with a closing handle's queued IRPs)",
                    cancelledOtherwise));
        }
        if (o.removal() != null) {
            b.summary("IRP_MN_REMOVE_DEVICE after the workload: " + NtStatus.name(o.removal()));
        }
        SystemHalt halt = o.stop();
        if (halt != null) {
            blueScreen(halt, o.verifier().stopRule()).forEach(b::summary);
        }
        if (m.finished() > 0) {
            b.table(m.latencyTable());
            b.plot(IrpPlots.completions(m.completionsSeries(), IrpMetrics.BUCKET_NS));
            b.plot(PercentilePlot.of("latency-percentiles", "Latency by major function (issue to I/O manager "
                    + "finish)", m.latencyByMajor()));
        }
        if (m.cancelAttempts() + m.cancelIrpCalls() + m.finishedCancelled() > 0) {
            b.table(m.cancelTable());
        }
        if (o.stack() != null) {
            b.table(stackTable(o.stack(), o.dispatches()));
        }
        List<Metric> metrics = new ArrayList<>(m.metrics().snapshot());
        metrics.add(new Metric.Count("IRP packets created (lookaside high-water mark)",
                o.kernel().io().lookaside().created()));
        metrics.add(new Metric.Count("completion routines called", o.kernel().io().completion()
                .completionRoutinesCalled()));
        metrics.add(new Metric.Count("completion APCs queued", o.kernel().io().completion().apcsQueued()));
        metrics.add(new Metric.Count("ISRs run", o.kernel().isrsRun()));
        metrics.add(new Metric.Count("DPCs run", o.kernel().dpcsRun()));
        b.metrics(metrics);
        b.checks(o.verifier().checker().rules()).findings(o.findings());
        if (o.trace() != null) {
            b.trace(o.trace());
        }
        return b;
    }

    /**
     * Why a run did less than it was asked: its request count not reached by the virtual-time cut-off, and the
     * requests still in flight when it ended, which irp-leaked does not judge (they had no chance to finish).
     */
    static List<String> cutOff(IrpRun.Outcome o) {
        List<String> out = new ArrayList<>();
        WorkloadSection w = o.scenario().workload();
        if (o.cutOffAt() >= 0) {
            out.add(String.format(Locale.ROOT, "%,d requests were asked for and not reached: a run issues requests "
                    + "for at most %s of virtual time (a fixed limit; no flag raises it), and by then this one had "
                    + "issued %,d; at its rate (%s IRPs/s) about %s fit, so ask for fewer", w.requests(),
                    SimTime.format(WorkloadSection.LONGEST_NS), o.metrics().issued(), human(o.metrics().irpsPerSecond()),
                    human(o.metrics().irpsPerSecond() * WorkloadSection.LONGEST_NS / 1e9)));
        }
        if (o.inFlight() > 0) {
            out.add(String.format(Locale.ROOT, "%s at %s with %,d requests still in flight after the %s drain (to "
                    + "%s; the machine was still working on them): they had no chance to finish, so irp-leaked does "
                    + "not count them%s", o.cutOffAt() >= 0 ? "cut off" : "ended", SimTime.format(o.cutOffAt() >= 0
                            ? o.cutOffAt() : o.endedAt() - w.drain()), o.inFlight(), SimTime.format(w.drain()),
                    SimTime.format(o.endedAt()), o.cutOffAt() >= 0 ? "" : "; a scenario file's workload.drain gives "
                            + "them longer"));
        }
        return out;
    }

    /** The blue screen, as lines: the stop, where, the rule and its source. */
    public static List<String> blueScreen(SystemHalt halt, Rule rule) {
        List<String> out = new ArrayList<>();
        out.add("*** STOP " + halt.stop().headline());
        out.add("    in " + halt.context().where() + " at " + SimTime.format(halt.context().at())
                + (halt.context().irp().isEmpty() ? "" : ", IRP " + halt.context().irp()));
        if (halt.stop() instanceof Stop.SdvRule) {
            out.add("    (Windows has no run-time bug check for this rule; the simulator stops where it is broken)");
        }
        if (rule != null) {
            out.add("    rule " + rule.name() + ": " + rule.statement() + " (" + rule.source() + ")");
        }
        return out;
    }

    static String stackLine(DeviceStack stack) {
        List<DeviceObject> devices = new ArrayList<>(stack.devices());
        java.util.Collections.reverse(devices);
        List<String> parts = new ArrayList<>();
        for (DeviceObject d : devices) {
            parts.add(d.DriverObject.DriverName + (d.name().isEmpty() ? "" : " " + d.name()) + " (StackSize "
                    + d.StackSize() + ")");
        }
        return String.join(" -> ", parts);
    }

    static Table stackTable(DeviceStack stack, DispatchCounts dispatches) {
        List<List<String>> rows = new ArrayList<>();
        List<DeviceObject> devices = new ArrayList<>(stack.devices());
        java.util.Collections.reverse(devices);
        for (DeviceObject d : devices) {
            DeviceStack.Member m = stack.member(d.DriverObject);
            long[] seen = dispatches.of(d);
            List<String> counts = new ArrayList<>();
            for (int mj = 0; mj < seen.length; mj++) {
                if (seen[mj] > 0) {
                    counts.add(IrpMajor.name(mj).substring("IRP_MJ_".length()) + String.format(Locale.ROOT, " %,d",
                            seen[mj]));
                }
            }
            rows.add(List.of(d.DriverObject.DriverName, m == null ? "" : m.position().word(), d.displayName(),
                    String.valueOf(d.StackSize()), counts.isEmpty() ? "none" : String.join(", ", counts)));
        }
        return new Table("Device stack, top first", List.of("driver", "position", "device object", "StackSize",
                "IRPs its dispatch routines were called with"), rows);
    }

    /**
     * "the last at 19.616 ms: 102.0 k": the rate runs from the first issue to the last finish, which the run's end
     * (after the drain, or at a stop) is not.
     */
    static String rate(IrpMetrics m) {
        return m.finished() == 0 ? "none yet: 0" : "the last at " + SimTime.format(m.lastFinish()) + ": "
                + human(m.irpsPerSecond());
    }

    private static String latency(IrpScenario sc) {
        double mean = sc.device().latency().expectedValue();
        return "mean transfer " + SimTime.format(Math.round(mean));
    }

    /** "1.23 M". */
    static String human(double v) {
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.1f k", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }

    /** "STATUS_PENDING". */
    static String status(int s) {
        return NtStatus.name(s);
    }
}
