package org.sysmodels.sensor.run;

import java.util.List;
import java.util.function.Supplier;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.sensor.host.Firmware;
import org.sysmodels.sensor.host.FirmwareImage;
import org.sysmodels.sensor.host.safety.SafetyParameters;
import org.sysmodels.sensor.model.Mcu;
import org.sysmodels.sensor.model.McuConfig;
import org.sysmodels.sensor.model.bme280.Bme280;
import org.sysmodels.sensor.model.physical.Environment;

/**
 * One board on one scheduler: the MCU, the sensors on their buses in the physical environment, and the parameter
 * flash programmed with the safety function's parameters. A run boots firmware on it.
 */
public final class Rig {

    private final Scheduler sched = new Scheduler(256);
    private final Mcu mcu;
    private final Bme280[] sensors;
    private final int[] busOf;
    private final Environment env;

    public Rig(McuConfig config, Environment env, List<SensorPlacement> placements, SafetyParameters params,
               RandomStreams random) {
        this.env = env;
        this.mcu = new Mcu(config, sched);
        this.sensors = new Bme280[placements.size()];
        this.busOf = new int[placements.size()];
        for (int i = 0; i < sensors.length; i++) {
            SensorPlacement p = placements.get(i);
            sensors[i] = new Bme280(p.spec(), p.calibration(), env, random.stream("sensor/" + i).nextLong());
            busOf[i] = p.bus();
            mcu.bus(p.bus()).attach(sensors[i]);
        }
        if (params != null) {
            mcu.flash().program(params.encode());
        }
    }

    public Mcu mcu() {
        return mcu;
    }

    public Scheduler scheduler() {
        return sched;
    }

    public Environment environment() {
        return env;
    }

    public int sensors() {
        return sensors.length;
    }

    public Bme280 sensor(int i) {
        return sensors[i];
    }

    /** The I2C bus (1-based) sensor {@code i} is on. */
    public int busOf(int i) {
        return busOf[i];
    }

    /** Boots {@code firmware} (a new instance at every reset) and runs until {@code untilNs}. */
    public void run(Supplier<? extends Firmware> firmware, long untilNs) {
        mcu.run(FirmwareImage.of(mcu, firmware), untilNs);
    }
}
