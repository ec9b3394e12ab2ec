package org.sysmodels.sensor.model.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The core clock (HCLK, here also the APB clock PCLK): its nominal frequency and the factor by which the real
 * oscillator deviates from it. A clock fault (a PLL or crystal running slow or fast) changes the factor; everything
 * clocked from it (the core, SysTick, the window watchdog, timers, the I2C bit clock) stretches or shrinks in real
 * time, while the independent watchdog and the LSI timer, clocked by the LSI, do not.
 */
public final class Clock {

    private static final int SMALL = 1024;

    /** Told when the frequency changes, to re-time what counts in core cycles. */
    public interface Listener {
        /** The frequency changed at {@code now}; it was {@code oldHz} until then. */
        void clockChanged(long now, double oldHz);
    }

    private final long nominalHz;
    private double factor = 1.0;
    private double hz;
    private final List<Listener> listeners = new ArrayList<>();
    /** {@link #ns} of small cycle counts at the current frequency, filled as asked (−1: not yet); cleared when the
     *  frequency changes. Firmware charges the same few costs every loop: a look-up instead of a division. */
    private final long[] nsOfCycles = new long[SMALL];

    public Clock(long nominalHz) {
        if (nominalHz <= 0) {
            throw new IllegalArgumentException("clock frequency must be positive: " + nominalHz);
        }
        this.nominalHz = nominalHz;
        this.hz = nominalHz;
        Arrays.fill(nsOfCycles, -1);
    }

    public long nominalHz() {
        return nominalHz;
    }

    /** Actual frequency in Hz. */
    public double hz() {
        return hz;
    }

    public double factor() {
        return factor;
    }

    /** Nanoseconds that {@code cycles} core cycles take at the actual frequency (rounded to the nearest ns). */
    public long ns(long cycles) {
        if (cycles >= 0 && cycles < SMALL) {
            long ns = nsOfCycles[(int) cycles];
            if (ns < 0) {
                ns = nsOfCycles[(int) cycles] = Math.round(cycles * 1e9 / hz);
            }
            return ns;
        }
        return Math.round(cycles * 1e9 / hz);
    }

    /** Core cycles in {@code ns} nanoseconds (rounded down). */
    public long cycles(long ns) {
        return cycles(ns, hz);
    }

    /** Cycles of a clock at {@code atHz} in {@code ns} nanoseconds (rounded down). */
    public static long cycles(long ns, double atHz) {
        return TimeScale.periods(ns, atHz);    // (long) Math.floor(ns * atHz / 1e9)
    }

    /** Re-times an interval that had {@code remainingNs} left at {@code oldHz}: the same cycles at the new rate. */
    public long retime(long remainingNs, double oldHz) {
        return Math.round(remainingNs * oldHz / hz);
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    /** A clock fault: the oscillator now runs at {@code factor} × nominal (1.0 = healthy). */
    public void setFactor(double newFactor, long now) {
        if (!(newFactor > 0)) {
            throw new IllegalArgumentException("clock factor must be positive: " + newFactor);
        }
        double oldHz = hz;
        this.factor = newFactor;
        this.hz = nominalHz * newFactor;
        Arrays.fill(nsOfCycles, -1);
        for (Listener l : listeners) {
            l.clockChanged(now, oldHz);
        }
    }
}
