package org.sysmodels.sensor.model.i2c;

/** Bus activity, for checks and traces. */
public interface I2cListener {

    /** A transfer from {@code start} to {@code end}: {@code bytes} data bytes moved. */
    default void transfer(int bus, int address, boolean read, int bytes, I2cStatus status, long start, long end) {
    }

    /** The bus-clear procedure clocked SCL {@code clocks} times; {@code released} if SDA went high. */
    default void busClear(int bus, int clocks, boolean released, long start, long end) {
    }

    /** SDA became stuck low ({@code stuck}) or was released. */
    default void sdaStuck(int bus, boolean stuck, long now) {
    }
}
