package org.sysmodels.sensor.scenario;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import org.sysmodels.core.fault.Fault;
import org.sysmodels.core.fault.FaultPlan;
import org.sysmodels.core.scenario.DurationDeserializer;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.scenario.Range;

/**
 * A sensor-loop scenario: how long to run, the voting architecture and firmware style, the MCU, the sensors and
 * where they sit, the physical environment, the safety function's settings, the size of faults and the fault plan.
 * Everything but the sensors has a default. A board the reference firmware cannot run on ({@link BoardFit}), stale and
 * frozen-data limits a healthy sensor would trip or the run cannot reach ({@link SampleFit}) and an environment
 * outside physics ({@link PhysicalQuantity}) are refused at their field.
 *
 * @param architecture "1oo1", "1oo2" or "2oo3" (must match the number of sensors)
 * @param firmware     "bare-metal" (main loop + SysTick) or "rtic" (tasks and the ceiling protocol)
 */
public record Scenario(String description,
                       @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 10_000_000,
                               max = 3_600_000_000_000L) Long duration,
                       String architecture,
                       String firmware,
                       McuSpec mcu,
                       List<SensorSpecJson> sensors,
                       EnvironmentSpec environment,
                       SafetySpec safety,
                       FaultModel faultModel,
                       List<Fault> faults) {

    public Scenario {
        description = description == null ? "" : description;
        duration = duration == null ? 2_000_000_000L : duration;
        architecture = architecture == null ? "1oo2" : architecture;
        firmware = firmware == null ? "bare-metal" : firmware;
        mcu = mcu == null ? McuSpec.defaults() : mcu;
        safety = safety == null ? SafetySpec.defaults() : safety;
        faultModel = faultModel == null ? FaultModel.defaults() : faultModel;
        environment = environment == null ? EnvironmentSpec.defaults() : environment;
        faults = faults == null ? List.of() : List.copyOf(faults);
        if (!List.of("1oo1", "1oo2", "2oo3").contains(architecture)) {
            throw new InvalidFieldException("architecture", "\"" + architecture + "\" is not an architecture; use "
                    + "\"1oo1\", \"1oo2\" or \"2oo3\"");
        }
        if (!List.of("bare-metal", "rtic").contains(firmware)) {
            throw new InvalidFieldException("firmware", "\"" + firmware + "\" is not a firmware style; use "
                    + "\"bare-metal\" or \"rtic\"");
        }
        int n = architecture.charAt(3) - '0';
        if (sensors == null) {
            sensors = defaultSensors(n);
        }
        if (sensors.size() != n) {
            throw new InvalidFieldException("sensors", architecture + " needs " + n + " sensors, the scenario has "
                    + sensors.size());
        }
        sensors = List.copyOf(sensors);
        for (int i = 0; i < sensors.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (sensors.get(i).bus().equals(sensors.get(j).bus())
                        && sensors.get(i).address().equals(sensors.get(j).address())) {
                    throw new InvalidFieldException("sensors[" + i + "].address", "sensors " + j + " and " + i
                            + " are both at 0x" + Integer.toHexString(sensors.get(i).address()) + " on I2C"
                            + sensors.get(i).bus() + "; a BME280 is at 0x76 or 0x77 (SDO), so put it on another "
                            + "address or bus");
                }
            }
        }
        BoardFit.check(firmware, mcu, sensors, safety);
        SampleFit.check(firmware, duration, mcu, sensors, safety);
    }

    /** One sensor per bus on buses 1 and 2; a third shares bus 1 at 0x77. */
    static List<SensorSpecJson> defaultSensors(int n) {
        List<SensorSpecJson> all = List.of(new SensorSpecJson(1, 0x76, null, null, null, null),
                new SensorSpecJson(2, 0x76, null, null, null, null),
                new SensorSpecJson(1, 0x77, null, null, null, null));
        return all.subList(0, n);
    }

    public FaultPlan faultPlan() {
        return new FaultPlan(faults);
    }

    /** The default scenario: 1oo2, 25 °C, 2 s, no faults. */
    public static Scenario defaults() {
        return new Scenario(null, null, null, null, null, null, null, null, null, null);
    }
}
