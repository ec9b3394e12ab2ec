package org.sysmodels.sensor.host.safety;

/**
 * Compares the core clock with the LSI, two independent time bases (IEC 61508-2 Table A.11): the SysTick ticks the
 * firmware counted against the LSI timer's count over the same interval. The LSI is not trimmed (its frequency
 * varies widely between parts) so the first interval after start-up is taken as the reference, and later intervals
 * must stay within the tolerance of it; the LSI's own drift with temperature after such a measurement (−10…+4 % on an
 * STM32L151, data sheet Table 31) bounds how tight the tolerance can be.
 */
public final class ClockMonitor {

    private final int tolerancePermille;
    private int lastLsi;
    private long lastTicks;
    private double reference = Double.NaN;
    private boolean started;

    public ClockMonitor(int tolerancePermille) {
        this.tolerancePermille = tolerancePermille;
    }

    /** Samples the LSI count ({@code lsiCount}, 16 bits) and the firmware's tick count; false if out of tolerance. */
    public boolean sample(int lsiCount, long ticks) {
        if (!started) {
            started = true;
            lastLsi = lsiCount;
            lastTicks = ticks;
            return true;
        }
        int dl = (lsiCount - lastLsi) & 0xFFFF;
        long dt = ticks - lastTicks;
        lastLsi = lsiCount;
        lastTicks = ticks;
        if (dt <= 0 || dl <= 0) {
            return dl == 0 && dt <= 0;    // nothing elapsed is fine; one time base standing still is not
        }
        double ratio = (double) dl / dt;
        if (Double.isNaN(reference)) {
            reference = ratio;
            return true;
        }
        return Math.abs(ratio - reference) * 1000 <= tolerancePermille * reference;
    }
}
