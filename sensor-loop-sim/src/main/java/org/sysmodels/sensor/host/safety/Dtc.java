package org.sysmodels.sensor.host.safety;

/**
 * Diagnostic trouble codes the firmware reports on the MCU's diagnostic port, each with the reaction it stands for.
 * A report is the firmware saying "my diagnostics found this"; the run's checks time detection from it.
 */
public enum Dtc {
    SENSOR_RANGE(0x10, Reaction.DISCARDED, "reading outside the sensor's operating range"),
    SENSOR_RATE(0x11, Reaction.DISCARDED, "reading changed faster than the process can"),
    SENSOR_FROZEN(0x12, Reaction.EXCLUDED, "raw data unchanged for longer than its noise allows"),
    SENSOR_STALE(0x13, Reaction.EXCLUDED, "no fresh reading within the stale limit"),
    SENSOR_ID(0x14, Reaction.EXCLUDED, "chip id is not 0x60 or the sensor does not answer at start-up"),
    SENSOR_NOISY(0x15, Reaction.EXCLUDED, "too many implausible readings in a row"),
    DISCREPANCY(0x20, Reaction.EXCLUDED, "redundant channels disagree beyond the tolerance"),
    I2C_NACK(0x30, Reaction.DISCARDED, "the sensor did not acknowledge; the reading was retried or held"),
    I2C_BUS_HANG(0x31, Reaction.NONE, "SDA held low; bus clear started"),
    I2C_BUS_RECOVERED(0x32, Reaction.RECOVERED, "bus clear released SDA"),
    I2C_BUS_STUCK(0x33, Reaction.EXCLUDED, "bus clear could not release SDA"),
    PARAM_CRC(0x40, Reaction.SAFE_STATE, "stored parameters fail their CRC"),
    CLOCK(0x41, Reaction.SAFE_STATE, "core clock disagrees with the LSI time base"),
    PROGRAM_FLOW(0x42, Reaction.SAFE_STATE, "checkpoints of a cycle missing or out of order"),
    DEADLINE(0x43, Reaction.SAFE_STATE, "control cycle overran its period"),
    WATCHDOG_RESET(0x44, Reaction.NONE, "started after a watchdog reset"),
    SAFE_STATE(0x50, Reaction.SAFE_STATE, "safe state entered: actuator de-energised");

    private final int code;
    private final Reaction reaction;
    private final String meaning;

    Dtc(int code, Reaction reaction, String meaning) {
        this.code = code;
        this.reaction = reaction;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public Reaction reaction() {
        return reaction;
    }

    public String meaning() {
        return meaning;
    }

    /** The code with number {@code code}, or null. */
    public static Dtc of(int code) {
        for (Dtc d : values()) {
            if (d.code == code) {
                return d;
            }
        }
        return null;
    }
}
