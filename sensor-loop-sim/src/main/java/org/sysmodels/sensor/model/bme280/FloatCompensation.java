package org.sysmodels.sensor.model.bme280;

/**
 * The data sheet's floating-point compensation (BST-BME280-DS001 §8.1, the same as BME280_SensorAPI's double
 * functions without their clamping): the sensor model's transfer function from physical quantity to raw reading is
 * taken as this formula's inverse, so both integer variants are judged against it.
 */
public final class FloatCompensation {

    private FloatCompensation() {
    }

    /** t_fine as a real number. */
    public static double tFine(Calibration c, double adcT) {
        double var1 = (adcT / 16384.0 - c.t1() / 1024.0) * c.t2();
        double d = adcT / 131072.0 - c.t1() / 8192.0;
        return var1 + d * d * c.t3();
    }

    /** °C. */
    public static double temperature(double tFine) {
        return tFine / 5120.0;
    }

    /** Pa, or NaN when the divisor is 0. */
    public static double pressure(Calibration c, double adcP, double tFine) {
        double var1 = tFine / 2.0 - 64000.0;
        double var2 = var1 * var1 * c.p6() / 32768.0;
        var2 = var2 + var1 * c.p5() * 2.0;
        var2 = var2 / 4.0 + c.p4() * 65536.0;
        var1 = (c.p3() * var1 * var1 / 524288.0 + c.p2() * var1) / 524288.0;
        var1 = (1.0 + var1 / 32768.0) * c.p1();
        if (var1 == 0) {
            return Double.NaN;
        }
        double p = 1048576.0 - adcP;
        p = (p - var2 / 4096.0) * 6250.0 / var1;
        return p + (c.p9() * p * p / 2147483648.0 + p * c.p8() / 32768.0 + c.p7()) / 16.0;
    }

    /** %RH, not clamped. */
    public static double humidity(Calibration c, double adcH, double tFine) {
        double v = tFine - 76800.0;
        double y = (adcH - (c.h4() * 64.0 + c.h5() / 16384.0 * v)) * gainH(c, v);
        return y * (1.0 - c.h1() * y / 524288.0);
    }

    /** The humidity formula's gain at a given t_fine − 76800. */
    static double gainH(Calibration c, double v) {
        return c.h2() / 65536.0 * (1.0 + c.h6() / 67108864.0 * v * (1.0 + c.h3() / 67108864.0 * v));
    }
}
