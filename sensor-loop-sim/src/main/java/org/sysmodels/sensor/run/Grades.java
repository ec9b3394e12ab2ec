package org.sysmodels.sensor.run;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.sysmodels.core.run.Table;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.sensor.check.FaultClass;
import org.sysmodels.sensor.check.FaultRecord;

/** The coverage part of {@code --grade}: every class's campaign in one table, and the IEC 61508 reading of it. */
public final class Grades {

    private Grades() {
    }

    /** The per-class campaigns as one. */
    public static Campaign.Result merge(List<Campaign.Result> parts, RunSetup setup) {
        Map<FaultClass, Campaign.ClassStats> stats = new EnumMap<>(FaultClass.class);
        List<FaultRecord> records = new ArrayList<>();
        List<FaultClass> classes = new ArrayList<>();
        String firmware = "";
        int n = 0;
        org.sysmodels.core.check.Findings findings = new org.sysmodels.core.check.Findings();
        List<org.sysmodels.core.check.Rule> rules = List.of();
        List<String> unfinished = new ArrayList<>();
        for (Campaign.Result r : parts) {
            unfinished.addAll(r.unfinished());
            findings.addAll(r.findings());
            rules = r.rules();
            stats.putAll(r.stats());
            records.addAll(r.records());
            classes.addAll(r.stats().keySet());
            firmware = r.firmware();
            n += r.records().size();
        }
        if (classes.isEmpty()) {
            classes.add(FaultClass.SENSOR_STUCK);
        }
        return new Campaign.Result(new Campaign.Spec(Math.max(1, n), classes, 0, 1), records, stats,
                setup.architecture().hft(), setup.fttiNs(), firmware, findings, rules, unfinished);
    }

    public static Table coverage(List<Campaign.Result> parts, RunSetup setup) {
        Campaign.Result all = merge(parts, setup);
        List<List<String>> rows = new ArrayList<>();
        for (Campaign.ClassStats s : all.stats().values()) {
            rows.add(List.of(s.cls.kind(), String.valueOf(s.injected), String.valueOf(s.dangerous),
                    Campaign.percent(s.dc()), s.dangerous == 0 ? "-" : Iec61508.dcLevel(s.dc()),
                    s.detectionPercentile(0.99) < 0 ? "-" : SimTime.format(s.detectionPercentile(0.99)),
                    s.dangerous == 0 ? "-" : s.fttiMet() ? "met" : "MISSED (" + (s.undetected + s.detectedLate)
                            + ")"));
        }
        return new Table("diagnostic coverage and FTTI per fault class (FTTI " + SimTime.format(setup.fttiNs())
                + ")", List.of("class", "faults", "dangerous", "DC", "IEC 61508 level", "detect p99", "FTTI"), rows);
    }

    public static List<String> summary(List<Campaign.Result> parts, RunSetup setup) {
        Campaign.Result all = merge(parts, setup);
        return List.of("overall diagnostic coverage " + Campaign.percent(all.dc()) + " (" + Iec61508.dcLevel(all.dc())
                        + "), safe failure fraction " + Campaign.percent(all.sff()) + ", HFT " + all.hft()
                        + " → " + Iec61508.maxSilText(all.sff(), all.hft())
                        + " by IEC 61508-2 Table 3 (type B), if the classes were the only failure modes");
    }
}
