package org.sysmodels.sensor.model.core;

/**
 * The low-speed internal RC oscillator that clocks the independent watchdog and the low-power timer. It is not
 * trimmed: one part's frequency can be far from nominal (STM32L151 data sheet DocID17659 Table 31: 26–56 kHz around
 * a typical 38 kHz; the STM32F4 reference manual RM0090 Table 107 tabulates IWDG timeouts at 32 kHz and sends the
 * reader to the data sheet for the spread), so a watchdog timeout or a clock cross-check against it must allow for
 * that spread, or measure the LSI first.
 *
 * @param nominalHz what the firmware assumes
 * @param actualHz  what this part runs at
 */
public record Lsi(double nominalHz, double actualHz) {

    public static final double NOMINAL_HZ = 32_000;

    public Lsi {
        if (!(nominalHz > 0) || !(actualHz > 0)) {
            throw new IllegalArgumentException("LSI frequencies must be positive");
        }
    }

    public static Lsi nominal() {
        return new Lsi(NOMINAL_HZ, NOMINAL_HZ);
    }

    /** Whole LSI cycles from time 0 to {@code ns}. */
    public long ticks(long ns) {
        return (long) Math.floor(ns * actualHz / 1e9);
    }

    /** The time (ns) at which LSI cycle {@code tick} ends. */
    public long timeOf(long tick) {
        return (long) Math.ceil(tick * 1e9 / actualHz);
    }
}
