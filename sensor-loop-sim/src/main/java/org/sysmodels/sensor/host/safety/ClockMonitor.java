package org.sysmodels.sensor.host.safety;

/**
 * Compares the core clock with the LSI, two independent time bases (IEC 61508-2 Table A.11): the SysTick ticks the
 * firmware counted against the LSI timer's count over the same interval. The LSI is not trimmed (its frequency
 * varies widely between parts) so the first full window after start-up is taken as the reference, and later windows
 * must stay within the tolerance of it; the LSI's own drift with temperature after such a measurement (−10…+4 % on an
 * STM32L151, data sheet Table 31) bounds how tight the tolerance can be.
 *
 * <p>Sampled every loop cycle over a sliding window of the last {@link #SPAN} samples: long enough that one LSI
 * count is well under 1 % of the window (8 ms at 26 kHz is 208 counts), short enough that a clock at a quarter
 * speed is caught within two or three of its stretched cycles (a check every N cycles would itself be N stretched
 * cycles late).
 */
public final class ClockMonitor {

    /** Samples the comparison spans. */
    public static final int SPAN = 8;

    private final int tolerancePermille;
    private final int[] lsi = new int[SPAN];
    private final long[] ticks = new long[SPAN];
    private long samples;
    private double reference = Double.NaN;

    public ClockMonitor(int tolerancePermille) {
        this.tolerancePermille = tolerancePermille;
    }

    /** Samples the LSI count ({@code lsiCount}, 16 bits) and the firmware's tick count; false if out of tolerance. */
    public boolean sample(int lsiCount, long tickCount) {
        if (samples > 0) {
            int last = (int) ((samples - 1) % SPAN);
            int dl = (lsiCount - lsi[last]) & 0xFFFF;
            long dt = tickCount - ticks[last];
            if (dt <= 0 || dl <= 0) {
                return dl == 0 && dt <= 0;    // nothing elapsed is fine; one time base standing still is not
            }
        }
        int slot = (int) (samples % SPAN);
        boolean ok = true;
        if (samples >= SPAN) {
            int dl = (lsiCount - lsi[slot]) & 0xFFFF;    // the slot still holds the sample SPAN samples ago
            long dt = tickCount - ticks[slot];
            double ratio = (double) dl / dt;
            if (Double.isNaN(reference)) {
                reference = ratio;
            } else {
                ok = Math.abs(ratio - reference) * 1000 <= tolerancePermille * reference;
            }
        }
        lsi[slot] = lsiCount;
        ticks[slot] = tickCount;
        samples++;
        return ok;
    }
}
