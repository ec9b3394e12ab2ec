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

    /** Entries of the {@link #ns} cache (a power of two). */
    private static final int CACHED = 32;

    /** Told when the frequency changes, to re-time what counts in core cycles. */
    public interface Listener {
        /** The frequency changed at {@code now}; it was {@code oldHz} until then. */
        void clockChanged(long now, double oldHz);
    }

    private final long nominalHz;
    private double factor = 1.0;
    private double hz;
    private final List<Listener> listeners = new ArrayList<>();
    /**
     * {@link #ns} of recently asked cycle counts at the current frequency, direct-mapped by the count's low bits
     * ({@code cachedCycles} −1: empty), emptied when the frequency changes: firmware charges the same few costs every
     * loop, so most conversions are a look-up instead of a division, with the very same result.
     */
    private final long[] cachedCycles = new long[CACHED];
    private final long[] cachedNs = new long[CACHED];

    public Clock(long nominalHz) {
        if (nominalHz <= 0) {
            throw new IllegalArgumentException("clock frequency must be positive: " + nominalHz);
        }
        this.nominalHz = nominalHz;
        this.hz = nominalHz;
        Arrays.fill(cachedCycles, -1);
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
        int i = (int) cycles & (CACHED - 1);
        if (cachedCycles[i] == cycles && cycles >= 0) {
            return cachedNs[i];
        }
        long ns = Math.round(cycles * 1e9 / hz);
        if (cycles >= 0) {
            cachedCycles[i] = cycles;
            cachedNs[i] = ns;
        }
        return ns;
    }

    /** Core cycles in {@code ns} nanoseconds (rounded down). */
    public long cycles(long ns) {
        return cycles(ns, hz);
    }

    /** Cycles of a clock at {@code atHz} in {@code ns} nanoseconds (rounded down). */
    public static long cycles(long ns, double atHz) {
        return (long) Math.floor(ns * atHz / 1e9);
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
        Arrays.fill(cachedCycles, -1);
        for (Listener l : listeners) {
            l.clockChanged(now, oldHz);
        }
    }
}
