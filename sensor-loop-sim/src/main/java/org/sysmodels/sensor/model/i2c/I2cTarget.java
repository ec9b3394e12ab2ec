package org.sysmodels.sensor.model.i2c;

/**
 * A device on the bus, as the controller sees it byte by byte (UM10204 §3.1): it acknowledges its address, takes
 * written bytes with ACK or NACK, returns read bytes, and sees STOP. A transfer is S, address + R/W, data..., then
 * Sr (repeated START, a new address phase) or P (STOP).
 */
public interface I2cTarget {

    /** 7-bit address. */
    int address();

    /** Address phase of a transfer in direction {@code read}; true = ACK. */
    boolean select(boolean read, long now);

    /** A byte written by the controller; true = ACK. */
    boolean write(int value, long now);

    /** A byte read by the controller. */
    int read(long now);

    /** STOP, or the end of the transfer before a repeated START. */
    void stop(long now);

    /** How long the target holds SCL low before it can take or give byte {@code index} (clock stretching). */
    default long stretchNs(int index) {
        return 0;
    }

    /**
     * False if this target never stretches SCL ({@link #stretchNs} is 0 for every byte): the controller then times
     * a burst as 9 bit times per byte without asking byte by byte.
     */
    default boolean stretches() {
        return true;
    }

    /**
     * {@code len} bytes read in one burst at {@code now}, exactly as {@code len} calls of {@link #read} would return
     * them. A target whose registers cannot change inside a burst may copy them at once.
     */
    default void read(byte[] into, int len, long now) {
        for (int i = 0; i < len; i++) {
            into[i] = (byte) read(now);
        }
    }

    /** Called by the bus-clear clocks: the target gives up a transfer it was in (its state machine resets). */
    default void abandon(long now) {
    }
}
