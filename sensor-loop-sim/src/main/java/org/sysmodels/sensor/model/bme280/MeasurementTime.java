package org.sysmodels.sensor.model.bme280;

/**
 * Measurement time (BST-BME280-DS001 §9.1): typical 1 + 2·T + [2·P + 0.5] + [2·H + 0.5] ms and maximum
 * 1.25 + 2.3·T + [2.3·P + 0.575] + [2.3·H + 0.575] ms, where T, P, H are the oversampling factors and a bracketed
 * term counts only when that measurement is on. BME280_SensorAPI's {@code bme280_cal_meas_delay} uses the maximum
 * constants but adds both 0.575 ms terms even for skipped measurements ({@link #apiDelayMicros}).
 */
public final class MeasurementTime {

    private MeasurementTime() {
    }

    /** Typical measurement time in ns for oversampling factors t, p, h (0 = skipped). */
    public static long typicalNs(int t, int p, int h) {
        long us = 1000 + 2000L * t + (p > 0 ? 2000L * p + 500 : 0) + (h > 0 ? 2000L * h + 500 : 0);
        return us * 1000;
    }

    /** Maximum measurement time in ns. */
    public static long maximumNs(int t, int p, int h) {
        long us = 1250 + 2300L * t + (p > 0 ? 2300L * p + 575 : 0) + (h > 0 ? 2300L * h + 575 : 0);
        return us * 1000;
    }

    /** The driver's delay in µs: both 575 µs terms always included. */
    public static long apiDelayMicros(int t, int p, int h) {
        return 1250 + 2300L * t + (2300L * p + 575) + (2300L * h + 575);
    }

    /** t_standby in ns for the 3-bit code of config[7:5] (Table 27): 0.5, 62.5, 125, 250, 500, 1000, 10, 20 ms. */
    public static long standbyNs(int code) {
        return switch (code & 7) {
            case 0 -> 500_000L;
            case 1 -> 62_500_000L;
            case 2 -> 125_000_000L;
            case 3 -> 250_000_000L;
            case 4 -> 500_000_000L;
            case 5 -> 1_000_000_000L;
            case 6 -> 10_000_000L;
            default -> 20_000_000L;
        };
    }

    /** IIR filter coefficient for config[4:2] (Table 28): off, 2, 4, 8, 16 (codes above 4 mean 16). */
    public static int filterCoefficient(int code) {
        return switch (code & 7) {
            case 0 -> 1;
            case 1 -> 2;
            case 2 -> 4;
            case 3 -> 8;
            default -> 16;
        };
    }
}
