package org.sysmodels.sensor.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.sysmodels.core.check.Checker;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.check.Severity;
import org.sysmodels.core.fault.FaultPlan;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.student.JavaStudentCode;
import org.sysmodels.core.student.StudentFault;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.core.trace.TraceLog;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.sensor.check.BusCleared;
import org.sysmodels.sensor.check.CheckHub;
import org.sysmodels.sensor.check.DeadlineMet;
import org.sysmodels.sensor.check.FaultReactionWithinFtti;
import org.sysmodels.sensor.check.FaultRecord;
import org.sysmodels.sensor.check.LoopCheck;
import org.sysmodels.sensor.check.MainNeverReturns;
import org.sysmodels.sensor.check.NoHardFault;
import org.sysmodels.sensor.check.NoSpuriousReset;
import org.sysmodels.sensor.check.OutputRefreshed;
import org.sysmodels.sensor.check.ResponseTimeWithinBound;
import org.sysmodels.sensor.check.TripOnDemand;
import org.sysmodels.sensor.host.Firmware;
import org.sysmodels.sensor.host.rtic.RticApp;
import org.sysmodels.sensor.host.rtic.Task;
import org.sysmodels.sensor.model.bme280.Compensation;
import org.sysmodels.sensor.model.core.CoreListener;
import org.sysmodels.sensor.model.core.Exceptions;
import org.sysmodels.sensor.model.core.FirmwareStalled;
import org.sysmodels.sensor.model.core.ResetCause;
import org.sysmodels.sensor.model.io.DiagnosticPort;
import org.sysmodels.sensor.model.physical.Signal;

/**
 * One run: builds the board from a {@link RunSetup}, attaches the checks (and, if asked, the recorder for plots and
 * the trace), arms the fault plan, boots the firmware and runs it to the end. What happened is in the {@link Result}.
 */
public final class LoopRun {

    /** The student-code rule in this slot's word: what the student wrote is firmware. */
    private static final Rule FIRMWARE = StudentFault.rule("firmware");

    /** What a run produced. */
    public record Result(RunSetup setup, String firmware, Rig rig, Checker<LoopCheck> checker, Findings findings,
                         FaultReactionWithinFtti ftti, TripOnDemand trip, ResponseTimeWithinBound rta,
                         List<FaultRecord> faults, List<String[]> diagnostics, int resets, Firmware lastFirmware,
                         List<org.sysmodels.core.run.Plot> plots, TraceLog trace, Finding stalled) {

        /**
         * True unless the firmware stalled the run ({@link org.sysmodels.sensor.model.core.SpinBudget}) before its
         * end.
         */
        public boolean finished() {
            return stalled == null;
        }
    }

    /** Options of a run beyond the setup. */
    public record Options(boolean record, Tracer tracer, JavaStudentCode student) {
        public static final Options CHECKS_ONLY = new Options(false, Tracer.off(), null);
    }

    private LoopRun() {
    }

    public static Result run(RunSetup setup, FirmwareSource source, FaultPlan plan, long seed, Options options,
                             String where) throws UserInputException {
        return run(setup, source, plan, seed, options, where, rig -> { });
    }

    /**
     * As {@link #run(RunSetup, FirmwareSource, FaultPlan, long, Options, String)}, with {@code beforeBoot} given the
     * board once it is wired, before the firmware boots (a benchmark schedules its own events there).
     */
    public static Result run(RunSetup setup, FirmwareSource source, FaultPlan plan, long seed, Options options,
                             String where, Consumer<Rig> beforeBoot) throws UserInputException {
        RandomStreams random = new RandomStreams(seed);
        Rig rig = new Rig(setup.mcu(), setup.environment(), setup.sensors(), setup.params(), random);
        Findings findings = new Findings();
        List<LoopCheck> checks = new ArrayList<>();
        FaultReactionWithinFtti ftti = new FaultReactionWithinFtti(setup.fttiNs(), setup.busOfChannel(), findings);
        TripOnDemand trip = new TripOnDemand(demands(setup.environment().temperature(), setup.tripCelsius(),
                setup.durationNs()), setup.tripCelsius(), setup.fttiNs(), findings);
        checks.add(ftti);
        checks.add(trip);
        checks.add(new OutputRefreshed(setup.fttiNs(), findings));
        checks.add(new BusCleared(setup.fttiNs(), findings));
        checks.add(new NoSpuriousReset(findings));
        checks.add(new NoHardFault(findings, options.student()));
        checks.add(new MainNeverReturns(findings));
        ResponseTimeWithinBound rta = null;
        if (setup.rtic()) {
            rta = new ResponseTimeWithinBound(findings);
            checks.add(rta);
            checks.add(new DeadlineMet(findings));
        }
        Checker<LoopCheck> checker = new Checker<>(checks, findings);
        CheckHub hub = new CheckHub(checks);
        rig.mcu().listen(hub);
        List<String[]> dtcs = new ArrayList<>();
        int[] resets = {0};
        rig.mcu().listen((DiagnosticPort.Listener) (code, channel, now) -> {
            if (dtcs.size() < 200) {
                dtcs.add(new String[] {String.valueOf(now), String.valueOf(code), String.valueOf(channel)});
            }
        });
        rig.mcu().listen(new CoreListener() {
            @Override
            public void reset(ResetCause cause, long now) {
                resets[0]++;
            }
        });
        if (options.student() != null) {
            rig.mcu().listen(new CaughtStop(findings));
        }
        TraceRecorder trace = null;
        if (options.tracer().enabled()) {
            trace = new TraceRecorder(options.tracer(), rig.mcu().i2cCount());
            rig.mcu().listen(trace);
        }
        TraceRecorder tr = trace;
        CheckHub faultHub = hub;
        FaultInjection faults = new FaultInjection(rig, setup, plan, random, tr == null ? faultHub
                : new CheckHub(List.of(new org.sysmodels.sensor.check.LoopObserver() {
                    @Override
                    public void faultInjected(FaultRecord f) {
                        faultHub.faultInjected(f);
                        tr.fault(f);
                    }
                })), where);
        for (int b = 1; b <= rig.mcu().i2cCount(); b++) {
            rig.mcu().i2c(b).setFaults(faults);
        }
        faults.arm();
        Firmware[] last = new Firmware[1];
        Recorder recorder = null;
        if (options.record()) {
            recorder = new Recorder(rig, () -> last[0], setup.params().compensation() == 1 ? Compensation.BOSCH_API
                    : Compensation.DATASHEET, Math.max(1_000_000L, setup.durationNs() / 600));
            recorder.start();
        }
        beforeBoot.accept(rig);
        Finding stalled = null;
        try {
            rig.run(() -> {
                Firmware f = construct(source, options.student(), rig);
                if (f instanceof RticApp app) {
                    app.listen(tr == null ? hub : new org.sysmodels.sensor.host.rtic.TaskListener() {
                        @Override
                        public void released(String t, long r, long d) {
                            hub.released(t, r, d);
                        }

                        @Override
                        public void completed(String t, long r, long e, long b, long d) {
                            hub.completed(t, r, e, b, d);
                            tr.completed(t, r, e, b, d);
                        }
                    });
                    if (tr != null) {
                        for (Task t : app.tasks()) {
                            tr.name(Exceptions.IRQ0 + rig.mcu().timer(app.tasks().indexOf(t)).irq(), t.name());
                        }
                    }
                }
                last[0] = f;
                return f;
            }, setup.durationNs());
        } catch (FirmwareConstructionFailed e) {
            findings.add(e.finding);
        } catch (FirmwareStalled e) {
            stalled = stall(e, rig, setup.durationNs());
            findings.add(stalled);
        }
        long end = rig.scheduler().now();
        checker.finish(end);
        if (trace != null) {
            trace.closeAll(end);
        }
        List<org.sysmodels.core.run.Plot> plots = new ArrayList<>();
        if (recorder != null) {
            plots.addAll(recorder.plots(setup.tripCelsius()));
            plots.add(Recorder.energy(rig.mcu(), end));
        }
        return new Result(setup, options.student() != null ? options.student().fileName() : source.label(), rig,
                checker, findings, ftti, trip, rta, faults.injected(), dtcs, resets[0], last[0], plots,
                options.tracer().enabled() ? options.tracer().log() : null, stalled);
    }

    /**
     * The finding of a run its firmware stalled: the line, the budget spent, and what the MCU would have done (spun
     * there until a running watchdog reset it, or for ever).
     */
    static Finding stall(FirmwareStalled e, Rig rig, long durationNs) {
        String where = StudentFault.firstFrame(e).map(StudentFault::describe).orElse("the firmware");
        boolean watched = rig.mcu().iwdg().started() || rig.mcu().wwdg().active();
        return new Finding(Severity.VIOLATION, FIRMWARE, "did not finish: " + where + " went round its "
                + "loop " + e.iterations() + " times (the budget, SpinBudget.ITERATIONS) while simulated time stood "
                + "still at " + SimTime.format(e.at()) + ": nothing in it lets time pass (mcu.core().wfi(), work(n), "
                + "a peripheral wait), so no interrupt can end it. On the MCU it would spin there "
                + (watched ? "until a running watchdog reset it" : "for ever (no watchdog was running)")
                + "; the run stopped at " + SimTime.format(e.at()) + " of " + SimTime.format(durationNs), e.at(),
                where);
    }

    private static Firmware construct(FirmwareSource source, JavaStudentCode student, Rig rig) {
        if (student == null) {
            return source.create();
        }
        try {
            return student.newInstance(Firmware.class);
        } catch (org.sysmodels.core.student.StudentCodeFailure e) {
            throw new FirmwareConstructionFailed(e.finding());
        } catch (UserInputException e) {
            throw new FirmwareConstructionFailed(new org.sysmodels.core.check.Finding(
                    org.sysmodels.core.check.Severity.VIOLATION, FIRMWARE,
                    e.getMessage(), rig.scheduler().now(), student.fileName()));
        }
    }

    /** The intervals in which the physical temperature is above the trip limit, scanned every millisecond. */
    static List<TripOnDemand.Demand> demands(Signal temperature, double trip, long duration) {
        List<TripOnDemand.Demand> out = new ArrayList<>();
        long step = Math.max(1_000_000L, duration / 200_000);
        long from = -1;
        double peak = Double.NEGATIVE_INFINITY;
        for (long t = 0; t <= duration; t += step) {
            double v = temperature.at(t);
            if (v > trip) {
                if (from < 0) {
                    from = t;
                    peak = v;
                }
                peak = Math.max(peak, v);
            } else if (from >= 0) {
                out.add(new TripOnDemand.Demand(from, t, peak));
                from = -1;
            }
        }
        if (from >= 0) {
            out.add(new TripOnDemand.Demand(from, Long.MAX_VALUE, peak));
        }
        return out;
    }
}
