package org.sysmodels.sensor;

import java.util.ArrayList;
import java.util.List;
import org.sysmodels.core.fault.Fault;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.option.Options;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.sensor.check.FaultClass;
import org.sysmodels.sensor.scenario.SafetySpec;
import org.sysmodels.sensor.scenario.Scenario;
import org.sysmodels.sensor.scenario.SensorSpecJson;

/** Applies the command line's flags on top of a scenario: a flag given wins over the scenario's value. */
final class ScenarioOverrides {

    private ScenarioOverrides() {
    }

    static Scenario apply(Scenario s, Options o) throws UserInputException {
        String arch = o.get(SensorLoopFlags.ARCHITECTURE).orElse(s.architecture());
        List<SensorSpecJson> sensors = s.sensors();
        if (!arch.equals(s.architecture())) {
            sensors = null;    // the default wiring of the new architecture
        }
        SafetySpec sp = s.safety();
        sp = new SafetySpec(sp.trip(), o.get(SensorLoopFlags.FTTI).orElse(sp.ftti()), sp.period(), sp.hazardError(),
                sp.discrepancy(), sp.stale(), sp.frozen(), sp.debounce(),
                o.get(SensorLoopFlags.COMPENSATION).orElse(sp.compensation()));
        List<Fault> faults = new ArrayList<>(s.faults());
        long duration = o.get(SensorLoopFlags.DURATION).orElse(s.duration());
        if (o.has(SensorLoopFlags.INJECT)) {
            for (Fault f : injections(o.get(SensorLoopFlags.INJECT).orElseThrow())) {
                if (f.from() >= duration) {
                    throw new UserInputException("--inject: " + f.kind() + " at " + SimTime.format(f.from())
                            + " comes after the run ends at " + SimTime.format(duration) + ", so it would never be "
                            + "injected; give an earlier time or a longer --duration");
                }
                faults.add(f);
            }
        }
        try {
            return new Scenario(s.description(), duration, arch,
                    o.get(SensorLoopFlags.STYLE).orElse(s.firmware()), s.mcu(), sensors, s.environment(), sp,
                    s.faultModel(), faults);
        } catch (org.sysmodels.core.scenario.InvalidFieldException e) {
            // a flag made the scenario's board one the reference cannot run (e.g. --architecture 2oo3 at a slow clock)
            throw new UserInputException(e.field() + " (with the flags given): " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    /** "sensor-stuck@500ms:sensor1,i2c-bus-hang" → faults (default time 1 s, default target *). */
    static List<Fault> injections(String text) throws UserInputException {
        List<Fault> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            String target = "*";
            int colon = p.indexOf(':');
            if (colon >= 0) {
                target = p.substring(colon + 1);
                p = p.substring(0, colon);
            }
            long at = 1_000_000_000L;
            int atSign = p.indexOf('@');
            if (atSign >= 0) {
                try {
                    at = SimTime.parse(p.substring(atSign + 1));
                } catch (IllegalArgumentException e) {
                    throw new UserInputException("--inject: \"" + p.substring(atSign + 1) + "\" is not a time; write"
                            + " it with a unit, e.g. 500ms");
                }
                p = p.substring(0, atSign);
            }
            if (FaultClass.ofKind(p) == null) {
                throw new UserInputException("--inject: \"" + p + "\" is not a fault kind; kinds: "
                        + String.join(", ", FaultClass.kinds()));
            }
            if (target.isBlank()) {
                throw new UserInputException("--inject: empty target after ':' in \"" + part.strip() + "\"");
            }
            out.add(Fault.once(p, target, at));
        }
        if (out.isEmpty()) {
            throw new UserInputException("--inject: \"" + text + "\" names no fault; give KIND[@TIME][:TARGET],..., "
                    + "e.g. sensor-stuck@500ms:sensor1");
        }
        return out;
    }
}
