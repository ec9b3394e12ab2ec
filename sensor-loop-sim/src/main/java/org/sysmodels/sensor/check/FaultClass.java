package org.sysmodels.sensor.check;

import java.util.EnumSet;
import java.util.Set;
import org.sysmodels.sensor.host.safety.Reaction;

/**
 * The kinds of fault a run can inject (a scenario's fault plan names them by {@link #kind()}), what each one does,
 * and which reactions count as handling it: a transient fault is handled by dropping the bad sample, a persistent
 * one only by taking the channel out of the vote or by the safe state; a hung bus also by clearing it. A watchdog
 * reset and the actuator going off are always the safe state.
 */
public enum FaultClass {
    SENSOR_STUCK("sensor-stuck", "a sensor's output freezes at its last value", Target.SENSOR, true),
    SENSOR_DRIFT("sensor-drift", "a sensor's temperature drifts away linearly", Target.SENSOR, true),
    SENSOR_NOISE("sensor-noise", "a sensor's temperature gets large extra noise", Target.SENSOR, true),
    SENSOR_SPIKE("sensor-spike", "one measurement is off by a large amount", Target.SENSOR, false),
    SENSOR_SILENT("sensor-silent", "a sensor stops answering on the bus (NACKs its address)", Target.SENSOR, true),
    I2C_BUS_HANG("i2c-bus-hang", "a target holds SDA low mid-byte until clocked free (up to nine clocks)",
            Target.BUS, true),
    I2C_SDA_SHORT("i2c-sda-short", "SDA shorted low: no bus clear releases it", Target.BUS, true),
    I2C_NACK("i2c-nack", "a storm of NACKs: every transfer to a sensor fails for a while", Target.SENSOR, false),
    I2C_CORRUPT("i2c-corrupt", "bits flip in a byte read from a sensor (I2C has no checksum)", Target.SENSOR, false),
    TASK_OVERRUN("task-overrun", "one loop cycle or task runs far longer than its budget", Target.CORE, false),
    PARAM_CORRUPT("param-corrupt", "a bit flips in the stored parameters", Target.CORE, true),
    CLOCK_FAULT("clock-fault", "the core clock runs slow or fast (PLL or crystal fault)", Target.CORE, true),
    /**
     * A core clock 5–15 % off (a wrong crystal, a PLL set up for another one): dangerous, since every period and
     * timeout counted in core cycles is that much off, yet inside the tolerance a cross-check against the untrimmed
     * LSI must allow for the LSI's own drift (−10…+4 % with temperature), so the reference's clock monitor cannot see
     * it. Campaigns include it so that their diagnostic coverage shows the gap instead of hiding it.
     */
    CLOCK_DRIFT("clock-drift", "the core clock runs 5–15 % slow or fast: inside the clock cross-check's tolerance",
            Target.CORE, true),
    MAIN_LOOP_HANG("main-loop-hang", "the main loop hangs in an endless loop; interrupts still run", Target.CORE,
            true);

    /** What a fault hits. */
    public enum Target {
        SENSOR,
        BUS,
        CORE
    }

    private final String kind;
    private final String what;
    private final Target target;
    private final boolean persistent;

    FaultClass(String kind, String what, Target target, boolean persistent) {
        this.kind = kind;
        this.what = what;
        this.target = target;
        this.persistent = persistent;
    }

    /** The name in a fault plan ("sensor-stuck"). */
    public String kind() {
        return kind;
    }

    public String what() {
        return what;
    }

    public Target target() {
        return target;
    }

    /** True when the fault lasts: dropping one sample does not handle it. */
    public boolean persistent() {
        return persistent;
    }

    /** The firmware reactions (from its diagnostic codes) that handle this fault. */
    public Set<Reaction> handledBy() {
        Set<Reaction> r = EnumSet.of(Reaction.SAFE_STATE, Reaction.EXCLUDED);
        if (!persistent) {
            r.add(Reaction.DISCARDED);
        }
        if (this == I2C_BUS_HANG) {
            r.add(Reaction.RECOVERED);
        }
        return r;
    }

    public static FaultClass ofKind(String kind) {
        for (FaultClass c : values()) {
            if (c.kind.equals(kind)) {
                return c;
            }
        }
        return null;
    }

    public static Set<String> kinds() {
        Set<String> s = new java.util.LinkedHashSet<>();
        for (FaultClass c : values()) {
            s.add(c.kind);
        }
        return s;
    }
}
