package org.sysmodels.sensor.model.i2c;

/**
 * Transient faults on the wire, asked for once per transfer: a NACK that the target did not send (noise on SDA
 * during the ACK bit) and bit flips in a byte read. The run layer answers from the scenario's fault plan;
 * {@link #NONE} never injects.
 */
public interface BusFaults {

    BusFaults NONE = new BusFaults() {
    };

    /** True to turn this transfer's address ACK into a NACK. */
    default boolean nack(int bus, int address, long now) {
        return false;
    }

    /** A mask XORed into one byte read in this transfer (0 = none). */
    default int corrupt(int bus, int address, long now) {
        return 0;
    }
}
