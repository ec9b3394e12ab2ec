package org.sysmodels.sensor.model.io;

import java.util.Arrays;
import org.sysmodels.sensor.model.core.Core;

/**
 * Output pins (one GPIO port, STM32 ODR/BSRR semantics): all low after reset, because a reset puts every pin back in
 * input mode and the board's pull-downs hold the lines low. That is why "de-energised" is the natural safe state of
 * an actuator: a reset alone reaches it.
 */
public final class Gpio {

    /** The actuator's enable line (a heater, a valve): high = energised. */
    public static final int ACTUATOR = 0;
    /** A fault indicator (lamp, relay to a supervisor). */
    public static final int FAULT_LAMP = 1;
    public static final int PINS = 16;

    /** Pin writes, for checks and traces. */
    public interface Listener {
        /** Pin {@code pin} was written {@code level} ({@code changed} if that differs from before). */
        void pin(int pin, boolean level, boolean changed, long now);
    }

    private final Core core;
    private int levels;
    private Listener[] listeners = new Listener[0];

    public Gpio(Core core) {
        this.core = core;
        core.onReset(() -> {
            for (int p = 0; p < PINS; p++) {
                if (get(p)) {
                    write(p, false);
                }
            }
        });
    }

    public void addListener(Listener l) {
        listeners = Arrays.copyOf(listeners, listeners.length + 1);
        listeners[listeners.length - 1] = l;
    }

    /** BSRR write of one pin. */
    public void write(int pin, boolean level) {
        if (pin < 0 || pin >= PINS) {
            throw new IllegalArgumentException("pin " + pin + " is not 0.." + (PINS - 1));
        }
        boolean old = get(pin);
        if (level) {
            levels |= 1 << pin;
        } else {
            levels &= ~(1 << pin);
        }
        for (Listener l : listeners) {
            l.pin(pin, level, old != level, core.now());
        }
    }

    /** ODR read of one pin. */
    public boolean get(int pin) {
        return (levels >>> pin & 1) != 0;
    }
}
