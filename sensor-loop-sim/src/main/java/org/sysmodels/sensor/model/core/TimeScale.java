package org.sysmodels.sensor.model.core;

/**
 * Whole clock periods in a span of time, {@code (long) Math.floor(ns * hz / 1e9)}, bit for bit, without the
 * floating-point division when that is provably the same: a clock read every loop (the LSI timer, the cycle
 * counter) would otherwise wait on a division each time.
 *
 * <p>Why it is the same: with a whole frequency, {@code m = ns · hz} is an integer and the exact quotient is
 * {@code k + r/10⁹} ({@code k = m / 10⁹}, {@code r = m mod 10⁹}). The double expression rounds {@code m} (exact
 * below 2⁵³) and then the quotient, so for {@code k < 2⁴³} it is off by less than {@code k · 2⁻⁵² < 0.002}; its
 * floor is therefore {@code k} whenever {@code r/10⁹} is at least 0.01 from the next integer, and, when {@code m}
 * is exact, also at or just above {@code k} (rounding is monotonic and {@code k} is representable). Anything else
 * (a fractional frequency, a remainder within 1 % of the next integer, huge spans) takes the double expression.
 */
public final class TimeScale {

    private static final long NS_PER_S = 1_000_000_000L;
    /** A remainder this far from 0 and from 10⁹ (0.01 of a period) cannot be moved across by rounding. */
    private static final long MARGIN = 10_000_000L;
    private static final long EXACT_DOUBLE = 1L << 53;
    private static final long SMALL_QUOTIENT = 1L << 43;

    private TimeScale() {
    }

    /** {@code (long) Math.floor(ns * hz / 1e9)}, the same value. */
    public static long periods(long ns, double hz) {
        long whole = (long) hz;
        if (whole == hz && whole > 0 && whole < EXACT_DOUBLE && ns >= 0 && ns < EXACT_DOUBLE) {
            long m = ns * whole;
            if (Math.multiplyHigh(ns, whole) == 0 && m >= 0) {
                long k = (long) (m * 1e-9);    // within one of m / 10⁹ (a multiply, not a 64-bit division) ...
                long r = m - k * NS_PER_S;
                if (r < 0) {                   // ... made exact
                    k--;
                    r += NS_PER_S;
                } else if (r >= NS_PER_S) {
                    k++;
                    r -= NS_PER_S;
                }
                if (k < SMALL_QUOTIENT && r <= NS_PER_S - MARGIN && (m < EXACT_DOUBLE || r >= MARGIN)) {
                    return k;
                }
            }
        }
        return (long) Math.floor(ns * hz / 1e9);
    }
}
