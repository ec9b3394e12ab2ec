package org.sysmodels.sensor.model.bme280;

/**
 * The osrs_t, osrs_p and osrs_h codes (BST-BME280-DS001 Tables 20, 23, 24): 000 skips the measurement, 001–100 are
 * ×1 to ×8, and 101 and above all mean ×16.
 */
public final class Oversampling {

    private Oversampling() {
    }

    /** The oversampling factor of a 3-bit code (0 = skipped). */
    public static int factor(int code) {
        return switch (code & 7) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> 2;
            case 3 -> 4;
            case 4 -> 8;
            default -> 16;
        };
    }

    /** The code for a factor (0, 1, 2, 4, 8, 16). */
    public static int code(int factor) {
        return switch (factor) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> 2;
            case 4 -> 3;
            case 8 -> 4;
            case 16 -> 5;
            default -> throw new IllegalArgumentException("oversampling " + factor + " is not 0, 1, 2, 4, 8 or 16");
        };
    }

    /**
     * Bits of resolution of temperature or pressure with the IIR filter off: 16 + (osrs − 1) for codes 1..5, i.e.
     * 16 to 20 bits; 20 bits whenever the filter is on (§3.4.2, §3.4.3).
     */
    public static int resolutionBits(int code, boolean filterOn) {
        if (filterOn) {
            return 20;
        }
        return 16 + Math.min(5, Math.max(1, code & 7)) - 1;
    }
}
