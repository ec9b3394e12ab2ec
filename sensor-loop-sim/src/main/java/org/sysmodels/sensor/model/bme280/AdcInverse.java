package org.sysmodels.sensor.model.bme280;

/**
 * The raw readings a part with calibration {@code c} produces for a physical temperature, pressure and humidity: the
 * inverse of {@link FloatCompensation}, solved in closed form (each formula is quadratic in its unknown) and
 * clamped to the ADC's range (20-bit temperature and pressure, 16-bit humidity). A reading outside the sensor's
 * range saturates, as an ADC does.
 */
public final class AdcInverse {

    static final int MAX_20 = (1 << 20) - 1;
    static final int MAX_16 = (1 << 16) - 1;

    private AdcInverse() {
    }

    /** Raw temperature for {@code celsius}. t_fine = 8x·T2 + x²·T3 with x = adc/131072 − T1/8192. */
    public static int temperature(Calibration c, double celsius) {
        double tFine = celsius * 5120.0;
        double x = solve(c.t3(), 8.0 * c.t2(), -tFine);
        return clamp(Math.round((x + c.t1() / 8192.0) * 131072.0), MAX_20);
    }

    /** Raw pressure for {@code pascals} at fine temperature {@code tFine}. */
    public static int pressure(Calibration c, double pascals, double tFine) {
        double var1 = tFine / 2.0 - 64000.0;
        double var2 = var1 * var1 * c.p6() / 32768.0;
        var2 = var2 + var1 * c.p5() * 2.0;
        var2 = var2 / 4.0 + c.p4() * 65536.0;
        double d = (c.p3() * var1 * var1 / 524288.0 + c.p2() * var1) / 524288.0;
        d = (1.0 + d / 32768.0) * c.p1();
        if (d == 0) {
            return MAX_20;
        }
        // pascals = p + (P9·p²/2^31 + P8·p/2^15 + P7)/16, quadratic in p
        double p = solve(c.p9() / 2147483648.0 / 16.0, 1.0 + c.p8() / 32768.0 / 16.0, c.p7() / 16.0 - pascals);
        double adc = 1048576.0 - (p * d / 6250.0 + var2 / 4096.0);
        return clamp(Math.round(adc), MAX_20);
    }

    /** Raw humidity for {@code percent} %RH at fine temperature {@code tFine}. */
    public static int humidity(Calibration c, double percent, double tFine) {
        double v = tFine - 76800.0;
        // percent = y·(1 − H1·y/524288), quadratic in y
        double y = solve(-c.h1() / 524288.0, 1.0, -percent);
        double gain = FloatCompensation.gainH(c, v);
        if (gain == 0) {
            return 0;
        }
        double adc = y / gain + c.h4() * 64.0 + c.h5() / 16384.0 * v;
        return clamp(Math.round(adc), MAX_16);
    }

    /** The root of a·x² + b·x + c = 0 nearest to the linear solution (the branch real calibrations use). */
    static double solve(double a, double b, double c) {
        if (a == 0 || Math.abs(a * c) < 1e-12 * b * b) {
            return -c / b;
        }
        double disc = b * b - 4 * a * c;
        if (disc < 0) {
            return -b / (2 * a);
        }
        double s = Math.sqrt(disc);
        // Numerically stable pair of roots; keep the one nearest −c/b.
        double q = -0.5 * (b + Math.copySign(s, b));
        double r1 = q / a;
        double r2 = c / q;
        double linear = -c / b;
        return Math.abs(r1 - linear) < Math.abs(r2 - linear) ? r1 : r2;
    }

    private static int clamp(long v, int max) {
        return (int) Math.max(0, Math.min(max, v));
    }
}
