package org.sysmodels.sensor.scenario;

import java.util.Locale;

/**
 * The physical inputs a scenario sets, with the values physics allows and the BME280's operating range
 * (BST-BME280-DS001 Table 1: −40…85 °C, 300…1100 hPa, 0…100 %RH). A value outside physics is refused; a physical
 * value outside the operating range is accepted, because the model has a meaning for it: the part's ADC saturates
 * (20-bit temperature and pressure, 16-bit humidity, {@code AdcInverse}), the data sheet's integer compensation
 * (§4.2.3, §8) clamps humidity to 0…100 %RH, Bosch's driver ({@code bosch-api}) also clamps temperature to −40…85 °C
 * and pressure to 300…1100 hPa, and the reference firmware's range check discards a temperature outside −40…85 °C.
 */
public enum PhysicalQuantity {

    /** Above absolute zero, −273.15 °C (exclusive). */
    TEMPERATURE("temperature", "°C", -273.15, false, Double.POSITIVE_INFINITY, -40, 85),
    /** Above 0 Pa (exclusive): a vacuum has no pressure to measure, a negative one does not exist. */
    PRESSURE("pressure", "Pa", 0, false, Double.POSITIVE_INFINITY, 30_000, 110_000),
    /** 0…100 %RH (relative humidity; 100 % is saturation). */
    HUMIDITY("humidity", "%RH", 0, true, 100, 0, 100);

    private final String name;
    private final String unit;
    private final double min;
    private final boolean minIncluded;
    private final double max;
    private final double operatingMin;
    private final double operatingMax;

    PhysicalQuantity(String name, String unit, double min, boolean minIncluded, double max, double operatingMin,
                     double operatingMax) {
        this.name = name;
        this.unit = unit;
        this.min = min;
        this.minIncluded = minIncluded;
        this.max = max;
        this.operatingMin = operatingMin;
        this.operatingMax = operatingMax;
    }

    /** True when {@code v} can exist. */
    public boolean physical(double v) {
        return !Double.isNaN(v) && (minIncluded ? v >= min : v > min) && v <= max;
    }

    /**
     * Why {@code v} is refused, for a message after the field: "150 %RH is not a physical humidity: allowed 0 to
     * 100 %RH; ...".
     */
    public String problem(double v) {
        String allowed = switch (this) {
            case TEMPERATURE -> "allowed above absolute zero, " + number(min) + " °C";
            case PRESSURE -> "allowed above 0 Pa";
            case HUMIDITY -> "allowed 0 to 100 %RH (100 % is saturation)";
        };
        return number(v) + " " + unit + " is not a physical " + name + ": " + allowed + ". The BME280 operates at "
                + operatingRange() + " (BST-BME280-DS001 Table 1); physical values outside that are accepted and "
                + "saturate or clamp as the part and its compensation do";
    }

    /** "−40 to 85 °C". */
    public String operatingRange() {
        return this == PRESSURE ? number(operatingMin / 100) + " to " + number(operatingMax / 100) + " hPa"
                : number(operatingMin) + " to " + number(operatingMax) + " " + unit;
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d)
                : String.format(Locale.ROOT, "%s", d);
    }
}
