package org.sysmodels.sensor.model.bme280;

/**
 * Integer compensation of a BME280's raw readings: the data sheet's formulas ({@link #DATASHEET}, BST-BME280-DS001
 * §4.2.3 and §8.2) or the variant in Bosch's current driver ({@link #BOSCH_API}, BME280_SensorAPI {@code bme280.c}:
 * C division instead of arithmetic shifts, clamped ranges, pressure in 0.01 Pa). The two give different t_fine
 * (by up to 2) below about 0 °C and whenever dig_T3 &lt; 0, because {@code >>} rounds towards minus infinity and
 * {@code /} towards zero; every output names the variant that produced it.
 *
 * <p>32-bit intermediate arithmetic wraps, as it does on a Cortex-M (C leaves signed overflow undefined; real parts'
 * calibrations keep the data sheet's formulas in range).
 */
public sealed interface Compensation permits DatasheetCompensation, BoschApiCompensation {

    Compensation DATASHEET = new DatasheetCompensation();
    Compensation BOSCH_API = new BoschApiCompensation();

    /** "datasheet" or "bosch-api". */
    String name();

    /** Fine temperature (t_fine), which the pressure and humidity formulas take as input. */
    int tFine(Calibration c, int adcT);

    /** Temperature in 0.01 °C from t_fine. */
    int temperature(int tFine);

    /** Pressure in this variant's unit: Q24.8 Pa (data sheet) or 0.01 Pa (driver). */
    long pressure(Calibration c, int adcP, int tFine);

    /** The variant's pressure value in pascals. */
    double pascals(long pressure);

    /** "Pa·256 (Q24.8)" or "0.01 Pa". */
    String pressureUnit();

    /** Relative humidity in Q22.10 (%RH × 1024) in both variants. */
    int humidity(Calibration c, int adcH, int tFine);

    /** The variant named {@code name}, or an exception naming both. */
    static Compensation named(String name) {
        return switch (name) {
            case "datasheet" -> DATASHEET;
            case "bosch-api" -> BOSCH_API;
            default -> throw new IllegalArgumentException("\"" + name + "\" is not a compensation; use datasheet or "
                    + "bosch-api");
        };
    }
}
