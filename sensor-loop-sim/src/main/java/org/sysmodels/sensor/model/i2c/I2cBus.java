package org.sysmodels.sensor.model.i2c;

import java.util.ArrayList;
import java.util.List;
import org.sysmodels.sensor.model.core.Overrides;

/**
 * The two wires and the targets on them. SDA can be held low: by a target that was cut off mid-read (it keeps
 * driving the bit it was sending until it sees enough SCL clocks to finish its byte: the hang that UM10204 §3.1.16
 * "Bus clear" addresses with up to nine clocks) or by a short circuit that no clocking releases.
 */
public final class I2cBus {

    /** SDA is not held. */
    public static final int FREE = 0;
    /** SDA is shorted low: no number of clocks releases it. */
    public static final int SHORTED = Integer.MAX_VALUE;

    private final int number;
    private final I2cSpeed speed;
    private final List<I2cTarget> targets = new ArrayList<>();
    private final I2cTarget[] byAddress = new I2cTarget[128];
    private I2cListener[] listeners = new I2cListener[0];
    /** The listeners that take transfers (several per loop cycle). */
    private I2cListener[] transferListeners = new I2cListener[0];
    private int sdaHeldForClocks = FREE;
    private I2cTarget holder;

    public I2cBus(int number, I2cSpeed speed) {
        this.number = number;
        this.speed = speed;
    }

    public int number() {
        return number;
    }

    public I2cSpeed speed() {
        return speed;
    }

    public void attach(I2cTarget t) {
        int a = t.address();
        if (a < 0x08 || a > 0x77) {
            throw new IllegalArgumentException("address 0x" + Integer.toHexString(a) + " is reserved or outside 7 bits"
                    + " (UM10204 Table 4: 0x08..0x77 are for devices)");
        }
        if (byAddress[a] != null) {
            throw new IllegalArgumentException("two targets at address 0x" + Integer.toHexString(a) + " on I2C"
                    + number + ": the BME280 has only 0x76 and 0x77 (SDO low or high), so a third one needs another "
                    + "bus");
        }
        byAddress[a] = t;
        targets.add(t);
    }

    public List<I2cTarget> targets() {
        return List.copyOf(targets);
    }

    public I2cTarget target(int address) {
        return address >= 0 && address < 128 ? byAddress[address] : null;
    }

    public void addListener(I2cListener l) {
        listeners = Overrides.append(listeners, l);
        if (Overrides.method(l, I2cListener.class, "transfer", int.class, int.class, boolean.class, int.class,
                I2cStatus.class, long.class, long.class)) {
            transferListeners = Overrides.append(transferListeners, l);
        }
    }

    I2cListener[] listeners() {
        return listeners;
    }

    I2cListener[] transferListeners() {
        return transferListeners;
    }

    /** True while SDA is held low. */
    public boolean sdaLow() {
        return sdaHeldForClocks != FREE;
    }

    /**
     * Fault: {@code by} holds SDA low until it has seen {@code clocks} more SCL pulses (1..9 for a target cut off
     * mid-byte), or for good ({@link #SHORTED}).
     */
    public void holdSda(I2cTarget by, int clocks, long now) {
        if (clocks <= 0) {
            throw new IllegalArgumentException("a hung target releases SDA after 1 or more clocks");
        }
        boolean was = sdaLow();
        holder = by;
        sdaHeldForClocks = clocks;
        if (!was) {
            for (I2cListener l : listeners) {
                l.sdaStuck(number, true, now);
            }
        }
    }

    /** One SCL pulse while SDA is held: the holder counts it. @return true if SDA is released now */
    boolean clockPulse(long now) {
        if (sdaHeldForClocks == FREE) {
            return true;
        }
        if (sdaHeldForClocks != SHORTED) {
            sdaHeldForClocks--;
        }
        if (sdaHeldForClocks == FREE) {
            if (holder != null) {
                holder.abandon(now);
            }
            holder = null;
            for (I2cListener l : listeners) {
                l.sdaStuck(number, false, now);
            }
            return true;
        }
        return false;
    }
}
