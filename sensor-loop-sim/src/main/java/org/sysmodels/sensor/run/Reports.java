package org.sysmodels.sensor.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sysmodels.core.lab.BugLab;
import org.sysmodels.core.run.Plot;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.run.Series;
import org.sysmodels.core.run.Table;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.sensor.check.FaultClass;
import org.sysmodels.sensor.check.FaultReactionWithinFtti;
import org.sysmodels.sensor.check.FaultRecord;
import org.sysmodels.sensor.check.Outcome;
import org.sysmodels.sensor.host.rtic.ResponseTimeAnalysis;
import org.sysmodels.sensor.host.rtic.RticApp;
import org.sysmodels.sensor.host.safety.Dtc;
import org.sysmodels.sensor.model.Mcu;
import org.sysmodels.sensor.model.core.PowerState;
import org.sysmodels.sensor.model.io.Gpio;

/** Turns runs and campaigns into the report the command line prints and the HTML report shows. */
public final class Reports {

    public static final String SYSTEM = "sensor-loop";

    /** An honest word that goes with every campaign's coverage figures. */
    public static final List<String> CAMPAIGN_NOTES = List.of(
            "a simulation campaign is evidence for a safety case, not a certificate: IEC 61508 asks for an FMEDA of "
                    + "the real hardware with failure rates (e.g. IEC 61709, SN 29500), systematic capability, "
                    + "proof tests and an assessment; the classes here are the ones this model injects, weighted "
                    + "equally, not the part's real failure modes",
            "Bosch states its sensors \"are not fit for use in life-sustaining or safety-critical systems\" "
                    + "(BME280 data sheet §11.2): a real design would use a sensor qualified for the purpose",
            "IEC 61508-2 Annex A also caps the coverage a technique may claim whatever a campaign measures (e.g. "
                    + "Table A.10: a watchdog without time window counts as low at most)");

    private Reports() {
    }

    /** The report of one run. */
    public static RunResult run(LoopRun.Result r, String title, BugLab lab, long seed) {
        RunResult.Builder b = RunResult.builder(SYSTEM, title, seed);
        Mcu m = r.rig().mcu();
        long end = m.now();
        RunSetup s = r.setup();
        b.summary("firmware " + r.firmware() + " · " + s.architecture().label() + " (HFT " + s.architecture().hft()
                + ") · " + (s.params().compensation() == 1 ? "bosch-api" : "datasheet") + " compensation · "
                + SimTime.format(s.durationNs()) + " · FTTI " + SimTime.format(s.fttiNs()) + " · trip "
                + String.format(Locale.ROOT, "%.2f °C", s.tripCelsius()));
        b.summary("resets " + r.resets() + " · diagnostic reports " + r.diagnostics().size() + " · actuator "
                + (m.gpio().get(Gpio.ACTUATOR) ? "energised" : "de-energised") + " at the end"
                + (m.gpio().get(Gpio.FAULT_LAMP) ? " · fault lamp on" : ""));
        b.summary(String.format(Locale.ROOT, "energy %.3f mJ (run %.1f %%, sleep %.1f %% of the time)",
                1e3 * (m.core().energy().joules(PowerState.RUN, end) + m.core().energy().joules(PowerState.SLEEP, end)
                        + m.core().energy().joules(PowerState.STOP, end)),
                100.0 * m.core().energy().nanos(PowerState.RUN, end) / Math.max(1, end),
                100.0 * m.core().energy().nanos(PowerState.SLEEP, end) / Math.max(1, end)));
        for (FaultRecord f : r.faults()) {
            b.summary(oneLine(f, s.fttiNs()));
        }
        if (!r.faults().isEmpty()) {
            b.table(faultTable(r.faults(), s.fttiNs()));
        }
        if (!r.diagnostics().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (String[] d : r.diagnostics()) {
                Dtc dtc = Dtc.of(Integer.parseInt(d[1]));
                rows.add(List.of(SimTime.format(Long.parseLong(d[0])), dtc == null ? d[1] : dtc.name(),
                        d[2].equals("-1") ? "-" : d[2], dtc == null ? "" : dtc.meaning(),
                        dtc == null ? "" : dtc.reaction().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
            }
            b.table(new Table("diagnostic reports", List.of("time", "code", "channel", "meaning", "reaction"), rows));
        }
        List<List<String>> energy = new ArrayList<>();
        for (PowerState p : PowerState.values()) {
            energy.add(List.of(p.name().toLowerCase(Locale.ROOT), SimTime.format(m.core().energy().nanos(p, end)),
                    String.format(Locale.ROOT, "%.3f", m.core().energy().profile().milliAmps(p)),
                    String.format(Locale.ROOT, "%.4f", m.core().energy().joules(p, end) * 1e3)));
        }
        b.table(new Table("energy per power state", List.of("state", "time", "current (mA)", "energy (mJ)"),
                energy));
        if (r.lastFirmware() instanceof RticApp app) {
            b.table(rtaTable(app, r.rta() == null ? Map.of() : r.rta().worst()));
        }
        r.plots().forEach(b::plot);
        b.checks(r.checker().rules());
        b.findings(r.findings());
        if (lab != null) {
            b.lab(lab);
        }
        if (r.trace() != null) {
            b.trace(r.trace());
        }
        return b.build();
    }

    static String oneLine(FaultRecord f, long ftti) {
        Outcome o = f.outcome();
        String when = f.effectiveAt() == FaultRecord.NEVER ? "never mattered"
                : f.detectedAt() >= 0 ? "detected after " + SimTime.format(f.detectionTime()) + " by " + f.detectedBy()
                + (f.handledAt() >= 0 ? ", handled after " + SimTime.format(f.reactionTime()) + " (" + f.handledBy()
                + ")" : ", never handled")
                : "not detected" + (f.handledAt() >= 0 ? "; made safe by " + f.handledBy() : "");
        return "fault " + f.describe() + ": " + when + " → " + (o == null ? "?" : o.label())
                + (o != null && o.dangerous() ? (o.ok() ? " within" : " NOT within") + " the FTTI of "
                + SimTime.format(ftti) : "");
    }

    static Table faultTable(List<FaultRecord> faults, long ftti) {
        List<List<String>> rows = new ArrayList<>();
        for (FaultRecord f : faults) {
            rows.add(List.of(f.faultClass().kind(), f.channel() >= 0 ? "ch" + f.channel() : f.bus() >= 0
                            ? "I2C" + f.bus() : "MCU", SimTime.format(f.injectedAt()),
                    f.effectiveAt() == FaultRecord.NEVER ? "never" : SimTime.format(f.effectiveAt()),
                    f.detectedAt() < 0 ? "-" : SimTime.format(f.detectedAt()) + " " + f.detectedBy(),
                    f.handledAt() < 0 ? "-" : SimTime.format(f.handledAt()) + " " + f.handledBy(),
                    f.detectionTime() < 0 ? "-" : SimTime.format(f.detectionTime()),
                    f.reactionTime() < 0 ? "-" : SimTime.format(f.reactionTime()),
                    f.outcome() == null ? "?" : f.outcome().label()));
        }
        return new Table("injected faults (FTTI " + SimTime.format(ftti) + ")", List.of("fault", "where", "injected",
                "matters from", "detected", "handled", "detection time", "reaction time", "outcome"), rows);
    }

    static Table rtaTable(RticApp app, Map<String, Long> worst) {
        List<List<String>> rows = new ArrayList<>();
        for (ResponseTimeAnalysis.Bound bd : app.analysis()) {
            Long w = worst.get(bd.task().name());
            rows.add(List.of(bd.task().name(), String.valueOf(bd.task().priority()),
                    SimTime.format(bd.task().period()), SimTime.format(bd.task().deadline()),
                    SimTime.format(bd.task().wcet()), SimTime.format(bd.blocking()),
                    bd.schedulable() ? SimTime.format(bd.response()) : "> D (" + SimTime.format(bd.response()) + ")",
                    w == null ? "-" : SimTime.format(w),
                    w == null ? "-" : bd.schedulable() && w <= bd.response() ? "within bound" : "EXCEEDED"));
        }
        return new Table("response-time analysis vs measured (R = C + B + Σ⌈R/Tj⌉·Cj)", List.of("task", "priority",
                "period T", "deadline D", "WCET C", "blocking B", "bound R", "measured worst", "verdict"), rows);
    }

    /** Runs that did not finish listed one per line, up to this many. */
    static final int UNFINISHED_SHOWN = 50;

    /** The report of a campaign. */
    public static RunResult campaign(Campaign.Result c, String title, long seed) {
        return campaign(c, title, seed, null);
    }

    /** The same, with the trace of the campaign's first run (or null). */
    public static RunResult campaign(Campaign.Result c, String title, long seed, LoopRun.Result traced) {
        RunResult.Builder b = RunResult.builder(SYSTEM, title, seed);
        if (traced != null && traced.trace() != null) {
            b.trace(traced.trace());
            b.summary("trace: the campaign's first run" + (traced.faults().isEmpty() ? ""
                    : ", " + traced.faults().get(0).describe()));
        }
        b.summary(c.records().size() + " faults injected, one per run, against " + c.firmware() + "; FTTI "
                + SimTime.format(c.fttiNs()));
        double dc = c.dc();
        double sff = c.sff();
        b.summary("diagnostic coverage (all classes, equal rates) " + Campaign.percent(dc) + ": IEC 61508-2 level "
                + Iec61508.dcLevel(dc));
        b.summary("safe failure fraction " + Campaign.percent(sff) + ", HFT " + c.hft() + " → Table 3 (type B): "
                + Iec61508.maxSilText(sff, c.hft()) + " for this architecture");
        CAMPAIGN_NOTES.forEach(n -> b.summary("note: " + n));
        for (int i = 0; i < c.unfinished().size(); i++) {
            if (i == UNFINISHED_SHOWN) {
                b.summary("... and " + (c.unfinished().size() - i) + " more runs did not finish");
                break;
            }
            b.summary(c.unfinished().get(i));
        }
        List<List<String>> rows = new ArrayList<>();
        for (Campaign.ClassStats s : c.stats().values()) {
            rows.add(List.of(s.cls.kind(), String.valueOf(s.injected), String.valueOf(s.dangerous),
                    String.valueOf(s.detectedInTime), String.valueOf(s.detectedLate), String.valueOf(s.undetected),
                    String.valueOf(s.safeTrip + s.noEffect), Campaign.percent(s.dc()),
                    s.dangerous == 0 ? "-" : Iec61508.dcLevel(s.dc()), time(s.detectionPercentile(0.5)),
                    time(s.detectionPercentile(0.99)), time(s.reactionPercentile(0.99)),
                    s.dangerous == 0 ? "-" : s.fttiMet() ? "met" : "MISSED"));
        }
        b.table(new Table("coverage per fault class", List.of("class", "injected", "dangerous", "DD in FTTI",
                "DD late", "DU", "safe", "DC", "DC level", "detect p50", "detect p99", "react p99", "FTTI"), rows));
        b.plot(detectionHistogram(c));
        b.checks(c.rules().isEmpty() ? List.of(FaultReactionWithinFtti.RULE) : c.rules());
        b.findings(c.findings());
        return b.build();
    }

    private static String time(long ns) {
        return ns < 0 ? "-" : SimTime.format(ns);
    }

    static Plot detectionHistogram(Campaign.Result c) {
        double bucket = Math.max(1, c.fttiNs() / 1e6 / 20);
        int n = 21;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * bucket;
        }
        for (FaultRecord f : c.records()) {
            if (f.outcome() != null && f.outcome().dangerous() && f.detectionTime() >= 0) {
                int i = (int) Math.min(n - 1, f.detectionTime() / 1e6 / bucket);
                y[i]++;
            }
        }
        return new Plot("sensor-loop-detection-times", "Detection times of dangerous faults (last bar: ≥ FTTI)",
                "detection time (ms)", "faults", Plot.Kind.BAR, false, false, List.of(new Series("faults", x, y)));
    }

    /** Fault classes from a comma list ("sensor-stuck,i2c-bus-hang"), or every class for null or "all". */
    public static List<FaultClass> classes(String list) {
        if (list == null || list.isBlank() || list.equals("all")) {
            return List.of(FaultClass.values());
        }
        List<FaultClass> out = new ArrayList<>();
        for (String k : list.split(",")) {
            FaultClass c = FaultClass.ofKind(k.strip());
            if (c == null) {
                throw new IllegalArgumentException("\"" + k.strip() + "\" is not a fault class; classes: "
                        + String.join(", ", FaultClass.kinds()));
            }
            out.add(c);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("\"" + list + "\" names no fault class; give one or more of "
                    + String.join(", ", FaultClass.kinds()) + ", or all");
        }
        return out;
    }
}
