package org.sysmodels.sensor.model.i2c;

/**
 * How a transfer ended, with the names of embedded-hal's {@code i2c::ErrorKind}: the controller can tell a missing
 * acknowledge on the address from one on data, a bus it could not take (SDA held low: no START possible) or a
 * transfer that timed out (a target stretching SCL too long). I2C itself has no checksum: a corrupted byte arrives
 * as {@link #OK}.
 */
public enum I2cStatus {
    OK,
    /** No target acknowledged the address (absent, powered off, or not answering). */
    NACK_ADDRESS,
    /** The target did not acknowledge a written byte. */
    NACK_DATA,
    /** SDA or SCL stayed low: the controller could not generate START within its timeout. */
    BUS_BUSY,
    /** SCL held low by a stretching target past the controller's timeout. */
    TIMEOUT,
    /** The controller was already in a transfer (called again from an interrupt handler). */
    OVERRUN
}
