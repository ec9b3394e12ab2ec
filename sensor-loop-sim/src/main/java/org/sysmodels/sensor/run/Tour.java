package org.sysmodels.sensor.run;

import java.util.EnumSet;
import java.util.List;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.run.Table;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.sensor.check.FaultClass;
import org.sysmodels.sensor.check.FaultRecord;
import org.sysmodels.sensor.host.rtic.RticApp;
import org.sysmodels.sensor.scenario.Scenario;
import org.sysmodels.sensor.scenario.ScenarioCatalogs;

/**
 * The sensor loop's part of {@code sim tour}: a real demand tripping the function (plots of the physical signal,
 * each sensor, the actuator and the watchdogs), a stuck sensor and a hung bus caught in time, the RTIC firmware's
 * response times against their analysed bounds, and a fault campaign with coverage per class.
 */
public final class Tour {

    private Tour() {
    }

    public static RunResult run(long seed, Tracer tracer) throws UserInputException {
        RunResult.Builder b = RunResult.builder(Reports.SYSTEM, "tour: a safety loop that detects its own faults",
                seed);
        LoopRun.Result demand = one("demand", seed, true, tracer, false);
        b.summary("demand: the process heats from 25 °C to 84 °C; the 1oo2 trip de-energises the actuator at 80 °C "
                + (demand.findings().violations() == 0 ? "within the FTTI" : "— LATE (see findings)"));
        demand.plots().forEach(b::plot);
        if (demand.trace() != null) {
            b.trace(demand.trace());
        }
        b.findings(demand.findings());
        b.checks(demand.checker().rules());
        for (String name : List.of("stuck-sensor", "bus-hang", "two-of-three", "clock-fault")) {
            LoopRun.Result r = one(name, seed, false, Tracer.off(), false);
            for (FaultRecord f : r.faults()) {
                b.summary(name + ": " + Reports.oneLine(f, r.setup().fttiNs()));
            }
            b.findings(r.findings());
        }
        LoopRun.Result rtic = one("rtic", seed, false, Tracer.off(), true);
        if (rtic.lastFirmware() instanceof RticApp app) {
            b.table(Reports.rtaTable(app, rtic.rta().worst()));
        }
        b.findings(rtic.findings());
        RunSetup base = RunSetup.of(Scenario.defaults(), "default", seed);
        // The tour shows what the reference catches; the clock drift it cannot see has its own line.
        List<FaultClass> handled = List.copyOf(EnumSet.complementOf(EnumSet.of(FaultClass.CLOCK_DRIFT)));
        Campaign.Result c = Campaign.run(base, new Campaign.Spec(20 * handled.size(), handled, seed, 2),
                FirmwareSource.BARE_METAL, null);
        RunResult cr = Reports.campaign(c, "campaign", seed);
        cr.summary().forEach(b::summary);
        b.summary("not in this campaign: clock-drift, a core clock 5–15 % off, which the reference's LSI cross-check "
                + "cannot tell from the LSI's own drift; sim sensor-loop --campaign 280 counts it as dangerous "
                + "undetected");
        for (Table t : cr.tables()) {
            b.table(t);
        }
        cr.plots().forEach(b::plot);
        b.findings(cr.findings());
        return b.build();
    }

    private static LoopRun.Result one(String name, long seed, boolean record, Tracer tracer, boolean rtic)
            throws UserInputException {
        Scenario s = ScenarioCatalogs.catalog().resolve(name);
        RunSetup setup = RunSetup.of(s, name, seed);
        return LoopRun.run(setup, rtic ? FirmwareSource.RTIC : FirmwareSource.BARE_METAL, s.faultPlan(), seed,
                new LoopRun.Options(record, tracer, null), name);
    }
}
